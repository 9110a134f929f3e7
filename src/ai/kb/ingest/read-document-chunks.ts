import { type ChunkOptions, chunkDocument, type DocumentChunk } from './chunk-document';
import { readDocument } from './read-document';

export interface DocumentChunks {
  title: string | null;
  chunks: DocumentChunk[];
}

/**
 * One file's chunks exactly as ingestion stores them. The evaluation (bench/eval-kb.ts) calls
 * this too, so the figures it prints are measured on the chunks travelers are answered from.
 */
export async function readDocumentChunks(
  relativePath: string,
  bytes: Buffer,
  options?: ChunkOptions,
): Promise<DocumentChunks> {
  const document = await readDocument(relativePath, bytes);
  return { title: document.title ?? null, chunks: chunkDocument(document.text, options) };
}
