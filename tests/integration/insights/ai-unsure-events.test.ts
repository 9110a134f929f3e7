import type { Responder, ResponderDecision } from '../../../src/core/responder';
import { loadKnowledgeGaps } from '../../../src/insights/gaps/load-knowledge-gaps';
import { eventually, startTestBaton, type TestBaton } from '../../support/test-baton';

/** Unsure about everything: each traveler message becomes a knowledge-gap candidate. */
class UnsureResponder implements Responder {
  async respond(): Promise<ResponderDecision> {
    return { kind: 'unsure', text: 'Not sure about that one.' };
  }
}

/** The worker records each unsure answer as an `ai_unsure` event naming the traveler message. */
describe('ai_unsure events (simulator, worker)', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ responder: new UnsureResponder() });
  });
  afterAll(() => baton.close());

  it('records the unsure answer with its message, and the question becomes a knowledge gap', async () => {
    const before = new Date(Date.now() - 1000);
    const response = await baton.post('/simulator/messages', { from: 'unsure-1', text: 'Is the ferry dog friendly?' });
    expect(response.status).toBeLessThan(300);
    const event = await eventually(() =>
      baton.runtime.db.conversationEvent.findFirst({ where: { type: 'ai_unsure' } }),
    );
    const message = await baton.runtime.db.message.findFirstOrThrow({ where: { direction: 'inbound' } });
    expect(event).toMatchObject({
      actorKind: 'ai',
      conversationId: message.conversationId,
      data: { messageId: message.id },
    });

    const gaps = await loadKnowledgeGaps(baton.runtime.db, {
      from: before,
      to: new Date(Date.now() + 1000),
      timeZone: 'UTC',
    });
    expect(gaps.gaps).toEqual([
      expect.objectContaining({ label: 'ferry, dog, friendly', count: 1, examples: ['Is the ferry dog friendly?'] }),
    ]);
  });
});
