import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import { retrieve } from '../../../../src/ai/retrieval/retrieve';
import { fixtureChunks } from './fixture-chunks';
import { HashedEmbedder } from './hashed-embedder';

const question = 'How often does the shuttle bus leave the airport?';
const stored = new HashedEmbedder();
const embedded = new KnowledgeIndex(
  fixtureChunks.map((chunk) => ({ ...chunk, embedding: stored.vector(`${chunk.headingPath} ${chunk.text}`) })),
);
const lexicalOnly = new KnowledgeIndex(fixtureChunks);

describe('retrieve', () => {
  it('is hybrid with an embedder and an index that has embeddings', async () => {
    const embedder = new HashedEmbedder();
    const retrieval = await retrieve(embedded, question, { embedder, limit: 3 });
    expect(retrieval.mode).toBe('hybrid');
    expect(retrieval.fallbackReason).toBeUndefined();
    expect(retrieval.results).toEqual(embedded.searchHybrid(question, embedder.vector(question), { limit: 3 }));
    expect(embedder.calls).toEqual([[question]]);
  });

  it('is lexical, without calling the embedder, when the index has no embeddings or none is given', async () => {
    const embedder = new HashedEmbedder();
    await expect(retrieve(lexicalOnly, question, { embedder })).resolves.toEqual({
      mode: 'lexical',
      results: lexicalOnly.search(question),
    });
    expect(embedder.calls).toEqual([]);
    await expect(retrieve(embedded, question)).resolves.toEqual({
      mode: 'lexical',
      results: embedded.search(question),
    });
  });

  it('falls back to lexical results when the embedder fails, and says why', async () => {
    const retrieval = await retrieve(embedded, question, { embedder: new HashedEmbedder('m', { fail: true }) });
    expect(retrieval).toEqual({
      mode: 'lexical',
      results: embedded.search(question),
      fallbackReason: 'embedding the question failed: connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('falls back to lexical results when the model gives vectors of another length', async () => {
    const retrieval = await retrieve(embedded, question, { embedder: new HashedEmbedder('large', { dimensions: 32 }) });
    expect(retrieval.mode).toBe('lexical');
    expect(retrieval.fallbackReason).toMatch(/large vector has 32 dimensions but the knowledge base's have 64/);
  });
});
