import type { Responder } from '../../../src/core/responder';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

/**
 * A specialist may claim the conversation while the AI is composing its answer. The turn
 * re-reads the state under the conversation's row lock as it commits: the AI then stays
 * silent, and the message still counts as answered (it is not answered again).
 */
describe('a conversation claimed while the AI answers', () => {
  let baton: TestBaton;
  let calls = 0;
  const responder: Responder = {
    async respond({ conversationId, message }) {
      calls += 1;
      if (message.text === 'claim me') {
        await baton.runtime.db.conversation.update({ where: { id: conversationId }, data: { state: 'human' } });
      }
      return { kind: 'reply', text: `echo: ${message.text}` };
    },
  };
  beforeAll(async () => {
    baton = await startTestBaton({ responder });
  });
  afterAll(() => baton.close());

  it('sends nothing, and marks the message answered once', async () => {
    await baton.post('/simulator/messages', { from: 'claimed', text: 'hello' });
    await eventually(async () => (await phoneOf(baton, 'claimed')).length === 1);

    await baton.post('/simulator/messages', { from: 'claimed', text: 'claim me' });
    const stored = await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { text: 'claim me', respondedAt: { not: null } } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phoneOf(baton, 'claimed')).toHaveLength(1);
    expect(await baton.runtime.db.message.count({ where: { inReplyToId: stored.id } })).toBe(0);
    expect(calls).toBe(2);
  });
});
