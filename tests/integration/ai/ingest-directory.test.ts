import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type IngestProgressEvent, ingestDirectory } from '../../../src/ai/kb/ingest/ingest-directory';
import { decodeEmbedding, embeddingText } from '../../../src/ai/retrieval/embedding-bytes';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { buildMinimalPdf } from '../../fixtures/kb/minimal-pdf';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';
import { HashedEmbedder } from '../../unit/ai/retrieval/hashed-embedder';

describe('ingestDirectory on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  let dir: string;

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
    dir = await mkdtemp(path.join(tmpdir(), 'baton-kb-'));
    await mkdir(path.join(dir, 'guides', 'deep'), { recursive: true });
    await mkdir(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    await mkdir(path.join(dir, '.git'), { recursive: true });
    await writeFile(path.join(dir, 'transfers.md'), '---\ntitle: Transfers\n---\n# Transfers\n\nThe driver waits.');
    await writeFile(path.join(dir, 'guides', 'tours.html'), '<h1>Tours</h1><p>Boat trip at 9:00.</p>');
    await writeFile(path.join(dir, 'guides', 'deep', 'notes.txt'), 'Bring a hat.');
    await writeFile(path.join(dir, 'guides', 'ferries.pdf'), buildMinimalPdf([['Ferries leave hourly.']]));
    await writeFile(path.join(dir, 'image.png'), 'not a document');
    await writeFile(path.join(dir, '.hidden.md'), '# Hidden');
    await writeFile(path.join(dir, 'node_modules', 'pkg', 'README.md'), '# Package');
    await writeFile(path.join(dir, '.git', 'HEAD.md'), '# Git');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const storedPaths = async () =>
    (await db.knowledgeDocument.findMany({ orderBy: { path: 'asc' } })).map((d) => d.path);

  it('stores every supported file with its path relative to the directory, and its chunks', async () => {
    const result = await ingestDirectory(db, dir);
    expect(result).toEqual({ added: 4, updated: 0, unchanged: 0, removed: 0, failed: [], chunks: 4 });
    expect(await storedPaths()).toEqual([
      'guides/deep/notes.txt',
      'guides/ferries.pdf',
      'guides/tours.html',
      'transfers.md',
    ]);
    const transfers = await db.knowledgeDocument.findUniqueOrThrow({
      where: { path: 'transfers.md' },
      include: { chunks: true },
    });
    expect(transfers.title).toBe('Transfers');
    expect(transfers.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(transfers.chunks).toEqual([
      expect.objectContaining({ ordinal: 0, headingPath: 'Transfers', text: 'The driver waits.', tokenCount: 5 }),
    ]);
  });

  it('does nothing for unchanged files', async () => {
    await ingestDirectory(db, dir);
    const before = await db.knowledgeChunk.findMany({ orderBy: { id: 'asc' } });
    const result = await ingestDirectory(db, dir);
    expect(result).toEqual({ added: 0, updated: 0, unchanged: 4, removed: 0, failed: [], chunks: 0 });
    expect(await db.knowledgeChunk.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('updates changed files, removes deleted ones, adds new ones and moves the version', async () => {
    await ingestDirectory(db, dir);
    const before = await db.knowledgeDocument.findUniqueOrThrow({ where: { path: 'transfers.md' } });
    await writeFile(path.join(dir, 'transfers.md'), '# Transfers\n\n## Late flights\n\nThe driver waits longer.');
    await unlink(path.join(dir, 'guides', 'deep', 'notes.txt'));
    await writeFile(path.join(dir, 'guides', 'visas.md'), '# Visas\n\nNo visa for 90 days.');
    const events: IngestProgressEvent[] = [];

    const result = await ingestDirectory(db, dir, { onProgress: (event) => events.push(event) });

    expect(result).toEqual({ added: 1, updated: 1, unchanged: 2, removed: 1, failed: [], chunks: 2 });
    expect(await storedPaths()).toEqual(['guides/ferries.pdf', 'guides/tours.html', 'guides/visas.md', 'transfers.md']);
    const after = await db.knowledgeDocument.findUniqueOrThrow({
      where: { path: 'transfers.md' },
      include: { chunks: true },
    });
    expect(after.id).toBe(before.id);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(after.title).toBe('Transfers');
    expect(after.chunks.map((c) => [c.headingPath, c.text])).toEqual([
      ['Transfers > Late flights', 'The driver waits longer.'],
    ]);
    expect(
      events.map((e) =>
        e.type === 'file' ? `${e.status} ${e.path}` : e.type === 'removed' ? `removed ${e.path}` : e.type,
      ),
    ).toEqual([
      'start',
      'unchanged guides/ferries.pdf',
      'unchanged guides/tours.html',
      'added guides/visas.md',
      'updated transfers.md',
      'removed guides/deep/notes.txt',
      'finish',
    ]);
  });

  it('reports a corrupt file by name, ingests the rest and keeps its previous version', async () => {
    await writeFile(path.join(dir, 'broken.pdf'), '%PDF-1.4\nnot really a pdf');
    await writeFile(path.join(dir, 'empty.md'), '---\ntitle: Nothing\n---\n');
    const result = await ingestDirectory(db, dir);
    expect(result.added).toBe(4);
    expect(result.failed).toEqual([
      { path: 'broken.pdf', error: expect.stringMatching(/^Cannot read broken\.pdf: /) },
      { path: 'empty.md', error: expect.stringMatching(/empty\.md.*no text/) },
    ]);
    expect(await storedPaths()).not.toContain('broken.pdf');

    // A file that breaks after it was ingested keeps its last good version instead of vanishing.
    const ferries = await db.knowledgeDocument.findUniqueOrThrow({ where: { path: 'guides/ferries.pdf' } });
    await writeFile(path.join(dir, 'guides', 'ferries.pdf'), '%PDF-1.4\ntruncated');
    await writeFile(path.join(dir, 'broken.pdf'), buildMinimalPdf([['Fixed now.']]));
    const second = await ingestDirectory(db, dir);
    expect(second).toMatchObject({ added: 1, updated: 0, removed: 0 });
    expect(second.failed.map((f) => f.path)).toEqual(['empty.md', 'guides/ferries.pdf']);
    expect(await db.knowledgeDocument.findUniqueOrThrow({ where: { path: 'guides/ferries.pdf' } })).toEqual(ferries);
  });

  it('ingests the sample knowledge base in examples/knowledge', async () => {
    const examples = path.resolve(__dirname, '../../../examples/knowledge');
    const result = await ingestDirectory(db, examples);
    expect(result.failed).toEqual([]);
    expect(result.added).toBeGreaterThanOrEqual(6);
    expect(result.chunks).toBeGreaterThan(result.added);
    expect(await storedPaths()).toContain('itineraries/seven-day-verdane-coast.md');
    const chunks = await db.knowledgeChunk.findMany();
    for (const chunk of chunks) {
      expect(chunk.text.trim()).not.toBe('');
      expect(chunk.text.split(/\s+/).length).toBeLessThanOrEqual(250);
    }
    expect(chunks.map((c) => c.headingPath)).toContain(
      'Emergencies and help during your trip > Lost or stolen passport',
    );
  });

  describe('with an embedder', () => {
    const storedChunks = () =>
      db.knowledgeChunk.findMany({ include: { document: true }, orderBy: [{ documentId: 'asc' }, { ordinal: 'asc' }] });

    it('stores each chunk embedding as Float32 little-endian, of the chunk with its title and headings', async () => {
      const embedder = new HashedEmbedder();
      const result = await ingestDirectory(db, dir, { embedder });
      expect(result).toMatchObject({ added: 4, chunks: 4, embedded: 4 });
      expect(result.embeddingError).toBeUndefined();
      for (const chunk of await storedChunks()) {
        const expected = embedder.vector(embeddingText({ ...chunk, title: chunk.document.title }));
        expect(decodeEmbedding(chunk.embedding)).toEqual(expected);
      }
      expect(embedder.calls.flat()).toContain('Transfers\n\nThe driver waits.');
    });

    it('embeds the stored chunks that have no vector, moving their version, and nothing else', async () => {
      await ingestDirectory(db, dir);
      const before = await db.knowledgeDocument.findUniqueOrThrow({ where: { path: 'transfers.md' } });
      const embedder = new HashedEmbedder();

      const second = await ingestDirectory(db, dir, { embedder });
      expect(second).toMatchObject({ added: 0, unchanged: 4, embedded: 4 });
      expect((await storedChunks()).every((chunk) => decodeEmbedding(chunk.embedding)?.length === 64)).toBe(true);
      const after = await db.knowledgeDocument.findUniqueOrThrow({ where: { path: 'transfers.md' } });
      expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

      const third = await ingestDirectory(db, dir, { embedder });
      expect(third).toMatchObject({ unchanged: 4, embedded: 0 });
      expect(embedder.calls).toHaveLength(1);
    });

    it('keeps the text when the embedder fails, says so, and embeds on the next run', async () => {
      const failed = await ingestDirectory(db, dir, { embedder: new HashedEmbedder('down', { fail: true }) });
      expect(failed).toMatchObject({ added: 4, failed: [], chunks: 4, embedded: 0 });
      expect(failed.embeddingError).toBe('the down embedder failed: connect ECONNREFUSED 127.0.0.1:9');
      expect((await storedChunks()).map((chunk) => chunk.embedding)).toEqual([null, null, null, null]);

      const retried = await ingestDirectory(db, dir, { embedder: new HashedEmbedder() });
      expect(retried).toMatchObject({ unchanged: 4, embedded: 4 });
    });

    it('re-embeds every chunk with reembed, after a change of model', async () => {
      await ingestDirectory(db, dir, { embedder: new HashedEmbedder('small', { dimensions: 64 }) });
      const result = await ingestDirectory(db, dir, {
        embedder: new HashedEmbedder('large', { dimensions: 32 }),
        reembed: true,
      });
      expect(result.embedded).toBe(4);
      expect((await storedChunks()).map((chunk) => decodeEmbedding(chunk.embedding)?.length)).toEqual([32, 32, 32, 32]);
    });
  });
});
