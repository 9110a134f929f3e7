import type { Db } from '../../db/prisma-client';
import { decodeEmbedding } from './embedding-bytes';
import { KnowledgeIndex } from './knowledge-index';

export interface LoadKnowledgeIndexOptions {
  /** Also read each chunk's stored embedding, for hybrid search. Default false: vectors cost memory. */
  embeddings?: boolean;
}

/** Reads every stored chunk and builds the in-memory index. */
export async function loadKnowledgeIndex(db: Db, options: LoadKnowledgeIndexOptions = {}): Promise<KnowledgeIndex> {
  const withEmbeddings = options.embeddings === true;
  const rows = await db.knowledgeChunk.findMany({
    select: {
      id: true,
      headingPath: true,
      text: true,
      embedding: withEmbeddings,
      document: { select: { path: true, title: true } },
    },
    orderBy: [{ documentId: 'asc' }, { ordinal: 'asc' }],
  });
  return new KnowledgeIndex(
    rows.map((row) => ({
      id: row.id,
      documentPath: row.document.path,
      title: row.document.title,
      headingPath: row.headingPath,
      text: row.text,
      ...(withEmbeddings && { embedding: decodeEmbedding(row.embedding) }),
    })),
  );
}
