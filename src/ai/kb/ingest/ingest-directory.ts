import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/prisma-client';
import type { Embedder } from '../../retrieval/embedder';
import type { DocumentChunk } from './chunk-document';
import { embedMissingChunks } from './embed-missing-chunks';
import { isSupportedDocument } from './read-document';
import { readDocumentChunks } from './read-document-chunks';

export type IngestFileStatus = 'added' | 'updated' | 'unchanged' | 'failed';

export type IngestProgressEvent =
  | { type: 'start'; total: number }
  | {
      type: 'file';
      path: string;
      status: IngestFileStatus;
      chunks: number;
      error?: string;
      done: number;
      total: number;
    }
  | { type: 'removed'; path: string }
  | { type: 'finish'; result: IngestResult };

export interface IngestResult {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: Array<{ path: string; error: string }>;
  /** Chunks written by this run (unchanged documents are not counted). */
  chunks: number;
  /** With an embedder: chunks given an embedding by this run. */
  embedded?: number;
  /** With an embedder that failed: why. The chunks are stored without vectors and the next run retries. */
  embeddingError?: string;
}

export interface IngestOptions {
  onProgress?(event: IngestProgressEvent): void;
  /** Stores an embedding for each new chunk and for any stored chunk still without one (hybrid search). */
  embedder?: Embedder;
  /** With `embedder`: re-embed every chunk, e.g. after changing the embedding model. */
  reembed?: boolean;
}

/**
 * Makes the knowledge base mirror `dir`: the whole KnowledgeDocument table is one knowledge
 * base, keyed by path relative to `dir` (forward slashes). Unchanged files (same sha256) cost
 * one read; a new or changed file has its chunks replaced in one transaction, which also
 * moves its `updatedAt` so other processes see a new knowledge-base version; documents whose
 * file is gone are deleted. A file that cannot be read is reported and keeps its old version.
 * With an embedder, every chunk without a vector then gets one (embedMissingChunks).
 */
export async function ingestDirectory(db: Db, dir: string, options: IngestOptions = {}): Promise<IngestResult> {
  const root = path.resolve(dir);
  const files = await listDocumentFiles(root);
  const existing = new Map(
    (await db.knowledgeDocument.findMany({ select: { path: true, contentHash: true } })).map((d) => [
      d.path,
      d.contentHash,
    ]),
  );
  const result: IngestResult = { added: 0, updated: 0, unchanged: 0, removed: 0, failed: [], chunks: 0 };
  options.onProgress?.({ type: 'start', total: files.length });

  for (const [index, relativePath] of files.entries()) {
    const report = (status: IngestFileStatus, chunks: number, error?: string) =>
      options.onProgress?.({
        type: 'file',
        path: relativePath,
        status,
        chunks,
        ...(error ? { error } : {}),
        done: index + 1,
        total: files.length,
      });
    try {
      const bytes = await readFile(path.join(root, relativePath));
      const contentHash = createHash('sha256').update(bytes).digest('hex');
      const previousHash = existing.get(relativePath);
      if (previousHash === contentHash) {
        result.unchanged += 1;
        report('unchanged', 0);
        continue;
      }
      const { title, chunks } = await readDocumentChunks(relativePath, bytes);
      if (chunks.length === 0) throw new Error(`Cannot read ${relativePath}: it contains no text`);
      await saveDocument(db, { path: relativePath, title, contentHash, chunks });
      const status = previousHash === undefined ? 'added' : 'updated';
      result[status] += 1;
      result.chunks += chunks.length;
      report(status, chunks.length);
    } catch (error) {
      const message = (error as Error).message;
      result.failed.push({ path: relativePath, error: message });
      report('failed', 0, message);
    }
  }

  const present = new Set(files);
  const gone = [...existing.keys()].filter((p) => !present.has(p)).sort();
  if (gone.length > 0) {
    const { count } = await db.knowledgeDocument.deleteMany({ where: { path: { in: gone } } });
    result.removed = count;
    for (const removedPath of gone) options.onProgress?.({ type: 'removed', path: removedPath });
  }
  if (options.embedder) {
    // After the text is stored: an embedding failure never costs the lexical knowledge base.
    const { embedded, error } = await embedMissingChunks(db, options.embedder, { all: options.reembed });
    result.embedded = embedded;
    if (error) result.embeddingError = error;
  }
  options.onProgress?.({ type: 'finish', result });
  return result;
}

async function saveDocument(
  db: Db,
  document: { path: string; title: string | null; contentHash: string; chunks: DocumentChunk[] },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { id } = await tx.knowledgeDocument.upsert({
      where: { path: document.path },
      create: { path: document.path, title: document.title, contentHash: document.contentHash },
      // updatedAt set explicitly: it is the knowledge-base version other processes poll.
      update: { title: document.title, contentHash: document.contentHash, updatedAt: new Date() },
      select: { id: true },
    });
    await tx.knowledgeChunk.deleteMany({ where: { documentId: id } });
    await tx.knowledgeChunk.createMany({
      data: document.chunks.map((chunk) => ({
        documentId: id,
        ordinal: chunk.ordinal,
        headingPath: chunk.headingPath,
        text: chunk.text,
        tokenCount: chunk.tokenCount,
      })),
    });
  });
}

/** Supported files under `root`, relative with forward slashes, sorted; dotfiles and node_modules skipped. */
export async function listDocumentFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(path.join(root, relativeDir), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(relative);
      else if (entry.isFile() && isSupportedDocument(entry.name)) found.push(relative);
    }
  };
  await walk('');
  return found.sort();
}
