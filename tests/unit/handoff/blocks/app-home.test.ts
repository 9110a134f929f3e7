import type { ChannelKind } from '../../../../src/channels/channel-adapter';
import {
  type AppHomeInput,
  buildAppHome,
  HOME_FILTER_ALL,
  HOME_FILTER_CHANNEL_ACTION_ID,
  HOME_FILTER_TAG_ACTION_ID,
  HOME_OPEN_THREAD_ACTION_ID,
  type HomeConversation,
  readHomeFilterSelection,
} from '../../../../src/handoff/blocks/app-home';
import type { ActionsBlock, SectionBlock, StaticSelectElement } from '../../../../src/handoff/blocks/block-kit';
import { blockKitProblems } from './block-kit-check';

const now = new Date('2025-06-01T15:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

function conversation(index: number, overrides: Partial<HomeConversation> = {}): HomeConversation {
  return {
    conversationId: `conv_${index}`,
    travelerLabel: `Traveler ${index}`,
    channel: 'twilio_sms',
    tags: [],
    threadLink: `https://acme.slack.com/archives/C1/p${1700000000000000 + index}`,
    ...overrides,
  };
}

function homeInput(overrides: Partial<AppHomeInput> = {}): AppHomeInput {
  return {
    counts: { pending: 2, human: 1, bot: 7, resolved: 40 },
    groups: [
      {
        state: 'human',
        conversations: [conversation(3, { assignee: 'U0AAA1111', channel: 'twilio_whatsapp', tags: ['vip'] })],
      },
      {
        state: 'pending',
        conversations: [
          conversation(1, { tags: ['urgent', 'lost luggage'], waitingSince: minutesAgo(12) }),
          conversation(2, { channel: 'whatsapp_web', waitingSince: minutesAgo(185) }),
        ],
      },
    ],
    filters: {},
    availableTags: ['urgent', 'vip', 'lost luggage'],
    now,
    ...overrides,
  };
}

function texts(view: ReturnType<typeof buildAppHome>): string[] {
  return view.blocks.flatMap((block) => {
    if (block.type === 'section') return [block.text?.text ?? ''];
    if (block.type === 'context') return block.elements.map((element) => element.text);
    if (block.type === 'header') return [block.text.text];
    return [];
  });
}

function filterSelects(view: ReturnType<typeof buildAppHome>): StaticSelectElement[] {
  const actions = view.blocks.find((block): block is ActionsBlock => block.type === 'actions');
  return (actions?.elements ?? []) as StaticSelectElement[];
}

describe('buildAppHome', () => {
  it('shows the inbox: header, counts, filters, then groups by urgency', () => {
    const view = buildAppHome(homeInput());
    expect(view.type).toBe('home');
    expect(texts(view)).toEqual([
      'Shared inbox',
      ':hourglass_flowing_sand: *2* waiting for a specialist   :raising_hand: *1* with a specialist   :robot_face: *7* with the AI   :white_check_mark: *40* resolved',
      ':hourglass_flowing_sand: *Waiting for a specialist* (2)',
      '*Traveler 1* · SMS · urgent, lost luggage · waiting 12 min',
      '*Traveler 2* · WhatsApp (linked device) · waiting 3 h 5 min',
      ':raising_hand: *With a specialist* (1)',
      '*Traveler 3* · WhatsApp · vip · <@U0AAA1111>',
    ]);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it('links each conversation to its thread', () => {
    const view = buildAppHome(homeInput());
    const row = view.blocks.find(
      (block): block is SectionBlock => block.type === 'section' && !!block.text?.text.startsWith('*Traveler 1*'),
    );
    expect(row?.accessory).toMatchObject({
      type: 'button',
      action_id: HOME_OPEN_THREAD_ACTION_ID,
      url: 'https://acme.slack.com/archives/C1/p1700000000000001',
      text: { text: 'Open thread' },
    });
  });

  it('offers tag and channel filters, "All" selected without filters', () => {
    const [tag, channel] = filterSelects(buildAppHome(homeInput()));
    expect(tag?.action_id).toBe('home_filter_tag');
    expect(tag?.options.map((item) => item.text.text)).toEqual(['All tags', 'urgent', 'vip', 'lost luggage']);
    expect(tag?.initial_option?.value).toBe(HOME_FILTER_ALL);
    expect(channel?.action_id).toBe('home_filter_channel');
    expect(channel?.options.map((item) => item.text.text)).toEqual([
      'All channels',
      'SMS',
      'WhatsApp',
      'WhatsApp (linked device)',
      'Simulator',
    ]);
    expect(channel?.initial_option?.value).toBe(HOME_FILTER_ALL);
  });

  it('reflects and applies the filters', () => {
    const view = buildAppHome(homeInput({ filters: { tag: 'urgent', channel: 'twilio_sms' } }));
    const [tag, channel] = filterSelects(view);
    expect(tag?.initial_option).toEqual(tag?.options.find((item) => item.text.text === 'urgent'));
    expect(channel?.initial_option).toEqual(channel?.options.find((item) => item.text.text === 'SMS'));
    const rows = texts(view).filter((text) => text.startsWith('*Traveler'));
    expect(rows).toEqual(['*Traveler 1* · SMS · urgent, lost luggage · waiting 12 min']);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it.each([
    [{ tag: 'vip' }, ['*Traveler 3*']],
    [{ tag: 'lost luggage' }, ['*Traveler 1*']],
    [{ channel: 'whatsapp_web' as ChannelKind }, ['*Traveler 2*']],
    [{ channel: 'twilio_whatsapp' as ChannelKind, tag: 'urgent' }, []],
  ])('filters %j keep only %j', (filters, expected) => {
    const rows = texts(buildAppHome(homeInput({ filters }))).filter((text) => text.startsWith('*Traveler'));
    expect(rows.map((text) => text.split(' · ')[0])).toEqual(expected);
  });

  it('keeps a filter tag offered even when it is not among the available tags', () => {
    const [tag] = filterSelects(buildAppHome(homeInput({ filters: { tag: 'retired' } })));
    expect(tag?.initial_option?.text.text).toBe('retired');
  });

  it.each([
    [{}, 'No open conversations. :tada:'],
    [{ channel: 'simulator' as ChannelKind }, 'No conversation matches these filters.'],
  ])('says so when nothing is listed (filters %j)', (filters, message) => {
    const view = buildAppHome(homeInput({ filters, ...(Object.keys(filters).length === 0 && { groups: [] }) }));
    expect(texts(view).at(-1)).toBe(message);
  });

  it('stays within 100 blocks and says how many more there are', () => {
    const pending = Array.from({ length: 300 }, (_, index) => conversation(index, { waitingSince: minutesAgo(index) }));
    const bot = Array.from({ length: 30 }, (_, index) => conversation(1000 + index));
    const view = buildAppHome(
      homeInput({
        groups: [
          { state: 'pending', conversations: pending },
          { state: 'bot', conversations: bot },
        ],
      }),
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const all = texts(view);
    const shownPending = all.filter((text) => /^\*Traveler \d{1,3}\*/.test(text)).length;
    expect(shownPending).toBeGreaterThan(80);
    expect(all).toContain(
      `…and ${300 - shownPending} more waiting for a specialist. Use the filters to narrow the list.`,
    );
    expect(all).toContain(':robot_face: *With the AI* (30)');
    expect(all).toContain('…and 30 more with the AI. Use the filters to narrow the list.');
  });

  it('escapes labels and tags', () => {
    const view = buildAppHome(
      homeInput({
        groups: [{ state: 'pending', conversations: [conversation(1, { travelerLabel: '<!here>', tags: ['a&b'] })] }],
      }),
    );
    expect(texts(view)).toContain('*&lt;!here&gt;* · SMS · a&amp;b');
  });
});

describe('readHomeFilterSelection', () => {
  it.each([
    [HOME_FILTER_TAG_ACTION_ID, 'all', { tag: undefined }],
    [HOME_FILTER_TAG_ACTION_ID, 'tag:urgent', { tag: 'urgent' }],
    [HOME_FILTER_TAG_ACTION_ID, 'tag:all', { tag: 'all' }],
    [HOME_FILTER_CHANNEL_ACTION_ID, 'all', { channel: undefined }],
    [HOME_FILTER_CHANNEL_ACTION_ID, 'channel:whatsapp_web', { channel: 'whatsapp_web' }],
  ])('%s %s → %j', (actionId, value, expected) => {
    expect(readHomeFilterSelection(actionId, value)).toEqual(expected);
  });

  it('reads back every option the home view offers', () => {
    const [tag, channel] = filterSelects(buildAppHome(homeInput()));
    for (const select of [tag, channel]) {
      for (const item of select?.options ?? []) {
        expect(() => readHomeFilterSelection(select?.action_id ?? '', item.value)).not.toThrow();
      }
    }
  });

  it.each([
    [HOME_FILTER_CHANNEL_ACTION_ID, 'channel:fax'],
    [HOME_FILTER_CHANNEL_ACTION_ID, 'tag:urgent'],
    [HOME_FILTER_TAG_ACTION_ID, 'tag:'],
    ['something_else', 'all'],
  ])('rejects %s %s', (actionId, value) => {
    expect(() => readHomeFilterSelection(actionId, value)).toThrow(/is not a value of/);
  });
});
