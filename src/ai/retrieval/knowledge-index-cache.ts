import type { Db } from '../../db/prisma-client';
import type { KnowledgeIndex } from './knowledge-index';
import { loadKnowledgeIndex } from './load-knowledge-index';

export interface KnowledgeIndexCacheOptions {
  /** How often, at most, to ask the database whether the knowledge base changed. Default 5 s. */
  checkIntervalMs?: number;
  now?: () => number;
  /** Load stored embeddings too, for hybrid search (see loadKnowledgeIndex). Default false. */
  embeddings?: boolean;
  load?: (db: Db) => Promise<KnowledgeIndex>;
}

interface Version {
  count: number;
  updatedAt: string | null;
}

/**
 * One index per process. Each worker builds it once and rebuilds only when the
 * knowledge base changed (count and latest update of its documents), checked at
 * most every `checkIntervalMs`, so a question never re-reads every chunk.
 * Ingestion touches a document's `updatedAt` whenever its chunks change.
 */
export class KnowledgeIndexCache {
  private readonly checkIntervalMs: number;
  private readonly now: () => number;
  private readonly load: (db: Db) => Promise<KnowledgeIndex>;
  private index: KnowledgeIndex | null = null;
  private version: Version | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private pending: Promise<KnowledgeIndex> | null = null;

  constructor(
    private readonly db: Db,
    options: KnowledgeIndexCacheOptions = {},
  ) {
    this.checkIntervalMs = options.checkIntervalMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.load = options.load ?? ((db) => loadKnowledgeIndex(db, { embeddings: options.embeddings }));
  }

  /** The current index; concurrent callers share one check and one rebuild. */
  get(): Promise<KnowledgeIndex> {
    if (this.index && this.now() - this.checkedAt < this.checkIntervalMs) return Promise.resolve(this.index);
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forget the index: the next `get` rebuilds it. */
  invalidate(): void {
    this.index = null;
    this.version = null;
  }

  private async refresh(): Promise<KnowledgeIndex> {
    const version = await this.readVersion();
    this.checkedAt = this.now();
    if (this.index && this.version && sameVersion(this.version, version)) return this.index;
    const index = await this.load(this.db);
    this.index = index;
    this.version = version;
    return index;
  }

  private async readVersion(): Promise<Version> {
    const rows = await this.db.$queryRaw<Array<{ count: number; updatedAt: Date | null }>>`
      SELECT count(*)::int AS "count", max("updatedAt") AS "updatedAt" FROM "KnowledgeDocument"`;
    const row = rows[0];
    return { count: row?.count ?? 0, updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null };
  }
}

function sameVersion(a: Version, b: Version): boolean {
  return a.count === b.count && a.updatedAt === b.updatedAt;
}
