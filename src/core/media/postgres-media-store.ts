import type { Db } from '../../db/prisma-client';
import type { MediaStore, StoredMedia } from './media-store';
import type { MediaUrlSigner } from './media-url-signer';

/** Media kept in PostgreSQL (bounded in size), served through signed URLs. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

export class PostgresMediaStore implements MediaStore {
  constructor(
    private readonly db: Db,
    private readonly signer: MediaUrlSigner,
  ) {}

  async save(data: Buffer, contentType: string, options: { filename?: string } = {}): Promise<StoredMedia> {
    if (data.byteLength > MAX_MEDIA_BYTES) {
      throw new RangeError(`media of ${data.byteLength} bytes is over the ${MAX_MEDIA_BYTES}-byte limit`);
    }
    const row = await this.db.mediaBlob.create({
      data: { contentType, filename: options.filename ?? null, byteSize: data.byteLength, data: new Uint8Array(data) },
      select: { id: true },
    });
    return { id: row.id, contentType, url: this.signer.sign(row.id) };
  }

  async load(id: string): Promise<{ data: Buffer; contentType: string; filename: string | null } | null> {
    const row = await this.db.mediaBlob.findUnique({
      where: { id },
      select: { data: true, contentType: true, filename: true },
    });
    return row ? { data: Buffer.from(row.data), contentType: row.contentType, filename: row.filename } : null;
  }
}
