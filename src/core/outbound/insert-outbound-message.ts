import type { ChannelKind, MediaItem } from '../../channels/channel-adapter';
import type { RawSql } from '../../db/fast-sql';
import { type ChannelTextLimits, renderOutboundParts } from './outbound-text-policy';

export interface OutboundDraft {
  conversationId: string;
  channel: ChannelKind;
  text: string;
  author: 'ai' | 'specialist' | 'system';
  authorId?: string;
  /** The traveler message this answers: makes the insert idempotent (one reply per message). */
  inReplyToId?: string;
  /** Compliance replies (STOP confirmation, HELP) reach a traveler who opted out. */
  bypassOptOut?: boolean;
  source?: 'markdown' | 'slack';
  media?: MediaItem[];
}

/**
 * Stores a reply as one `queued` message per part, inside the caller's
 * transaction; returns the ids of the parts it inserted (none when this reply
 * was already stored by an earlier attempt). Media ride on the first part.
 */
export async function insertOutboundMessage(
  tx: RawSql,
  limits: ChannelTextLimits,
  draft: OutboundDraft,
): Promise<string[]> {
  const parts = renderOutboundParts(draft.text, draft.channel, limits, draft.source);
  const media = draft.media ?? [];
  if (parts.length === 0 && media.length > 0) parts.push('');
  const ids: string[] = [];
  for (const [index, text] of parts.entries()) {
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Message" ("conversationId", direction, author, "authorId", text, media, channel, status,
                             "inReplyToId", part, "bypassOptOut")
      VALUES (${draft.conversationId}::uuid, 'outbound', ${draft.author}::"AuthorKind", ${draft.authorId ?? null}, ${text},
              ${JSON.stringify(index === 0 ? media : [])}::jsonb, ${draft.channel}::"Channel", 'queued',
              ${draft.inReplyToId ?? null}::uuid, ${index}, ${draft.bypassOptOut ?? false})
      ON CONFLICT ("inReplyToId", part) DO NOTHING
      RETURNING id::text AS id`;
    if (row) ids.push(row.id);
  }
  return ids;
}
