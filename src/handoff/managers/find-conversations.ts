import { Prisma } from '@prisma/client';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import type { FindResult } from '../blocks/find-modal';
import { travelerLabel } from '../blocks/labels';
import { escapeLike, phoneDigits } from './search-terms';
import { type PermalinkSource, threadLinks } from './thread-links';

export interface FindOptions {
  /** Default 20 (what the find modal shows). */
  limit?: number;
  /** Links each result to its latest thread; without it results have no link. */
  slack?: PermalinkSource;
}

/**
 * Conversations matching a specialist's search, most recently active first: by phone number
 * (the query's digits inside the contact's, so "+1 555 222 0001", "5552220001" and
 * "whatsapp:+15552220001" all match), by name (case-insensitive, anywhere in it), or by a
 * detail collected by a custom action (any value of `Conversation.collected`, nested ones
 * included, equal ignoring case: a confirmation number "AB12CD").
 */
export async function findConversations(db: Db, query: string, options: FindOptions = {}): Promise<FindResult[]> {
  const term = query.trim();
  if (!term) return [];
  const limit = options.limit ?? 20;
  const digits = phoneDigits(term);
  const matches: Prisma.Sql[] = [
    Prisma.sql`k."displayName" ILIKE ${`%${escapeLike(term)}%`}`,
    Prisma.sql`EXISTS (
      SELECT 1 FROM jsonb_path_query(c.collected, 'strict $.**') AS detail(value)
      WHERE jsonb_typeof(detail.value) IN ('string', 'number') AND lower(detail.value #>> '{}') = lower(${term}))`,
  ];
  if (digits) matches.push(Prisma.sql`regexp_replace(k.address, '[^0-9]', '', 'g') LIKE ${`%${digits}%`}`);
  const found = await db.$queryRaw<Array<{ id: string }>>`
    SELECT c.id::text AS id FROM "Conversation" c JOIN "Contact" k ON k.id = c."contactId"
    WHERE ${Prisma.join(matches, ' OR ')}
    ORDER BY c."updatedAt" DESC, c.id
    LIMIT ${limit}`;
  if (found.length === 0) return [];

  const rows = await db.conversation.findMany({
    where: { id: { in: found.map((row) => row.id) } },
    include: {
      contact: { select: { displayName: true, address: true } },
      tags: { select: { tag: { select: { name: true } } } },
      slackThreads: { orderBy: { createdAt: 'desc' }, take: 1, select: { channelId: true, threadTs: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = found.flatMap((row) => byId.get(row.id) ?? []);
  const links = await threadLinks(
    options.slack,
    ordered.map((row) => row.slackThreads[0]),
  );
  return ordered.map((row, index) => {
    const link = links[index];
    return {
      conversationId: row.id,
      travelerLabel: travelerLabel({ name: row.contact.displayName ?? undefined, address: row.contact.address }),
      channel: row.channel as ChannelKind,
      state: row.state,
      tags: row.tags.map(({ tag }) => tag.name).sort(),
      ...(link && { threadLink: link }),
    };
  });
}
