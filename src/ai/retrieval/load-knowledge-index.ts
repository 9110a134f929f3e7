import type { Db } from '../../db/prisma-client';
import { KnowledgeIndex } from './knowledge-index';

/** Reads every stored chunk and builds the in-memory index. */
export async function loadKnowledgeIndex(db: Db): Promise<KnowledgeIndex> {
  const rows = await db.knowledgeChunk.findMany({
    select: { id: true, headingPath: true, text: true, document: { select: { path: true, title: true } } },
    orderBy: [{ documentId: 'asc' }, { ordinal: 'asc' }],
  });
  return new KnowledgeIndex(
    rows.map((row) => ({
      id: row.id,
      documentPath: row.document.path,
      title: row.document.title,
      headingPath: row.headingPath,
      text: row.text,
    })),
  );
}
