import type { ChannelKind } from '../../../../src/channels/channel-adapter';
import type { ConversationState } from '../../../../src/core/conversation-state';
import type { ActionsBlock, Block, ButtonElement } from '../../../../src/handoff/blocks/block-kit';
import {
  buildHandoffCard,
  HANDOFF_CLAIM_ACTION_ID,
  HANDOFF_HAND_BACK_ACTION_ID,
  HANDOFF_RESOLVE_ACTION_ID,
  type HandoffCardInput,
  messagesShownWhole,
} from '../../../../src/handoff/blocks/handoff-card';
import { blockKitProblems } from './block-kit-check';

const at = new Date('2025-06-01T14:05:00Z');

function cardInput(overrides: Partial<HandoffCardInput> = {}): HandoffCardInput {
  return {
    conversationId: 'conv_123',
    traveler: { name: 'Ana Lima', address: '+15551234567' },
    channel: 'twilio_sms',
    state: 'pending',
    reason: 'traveler asked for a person',
    tags: [{ name: 'urgent', emoji: ':rotating_light:' }, { name: 'group booking' }],
    collected: { 'Confirmation number': 'ABC123', 'Travel dates': '3–10 July' },
    summary: 'Lost luggage at LIS, wants a callback.',
    recentMessages: [
      { author: 'traveler', text: 'My bag is gone', at },
      { author: 'ai', text: 'I am sorry to hear that.', at },
    ],
    ...overrides,
  };
}

function actionButtons(blocks: Block[]): ButtonElement[] {
  const actions = blocks.filter((block): block is ActionsBlock => block.type === 'actions');
  return actions.flatMap((block) => block.elements as ButtonElement[]);
}

function allText(card: { text: string; blocks: Block[] }): string {
  return JSON.stringify(card);
}

/** Every mrkdwn text of the card, and its notification line: what Slack parses for mentions and links. */
function mrkdwnTexts(card: { text: string; blocks: Block[] }): string {
  const texts = [card.text];
  JSON.stringify(card.blocks, (_key, value) => {
    if (value && value.type === 'mrkdwn') texts.push(value.text);
    return value;
  });
  return texts.join('\n');
}

