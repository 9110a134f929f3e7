import { OpenAiEmbedder, toVector } from '../../../../src/ai/embeddings/openai-embedder';
import { createOpenAiClient } from '../../../../src/ai/llm/create-openai-client';
import { type FakeOpenAiServer, fakeEmbedding, startFakeOpenAiServer } from '../../../support/fake-openai-server';

describe('OpenAiEmbedder', () => {
  let fake: FakeOpenAiServer;

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const embedder = (options: { batchSize?: number; dimensions?: number } = {}) =>
    new OpenAiEmbedder({
      client: createOpenAiClient({ baseUrl: fake.url }, { maxRetries: 0, timeoutMs: 2000 }),
      model: 'embed-test',
      ...options,
    });

  it('asks for float vectors with its model and returns one Float32Array per text, in order', async () => {
    const texts = ['shuttle bus', 'ambulance 112', 'boat trip'];
    const vectors = await embedder().embed(texts);
    expect(vectors).toEqual(texts.map((text) => fakeEmbedding(text)));
    expect(vectors[0]).toBeInstanceOf(Float32Array);
    expect(fake.embeddingRequests().map((request) => request.body)).toEqual([
      { model: 'embed-test', input: texts, encoding_format: 'float' },
    ]);
  });

  it('sends at most 96 texts per request', async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `text number ${i}`);
    const vectors = await embedder({ batchSize: 500 }).embed(texts);
    expect(fake.embeddingRequests().map((request) => request.body.input.length)).toEqual([96, 96, 8]);
    expect(vectors).toHaveLength(200);
    expect(vectors[199]).toEqual(fakeEmbedding('text number 199'));
  });

  it('honours a smaller batch size and the dimensions option', async () => {
    const vectors = await embedder({ batchSize: 2, dimensions: 8 }).embed(['a b', 'c d', 'e f']);
    expect(fake.embeddingRequests().map((request) => [request.body.input.length, request.body.dimensions])).toEqual([
      [2, 8],
      [1, 8],
    ]);
    expect(vectors[2]).toEqual(fakeEmbedding('e f', 8));
  });

  it('decodes base64 vectors from a server that sends them anyway', async () => {
    fake.embeddingEncoding = 'base64';
    try {
      await expect(embedder().embed(['late checkout'])).resolves.toEqual([fakeEmbedding('late checkout')]);
    } finally {
      fake.embeddingEncoding = 'as-requested';
    }
  });

  it('makes no request for no texts', async () => {
    await expect(embedder().embed([])).resolves.toEqual([]);
    expect(fake.embeddingRequests()).toHaveLength(0);
  });

  it('throws when the server fails, so callers fall back to lexical retrieval', async () => {
    fake.queueError({ status: 500, endpoint: 'embeddings' });
    await expect(embedder().embed(['x'])).rejects.toMatchObject({ status: 500 });
  });
});

describe('toVector', () => {
  it('decodes little-endian float32 base64, including from an unaligned buffer offset', () => {
    const values = Float32Array.from([0.5, -1.25, 3]);
    const base64 = Buffer.from(values.buffer).toString('base64');
    expect(toVector(base64)).toEqual(values);
    expect(toVector([0.5, -1.25, 3])).toEqual(values);
  });
});
