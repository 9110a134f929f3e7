import { KnowledgeResponder } from '../../../../src/ai/kb-responder';
import { createAnswerer } from '../../../../src/ai/llm/create-answerer';
import { createOpenAiClient, placeholderApiKey } from '../../../../src/ai/llm/create-openai-client';
import { LlmResponder } from '../../../../src/ai/llm-responder';
import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import { BatonError } from '../../../../src/core/errors';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../support/fake-openai-server';
import { fixtureChunks } from '../../../unit/ai/retrieval/fixture-chunks';

const index = new KnowledgeIndex(fixtureChunks);
const deps = {
  index: { get: async () => index },
  unsureText: 'Not sure.',
  assistant: { name: 'Baton', company: 'Azul', defaultLanguage: 'en', languages: ['en'] },
  logger: { warn: () => undefined },
};
const question = {
  conversationId: 'c1',
  channel: 'simulator' as const,
  message: { id: 'm1', text: 'Which number do I dial for an ambulance?' },
};

describe('createAnswerer', () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('answers locally without OpenAI settings', async () => {
    const answerer = createAnswerer(undefined, deps);
    expect(answerer).toBeInstanceOf(KnowledgeResponder);
    await expect(answerer.answer(question)).resolves.toMatchObject({ confident: true });
    expect(fake.requests).toHaveLength(0);
  });

  it('answers with the LLM at OPENAI_BASE_URL, sending a placeholder key when none is set', async () => {
    const answerer = createAnswerer({ baseUrl: fake.url, model: 'llama3.2', embeddingModel: 'nomic-embed-text' }, deps);
    expect(answerer).toBeInstanceOf(LlmResponder);
    await expect(answerer.respond(question)).resolves.toEqual({
      kind: 'reply',
      text: 'Dial 112 for an ambulance, the police or the fire brigade.',
    });
    const [request] = fake.chatRequests();
    expect(request?.body.model).toBe('llama3.2');
    expect(request?.headers.authorization).toBe(`Bearer ${placeholderApiKey}`);
  });

  it('sends the API key when set, and keeps the local answerer as the fallback', async () => {
    const answerer = createAnswerer(
      { apiKey: 'sk-live', baseUrl: fake.url, model: 'gpt-test', embeddingModel: 'e' },
      { ...deps, timeoutMs: 100, maxRetries: 0 },
    );
    fake.queueHang();
    const local = await createAnswerer(undefined, deps).respond(question);
    // The model never answers (it hangs past the timeout): what comes back is the local answer.
    expect(local.kind).toBe('reply');
    await expect(answerer.respond(question)).resolves.toEqual(local);
    expect(fake.chatRequests()[0]?.headers.authorization).toBe('Bearer sk-live');
    expect(fake.chatRequests()).toHaveLength(1);
  });
});

describe('createOpenAiClient', () => {
  it('bounds timeout and retries by default', () => {
    const client = createOpenAiClient({ apiKey: 'sk-x' });
    expect(client.timeout).toBe(15_000);
    expect(client.maxRetries).toBe(2);
    expect(client.baseURL).toBe('https://api.openai.com/v1');
  });

  it('refuses to build a client with neither key nor base URL', () => {
    expect(() => createOpenAiClient({})).toThrow(BatonError);
  });
});
