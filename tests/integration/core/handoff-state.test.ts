import type { Responder, ResponderInput } from '../../../src/core/responder';
import { changeHandoffState } from '../../../src/handoff/change-handoff-state';
import { eventually, phoneOf, startTestBaton, type TestBaton, testHandoffNotice } from '../../support/test-baton';

/** Hands off on "agent"; answers "slow" only when released; echoes the rest. */
class ScriptedResponder implements Responder {
  release: () => void = () => {};
  thinking: Promise<void> | undefined;
  startedThinking: () => void = () => {};
  async respond({ message }: ResponderInput) {
    if (message.text === 'agent') return { kind: 'handoff' as const, reason: 'traveler asked for a person' };
    if (message.text === 'slow') {
      this.startedThinking();
      await new Promise<void>((resolve) => {
        this.release = resolve;
      });
    }
    return { kind: 'reply' as const, text: `echo: ${message.text}` };
  }
}

describe('handoff states in the core', () => {
  const responder = new ScriptedResponder();
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ responder });
  });
  afterAll(() => baton.close());

  const send = (from: string, text: string) => baton.post('/simulator/messages', { from, text });
  const conversationOf = (address: string) =>
    baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address } },
      include: { events: { orderBy: { seq: 'asc' } } },
    });

  it('opens a handoff when the responder asks: pending, reason recorded, the traveler told, the AI silent after', async () => {
    await send('dana', 'agent');
    await eventually(async () => (await phoneOf(baton, 'dana')).length === 1);
    expect((await phoneOf(baton, 'dana')).map((m) => m.text)).toEqual([testHandoffNotice]);
    const conversation = await conversationOf('dana');
    expect(conversation).toMatchObject({ state: 'pending', handoffReason: 'traveler asked for a person' });
    expect(conversation.events.map((e) => [e.type, e.fromState, e.toState, e.actorKind, e.reason])).toEqual([
      ['conversation_opened', null, 'bot', 'traveler', null],
      ['handoff_opened', 'bot', 'pending', 'ai', 'traveler asked for a person'],
    ]);

    await send('dana', 'hello?');
    await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { text: 'hello?', respondedAt: { not: null } } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phoneOf(baton, 'dana')).toHaveLength(1);
  });

  it('keeps the AI silent when a specialist claims while it is still composing an answer', async () => {
    const thinking = new Promise<void>((resolve) => {
      responder.startedThinking = resolve;
    });
    await send('eli', 'slow');
    await thinking;
    const { id } = await conversationOf('eli');
    const claimed = await baton.runtime.db.$transaction((tx) =>
      changeHandoffState(tx, { conversationId: id, trigger: 'claimed', actor: { kind: 'specialist', id: 'U123' } }),
    );
    expect(claimed).toMatchObject({ changed: true, from: 'bot', to: 'human' });
    responder.release();

    await eventually(() => baton.runtime.db.message.findFirst({ where: { text: 'slow', respondedAt: { not: null } } }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phoneOf(baton, 'eli')).toEqual([]);
    expect(await baton.runtime.db.message.count({ where: { conversationId: id, direction: 'outbound' } })).toBe(0);
    expect((await conversationOf('eli')).assignee).toBe('U123');
  });

  it('hands back to the AI and resolves, refusing what the state machine refuses', async () => {
    await send('fay', 'agent');
    await eventually(async () => (await conversationOf('fay')).state === 'pending');
    const { id } = await conversationOf('fay');
    const change = (trigger: 'claimed' | 'handed_back' | 'resolved') =>
      baton.runtime.db.$transaction((tx) =>
        changeHandoffState(tx, { conversationId: id, trigger, actor: { kind: 'specialist', id: 'U9' } }),
      );
    expect(await change('handed_back')).toMatchObject({ changed: true, to: 'bot' });
    expect(await change('handed_back')).toMatchObject({ changed: false, to: 'bot' }); // bot cannot be handed back
    expect(await change('resolved')).toMatchObject({ changed: true, to: 'resolved' });
    const conversation = await conversationOf('fay');
    expect(conversation.events.map((e) => e.type).slice(-2)).toEqual(['handed_back', 'resolved']);

    await send('fay', 'one more thing');
    await eventually(async () => (await phoneOf(baton, 'fay')).some((m) => m.text === 'echo: one more thing'));
    expect((await conversationOf('fay')).state).toBe('bot');
  });
});
