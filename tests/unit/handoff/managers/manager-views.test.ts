import type { ConversationState } from '../../../../src/core/conversation-state';
import { buildInboxHome, notInHandoffThread, readHomeFilters } from '../../../../src/handoff/managers/manager-views';
import { blockKitProblems } from '../blocks/block-kit-check';

const counts: Record<ConversationState, number> = { pending: 1, human: 0, bot: 3, resolved: 0 };

describe('home filters kept in the view', () => {
  it.each([
    ['{"tag":"urgent","channel":"twilio_sms"}', { tag: 'urgent', channel: 'twilio_sms' }],
    ['{"tag":"urgent"}', { tag: 'urgent' }],
    ['{}', {}],
    [undefined, {}],
    ['', {}],
    ['not json', {}],
    ['{"channel":"fax"}', {}],
    ['{"tag":""}', {}],
    ['[]', {}],
  ])('%s → %j', (metadata, expected) => {
    expect(readHomeFilters(metadata)).toEqual(expected);
  });

  it('round-trips through the published view', () => {
    const view = buildInboxHome(
      { counts, groups: [], filters: { tag: 'vip', channel: 'whatsapp_web' }, now: new Date() },
      ['vip', 'urgent'],
    );
    expect(view.type).toBe('home');
    expect(readHomeFilters(view.private_metadata)).toEqual({ tag: 'vip', channel: 'whatsapp_web' });
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it('stores no filter when none is set', () => {
    const view = buildInboxHome({ counts, groups: [], filters: {}, now: new Date() }, []);
    expect(view.private_metadata).toBe('{}');
  });
});

describe('notInHandoffThread', () => {
  it('is a closable modal saying where the shortcut works', () => {
    expect(notInHandoffThread).toMatchObject({ type: 'modal', close: { text: 'Close' } });
    expect(notInHandoffThread.submit).toBeUndefined();
    expect(JSON.stringify(notInHandoffThread.blocks)).toContain('not in a handoff thread');
    expect(blockKitProblems(notInHandoffThread.blocks, 100)).toEqual([]);
  });
});