describe('buildHandoffCard', () => {
  describe('buttons by state', () => {
    const cases: Array<[string, ConversationState, { id: string } | undefined, string[]]> = [
      [
        'pending',
        'pending',
        undefined,
        [HANDOFF_CLAIM_ACTION_ID, HANDOFF_HAND_BACK_ACTION_ID, HANDOFF_RESOLVE_ACTION_ID],
      ],
      [
        'human with an assignee',
        'human',
        { id: 'U0AAA1111' },
        [HANDOFF_HAND_BACK_ACTION_ID, HANDOFF_RESOLVE_ACTION_ID],
      ],
      [
        'human without an assignee',
        'human',
        undefined,
        [HANDOFF_CLAIM_ACTION_ID, HANDOFF_HAND_BACK_ACTION_ID, HANDOFF_RESOLVE_ACTION_ID],
      ],
      ['back with the AI', 'bot', undefined, [HANDOFF_CLAIM_ACTION_ID, HANDOFF_RESOLVE_ACTION_ID]],
      ['resolved', 'resolved', { id: 'U0AAA1111' }, []],
    ];
    it.each(cases)('%s → %j', (_name, state, assignee, expected) => {
      const card = buildHandoffCard(cardInput({ state, ...(assignee && { assignee }) }));
      const buttons = actionButtons(card.blocks);
      expect(buttons.map((item) => item.action_id)).toEqual(expected);
      for (const item of buttons) expect(item.value).toBe('conv_123');
    });

    it('uses the documented action ids', () => {
      expect([HANDOFF_CLAIM_ACTION_ID, HANDOFF_HAND_BACK_ACTION_ID, HANDOFF_RESOLVE_ACTION_ID]).toEqual([
        'handoff_claim',
        'handoff_hand_back',
        'handoff_resolve',
      ]);
    });

    it('asks for confirmation before resolving, in danger style', () => {
      const resolve = actionButtons(buildHandoffCard(cardInput()).blocks).find(
        (item) => item.action_id === HANDOFF_RESOLVE_ACTION_ID,
      );
      expect(resolve?.style).toBe('danger');
      expect(resolve?.confirm?.confirm.text).toBe('Resolve');
      expect(resolve?.confirm?.style).toBe('danger');
    });

    it('shows who resolved it instead of buttons', () => {
      const card = buildHandoffCard(cardInput({ state: 'resolved', resolvedBy: { id: 'U0BBB2222' } }));
      expect(card.blocks.some((block) => block.type === 'actions')).toBe(false);
      const last = card.blocks.at(-1);
      expect(last?.type).toBe('context');
      expect(JSON.stringify(last)).toContain('Resolved by <@U0BBB2222>');
    });

    it('says "Resolved" without a name when nobody is known', () => {
      const card = buildHandoffCard(cardInput({ state: 'resolved' }));
      expect(JSON.stringify(card.blocks.at(-1))).toMatch(/Resolved\. A new message/);
    });
  });

  describe('the traveler number is masked everywhere', () => {
    const cases: Array<[ChannelKind, string, string, string]> = [
      ['twilio_sms', '+15551234567', '+1••••••4567', '5551234567'],
      ['twilio_whatsapp', 'whatsapp:+447700900123', '+4•••••••0123', '7700900123'],
      ['whatsapp_web', '+5511912345678', '+5••••••••5678', '11912345678'],
    ];
    it.each(cases)('%s %s', (channel, address, masked, digits) => {
      const card = buildHandoffCard(cardInput({ channel, traveler: { address } }));
      const json = allText(card);
      expect(json).toContain(masked);
      expect(json).not.toContain(address);
      expect(json).not.toContain(digits);
      expect(card.text).not.toContain(digits);
      // Without a name, the header names the traveler by the masked number.
      expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining(masked) } });
    });
  });

  it.each([
    ['twilio_sms', 'SMS'],
    ['twilio_whatsapp', 'WhatsApp'],
    ['whatsapp_web', 'WhatsApp (linked device)'],
    ['simulator', 'Simulator'],
  ] as Array<[ChannelKind, string]>)('labels the %s channel "%s" in the header', (channel, label) => {
    const card = buildHandoffCard(cardInput({ channel }));
    expect(card.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: `Ana Lima · ${label}`, emoji: true },
    });
  });

  it('shows state, assignee, reason, tags and collected details', () => {
    const json = allText(buildHandoffCard(cardInput({ state: 'human', assignee: { id: 'U0AAA1111' } })));
    for (const expected of [
      'With a specialist',
      '<@U0AAA1111>',
      'traveler asked for a person',
      ':rotating_light: urgent, group booking',
      '*Confirmation number*\\nABC123',
      '*Travel dates*\\n3–10 July',
      'Lost luggage at LIS',
      'My bag is gone',
    ]) {
      expect(json).toContain(expected);
    }
  });

  it('escapes what travelers, the AI and the config wrote', () => {
    const card = buildHandoffCard(
      cardInput({
        traveler: { name: 'Bob <@U0EVIL>', address: '+15551234567' },
        reason: 'keyword "a&b"',
        tags: [{ name: '<!here>' }],
        collected: { 'Ref <x>': 'R&D <!channel>' },
        summary: 'Use <https://evil.example|your bank>',
        recentMessages: [{ author: 'traveler', text: '<!channel> & <@U123> > hi', at }],
      }),
    );
    const json = mrkdwnTexts(card);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U0EVIL>|<@U123>|<https:\/\/evil/);
    // plain_text is never parsed: the header shows the name as written.
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Bob <@U0EVIL> · SMS' } });
    expect(json).toContain('> &lt;!channel&gt; &amp; &lt;@U123&gt; &gt; hi');
    expect(json).toContain('R&amp;D &lt;!channel&gt;');
    expect(json).toContain('Use &lt;https://evil.example|your bank&gt;');
    expect(card.text).toContain('Bob &lt;@U0EVIL&gt;');
    expect(card.text).toContain('a&amp;b');
  });

  it('quotes every line of a recent message and stamps its time', () => {
    const card = buildHandoffCard(cardInput({ recentMessages: [{ author: 'traveler', text: 'one\ntwo', at }] }));
    expect(allText(card)).toContain(
      `*Traveler* <!date^${at.getTime() / 1000}^{time}|2025-06-01 14:05 UTC>\\n> one\\n> two`,
    );
  });

  it('links the previous episode and shows a delivery problem', () => {
    const json = allText(
      buildHandoffCard(
        cardInput({
          previousThreadLink: 'https://acme.slack.com/archives/C1/p1700000000000100',
          deliveryProblem: 'The traveler unsubscribed (replied STOP).',
        }),
      ),
    );
    expect(json).toContain('<https://acme.slack.com/archives/C1/p1700000000000100|an earlier conversation>');
    expect(json).toContain(':warning: *Delivery problem:* The traveler unsubscribed (replied STOP).');
  });

  describe('limits', () => {
    const huge = cardInput({
      traveler: { name: 'N'.repeat(500), address: '+15551234567' },
      reason: 'r&'.repeat(3000),
      tags: Array.from({ length: 300 }, (_, index) => ({ name: `tag-${index}-${'x'.repeat(20)}` })),
      collected: Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`field ${index}`, 'v<'.repeat(2000)])),
      summary: 'S&'.repeat(5000),
      recentMessages: Array.from({ length: 50 }, (_, index) => ({
        author: 'traveler' as const,
        text: `${index} ${'m'.repeat(2000)}`,
        at,
      })),
      deliveryProblem: 'd'.repeat(5000),
      previousThreadLink: 'https://acme.slack.com/archives/C1/p1',
    });

    it('stays within every Block Kit limit with enormous input', () => {
      const card = buildHandoffCard(huge);
      expect(blockKitProblems(card.blocks, 50)).toEqual([]);
      expect(card.text.length).toBeLessThanOrEqual(3000);
    });

    it('cuts long texts with "…"', () => {
      const card = buildHandoffCard(huge);
      const header = card.blocks[0];
      expect(header?.type === 'header' && header.text.text.length).toBe(150);
      expect(header?.type === 'header' && header.text.text.endsWith('…')).toBe(true);
      const summary = card.blocks.find(
        (block) => block.type === 'section' && block.text?.text.startsWith('*AI summary*'),
      );
      expect(summary?.type === 'section' && summary.text?.text.endsWith('…')).toBe(true);
    });

    it('shows 20 collected details and counts the others', () => {
      const card = buildHandoffCard(huge);
      const json = allText(card);
      expect(json).toContain('*field 19*');
      expect(json).not.toContain('*field 20*');
      expect(json).toContain('…and 180 more details');
    });

    it('keeps the newest messages and says older ones are not shown', () => {
      const json = allText(buildHandoffCard(huge));
      expect(json).toContain('> 49 mmm');
      expect(json).not.toContain('> 0 mmm');
      expect(json).toContain('earlier messages not shown');
    });

    it('cuts one long recent message to a few hundred characters', () => {
      const card = buildHandoffCard(cardInput({ recentMessages: [{ author: 'ai', text: 'a'.repeat(5000), at }] }));
      const section = card.blocks.find((block) => block.type === 'section' && block.text?.text.startsWith('*Last'));
      const text = section?.type === 'section' ? (section.text?.text ?? '') : '';
      expect(text).toMatch(/a…$/);
      expect(text.length).toBeLessThan(700);
    });
  });

  describe('messagesShownWhole (the thread relays the others)', () => {
    const message = (id: string, text: string) => ({ id, author: 'traveler' as const, text, at });

    it('names every message the card shows in full', () => {
      const messages = [message('a', 'hello'), message('b', '<b> & more'), message('c', 'x'.repeat(500))];
      expect(messagesShownWhole(messages)).toEqual(['a', 'b', 'c']);
      const json = allText(buildHandoffCard(cardInput({ recentMessages: messages })));
      expect(json).toContain(`> ${'x'.repeat(500)}`);
    });

    it('leaves out a message the card cuts short, and those without an id', () => {
      const messages = [message('a', 'x'.repeat(501)), { author: 'ai' as const, text: 'hi', at }, message('c', 'ok')];
      expect(messagesShownWhole(messages)).toEqual(['c']);
    });

    it('leaves out the older messages the card has no room for', () => {
      // Each 500 characters once escaped: whole, but only a few fit the section.
      const messages = Array.from({ length: 12 }, (_, index) => message(`m${index}`, `${index} ${'&'.repeat(99)}`));
      const shown = messagesShownWhole(messages);
      const json = allText(buildHandoffCard(cardInput({ recentMessages: messages })));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.length).toBeLessThan(10);
      expect(shown).toEqual(messages.slice(-shown.length).map((m) => m.id));
      expect(json).toContain(`> ${12 - shown.length} &amp;`);
      expect(json).not.toContain(`> ${11 - shown.length} &amp;`);
    });
  });

  it('gives the notification line the traveler label and the state, not the number', () => {
    const card = buildHandoffCard(
      cardInput({ traveler: { address: 'whatsapp:+447700900123' }, channel: 'twilio_whatsapp' }),
    );
    expect(card.text).toBe('Handoff: +4•••••••0123 (WhatsApp), waiting for a specialist: traveler asked for a person');
  });
});
