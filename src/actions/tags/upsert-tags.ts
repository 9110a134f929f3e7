import type { Prisma } from '@prisma/client';
import type { TTag } from '../../config/baton-config.schema';

/**
 * One statement per tag, `ON CONFLICT` rather than Prisma's read-then-write upsert: two
 * conversations getting a brand-new tag at once must not collide on the unique name.
 */
export async function upsertTags(tx: Prisma.TransactionClient, tags: TTag[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const tag of tags) {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Tag" (name, emoji, color, description)
      VALUES (${tag.name}, ${tag.emoji ?? null}, ${tag.color ?? null}, ${tag.description ?? null})
      ON CONFLICT (name) DO UPDATE
        SET emoji = EXCLUDED.emoji, color = EXCLUDED.color, description = EXCLUDED.description
      RETURNING id::text AS id`;
    if (row) ids.set(tag.name, row.id);
  }
  return ids;
}
