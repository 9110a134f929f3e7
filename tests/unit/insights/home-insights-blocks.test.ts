import { type AppHomeInput, buildAppHome, type HomeInsights } from '../../../src/handoff/blocks/app-home';
import { blockKitProblems } from '../handoff/blocks/block-kit-check';

const insights: HomeInsights = {
  periodLabel: 'Last 7 days',
  conversations: 42,
  handedOff: 8,
  handoffShare: 8 / 42,
  medianTimeToHumanSeconds: 720,
  topTags: [
    { name: 'urgent', count: 5, change: 2 },
    { name: 'a<b', count: 3, change: -1 },
    { name: 'vip', count: 2, change: 0 },
    { name: 'ignored', count: 1, change: 0 },
  ],
  gaps: Array.from({ length: 7 }, (_, i) => ({ label: `topic ${i}`, count: 7 - i, example: `question <${i}>?` })),
};

function home(overrides: Partial<AppHomeInput> = {}) {
  return buildAppHome({
    counts: { pending: 1, human: 0, bot: 3, resolved: 2 },
    groups: [],
    filters: {},
    availableTags: [],
    now: new Date('2026-11-25T12:00:00Z'),
    insights,
    ...overrides,
  });
}

describe('App Home insights blocks', () => {
  it('shows the headline figures and the top 5 gaps above the inbox', () => {
    const view = home();
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Last 7 days', emoji: true } });
    expect(view.blocks[1]).toMatchObject({
      type: 'section',
      fields: [
        { text: '*Conversations*\n42' },
        { text: '*Handed off*\n19% (8)' },
        { text: '*Median time to a specialist*\n12 min' },
        { text: '*Top tags*\nurgent *5* (+2) · a&lt;b *3* (-1) · vip *2*' },
      ],
    });
    const gaps = view.blocks[2]?.type === 'section' ? (view.blocks[2].text?.text ?? '') : '';
    expect(gaps.split('\n')).toEqual([
      '*Knowledge gaps* (questions the AI was unsure about or handed off)',
      '1. *topic 0* (7) — _“question &lt;0&gt;?”_',
      '2. *topic 1* (6) — _“question &lt;1&gt;?”_',
      '3. *topic 2* (5) — _“question &lt;2&gt;?”_',
      '4. *topic 3* (4) — _“question &lt;3&gt;?”_',
      '5. *topic 4* (3) — _“question &lt;4&gt;?”_',
    ]);
    expect(view.blocks[3]).toEqual({ type: 'divider' });
    expect(view.blocks[4]).toMatchObject({ type: 'header', text: { text: 'Shared inbox' } });
  });

  it('names the filters in the heading', () => {
    const view = home({ filters: { tag: 'vip', channel: 'twilio_whatsapp' } });
    expect(view.blocks[0]).toMatchObject({ text: { text: 'Last 7 days · vip · WhatsApp' } });
  });

  it('says when the figures could not be loaded, and keeps the inbox', () => {
    const view = home({ insights: 'unavailable' });
    expect(JSON.stringify(view.blocks[0])).toContain('could not be loaded');
    expect(view.blocks[2]).toMatchObject({ type: 'header', text: { text: 'Shared inbox' } });
  });

  it('stays within 100 blocks with a long inbox', () => {
    const conversations = Array.from({ length: 300 }, (_, i) => ({
      conversationId: `c${i}`,
      travelerLabel: `Traveler ${i}`,
      channel: 'twilio_sms' as const,
      tags: [],
    }));
    const view = home({ groups: [{ state: 'pending', conversations }] });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });
});
