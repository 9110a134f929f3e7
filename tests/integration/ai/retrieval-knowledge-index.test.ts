import { encodeEmbedding } from '../../../src/ai/retrieval/embedding-bytes';
import { KnowledgeIndexCache } from '../../../src/ai/retrieval/knowledge-index-cache';
import { loadKnowledgeIndex } from '../../../src/ai/retrieval/load-knowledge-index';
import { retrieve } from '../../../src/ai/retrieval/retrieve';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';
import { HashedEmbedder } from '../../unit/ai/retrieval/hashed-embedder';

describe('knowledge index from PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });
  beforeEach(async () => {
    await db.knowledgeDocument.deleteMany();
  });

  async function insertDocument(
    path: string,
    chunks: Array<{ headingPath: string; text: string; embedding?: Uint8Array<ArrayBuffer> }>,
  ) {
    return db.knowledgeDocument.create({
      data: {
        path,
        title: path.replace(/\.md$/, ''),
        contentHash: `hash-${path}-${chunks.length}`,
        chunks: {
          create: chunks.map((chunk, ordinal) => ({ ...chunk, ordinal, tokenCount: chunk.text.split(/\s+/).length })),
        },
      },
    });
  }

  it('loadKnowledgeIndex indexes every stored chunk with its document path', async () => {
    await insertDocument('transfers.md', [
      { headingPath: 'Transfers > Shuttle', text: 'The shuttle bus leaves the airport every 20 minutes.' },
      { headingPath: 'Transfers > Taxi', text: 'Licensed taxis wait outside Terminal 2.' },
    ]);
    await insertDocument('guides/emergencies.md', [
      { headingPath: 'Emergencies', text: 'Dial 112 for an ambulance or the police.' },
    ]);

    const index = await loadKnowledgeIndex(db);

    expect(index.size).toBe(3);
    expect(index.search('who do I call for an ambulance?')[0]).toMatchObject({
      documentPath: 'guides/emergencies.md',
      headingPath: 'Emergencies',
      text: 'Dial 112 for an ambulance or the police.',
    });
    expect(index.search('shuttle bus airport')[0]?.documentPath).toBe('transfers.md');
  });

  it('loadKnowledgeIndex reads stored embeddings when asked, for hybrid search', async () => {
    const embedder = new HashedEmbedder('hashed-bow', { aliases: { kayak: 'canoe', rent: 'hire', hired: 'hire' } });
    const vector = (text: string) => encodeEmbedding(embedder.vector(text));
    await insertDocument('tours.md', [
      { headingPath: 'Tours > Marina', text: 'Canoes can be hired at the marina.', embedding: vector('canoes hired') },
      { headingPath: 'Tours > Boat', text: 'The boat trip leaves at 10am.', embedding: vector('boat trip') },
      { headingPath: 'Tours > Bus', text: 'The tour bus leaves at noon.' },
    ]);

    const lexical = await loadKnowledgeIndex(db);
    expect(lexical.embeddedCount).toBe(0);
    const index = await loadKnowledgeIndex(db, { embeddings: true });
    expect(index.embeddedCount).toBe(2);
    expect(index.embeddingDimensions).toBe(64);

    const retrieval = await retrieve(index, 'Where can I rent a kayak?', { embedder });
    expect(retrieval.mode).toBe('hybrid');
    expect(retrieval.results[0]?.text).toBe('Canoes can be hired at the marina.');
    expect((await new KnowledgeIndexCache(db, { embeddings: true }).get()).embeddedCount).toBe(2);
  });

  it('the cache reuses its index until the knowledge base changes, then rebuilds', async () => {
    await insertDocument('transfers.md', [
      { headingPath: 'Transfers', text: 'The shuttle bus leaves every 20 minutes.' },
    ]);
    let clock = 0;
    let loads = 0;
    const cache = new KnowledgeIndexCache(db, {
      checkIntervalMs: 5000,
      now: () => clock,
      load: (client) => {
        loads++;
        return loadKnowledgeIndex(client);
      },
    });

    const first = await cache.get();
    expect(first.size).toBe(1);
    expect(await cache.get()).toBe(first);

    // Unchanged: the check runs after the interval but nothing is re-read.
    clock += 6000;
    expect(await cache.get()).toBe(first);
    expect(loads).toBe(1);

    // A new document: not seen before the interval has passed, then rebuilt once.
    await insertDocument('visas.md', [{ headingPath: 'Visas', text: 'A passport valid for six months is required.' }]);
    clock += 1000;
    expect(await cache.get()).toBe(first);
    clock += 5000;
    const second = await cache.get();
    expect(second).not.toBe(first);
    expect(second.size).toBe(2);
    expect(loads).toBe(2);

    // An updated document (same count, newer updatedAt) is also a change.
    await db.knowledgeChunk.updateMany({ data: { text: 'The ferry leaves at noon.' } });
    await db.knowledgeDocument.update({ where: { path: 'visas.md' }, data: { contentHash: 'changed' } });
    clock += 6000;
    const third = await cache.get();
    expect(third).not.toBe(second);
    expect(third.search('ferry')).toHaveLength(2);

    // A deleted document too.
    await db.knowledgeDocument.delete({ where: { path: 'transfers.md' } });
    clock += 6000;
    expect((await cache.get()).size).toBe(1);
    expect(loads).toBe(4);
  });

  it('concurrent callers share one load', async () => {
    await insertDocument('tours.md', [{ headingPath: 'Tours', text: 'The boat trip leaves at 10am.' }]);
    let loads = 0;
    const cache = new KnowledgeIndexCache(db, {
      load: (client) => {
        loads++;
        return loadKnowledgeIndex(client);
      },
    });
    const indexes = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(new Set(indexes).size).toBe(1);
    expect(loads).toBe(1);
  });

  it('an empty knowledge base gives an empty index', async () => {
    const index = await new KnowledgeIndexCache(db).get();
    expect(index.size).toBe(0);
    expect(index.search('anything')).toEqual([]);
  });
});
