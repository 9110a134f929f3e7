import OpenAI from 'openai';
import { type FakeOpenAiServer, fakeEmbedding, startFakeOpenAiServer } from '../../../support/fake-openai-server';

/** The fake answers the official SDK the way the OpenAI API does; these pin its behaviour. */
describe('fake OpenAI server', () => {
  let fake: FakeOpenAiServer;
  let client: OpenAI;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ apiKey: 'sk-test' });
    client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.url, maxRetries: 0, timeout: 2000 });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it('serves chat completions on /v1 and records the request with its headers', async () => {
    fake.queueChat('Hello!');
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-test');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Hello!' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const [request] = fake.chatRequests();
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.body).toEqual({ model: 'gpt-test', messages: [{ role: 'user', content: 'Hi' }] });
    expect(request?.status).toBe(200);
  });

  it('answers a scripted tool call', async () => {
    fake.queueChat({ toolCall: { name: 'callback' } });
    const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: expect.any(String), type: 'function', function: { name: 'callback', arguments: '{}' } },
    ]);
  });

  it('refuses a wrong API key like OpenAI', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: fake.url, maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'm', messages: [] })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
  });

  it('answers scripted errors with OpenAI error JSON and retry headers', async () => {
    fake.queueError({ status: 429, retryAfterSeconds: 7 });
    const error = await client.chat.completions.create({ model: 'm', messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).code).toBe('rate_limit_exceeded');
  });

  it('never answers a hung request', async () => {
    fake.queueHang();
    await expect(
      client.chat.completions.create({ model: 'm', messages: [] }, { timeout: 100 }),
      // APIConnectionTimeoutError under plain Node; under jest the abort's DOMException comes from
      // another realm, the SDK does not recognise it, and reports a connection error (its parent class).
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    expect(fake.chatRequests()[0]?.status).toBe('hung');
  });

  it('answers unscripted JSON-mode prompts from the first numbered source', async () => {
    const completion = await client.chat.completions.create({
      model: 'm',
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: 'Answer in French (language code "fr").' },
        {
          role: 'user',
          content:
            "Sources:\n[1] a.md › A\nLe bus part toutes les 20 minutes. Il coûte 8 euros.\n\nTraveler's question:\nBus?",
        },
      ],
    });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({
      answer: 'Le bus part toutes les 20 minutes.',
      unsure: false,
      sources: [1],
      language: 'fr',
    });
  });

  it('embeds as base64 float32 by default (what the SDK asks) and the SDK decodes it', async () => {
    const response = await client.embeddings.create({ model: 'embed-test', input: ['shuttle bus airport', 'hello'] });
    expect(fake.embeddingRequests()[0]?.body.encoding_format).toBe('base64');
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    const first = response.data[0]?.embedding ?? [];
    expect(first).toHaveLength(64);
    expect(Float32Array.from(first)).toEqual(fakeEmbedding('shuttle bus airport'));
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
  });

  it('embeds as float arrays when asked, with the requested dimensions', async () => {
    const response = await client.embeddings.create({
      model: 'embed-test',
      input: 'shuttle bus',
      encoding_format: 'float',
      dimensions: 16,
    });
    expect(response.data[0]?.embedding).toEqual(Array.from(fakeEmbedding('shuttle bus', 16)));
  });

  it('gives similar texts similar vectors', () => {
    const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, i) => sum + value * (b[i] ?? 0), 0);
    const bus = fakeEmbedding('When does the shuttle bus leave the airport?');
    expect(cosine(bus, fakeEmbedding('shuttle bus from the airport'))).toBeGreaterThan(0.5);
    expect(Math.abs(cosine(bus, fakeEmbedding('Is breakfast included at my hotel?')))).toBeLessThan(0.5);
  });
});
