import { createAnswerer } from '../../src/ai/llm/create-answerer';
import { KnowledgeIndex } from '../../src/ai/retrieval/knowledge-index';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../support/fake-openai-server';
import { FakeTwilioServer } from '../support/fake-twilio-server';
import {
  type FaultBaton,
  type PlannedMessage,
  postTwilioMessage,
  sleep,
  startFaultBaton,
  waitFor,
} from '../support/fault-harness';
import { fixtureChunks } from '../unit/ai/retrieval/fixture-chunks';

/**
 * The OpenAI-compatible server hangs (never answers). With the LLM answerer built the way
 * Baton builds it (`createAnswerer`, OPENAI_BASE_URL set) and a short timeout, every traveler
 * still gets one answer — the local knowledge base's — soon after asking.
 */
jest.setTimeout(60_000);

const index = new KnowledgeIndex(fixtureChunks);
const deps = {
  index: { get: async () => index },
  unsureText: 'Let me check that for you.',
  assistant: { name: 'Baton', company: 'Azul', defaultLanguage: 'en', languages: ['en'] },
  logger: { warn: () => undefined },
};
const QUESTION = 'Which number do I dial for an ambulance?';

describe('fault: the LLM server hangs', () => {
  let openai: FakeOpenAiServer;
  let twilio: FakeTwilioServer;
  let baton: FaultBaton;

  beforeAll(async () => {
    openai = await startFakeOpenAiServer();
    twilio = await FakeTwilioServer.start();
    const responder = createAnswerer(
      { baseUrl: openai.url, model: 'fault-model' },
      { ...deps, timeoutMs: 800, maxRetries: 0 },
    );
    baton = await startFaultBaton({ twilio, responder });
  });
  afterAll(async () => {
    await baton?.close();
    await openai?.close();
    await twilio?.close();
  });

  it('answers every traveler once from the local knowledge base, within seconds', async () => {
    const local = await createAnswerer(undefined, deps).respond({
      conversationId: 'x',
      channel: 'twilio_sms',
      message: { id: 'x', text: QUESTION },
    });
    expect(local).toMatchObject({ kind: 'reply', text: expect.stringContaining('112') });
    openai.queueHang({ times: 50 });

    const travelers = Array.from({ length: 10 }, (_, i) => `+1573700${String(i).padStart(4, '0')}`);
    const started = Date.now();
    const statuses = await Promise.all(
      travelers.map((traveler, i) =>
        postTwilioMessage(baton, twilio, {
          traveler,
          body: QUESTION,
          sid: `SM${String(i).padStart(32, 'a')}`,
        } satisfies PlannedMessage),
      ),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitFor(
      async () => travelers.every((t) => twilio.messagesTo(t).length > 0),
      20_000,
      () => `answered: ${travelers.filter((t) => twilio.messagesTo(t).length > 0).length}`,
    );
    const answeredWithinMs = Date.now() - started;
    await sleep(1500);

    expect(openai.chatRequests()).toHaveLength(10); // the model was asked each time…
    expect(openai.chatRequests().every((r) => r.status === 'hung')).toBe(true); // …and never answered
    for (const traveler of travelers) {
      expect(twilio.messagesTo(traveler).map((m) => m.body)).toEqual([(local as { text: string }).text]);
    }
    // 10 questions, each waiting at most its 800 ms timeout (the worker answers them concurrently).
    expect(answeredWithinMs).toBeLessThan(10_000);
  });
});
