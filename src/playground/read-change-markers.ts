import type { Db } from '../db/prisma-client';
import { isConversationId } from '../handoff/managers/conversation-id';

/** What a playground view shows changed when its marker changed (markers are opaque strings). */
export interface ChangeMarkers {
  /** Any new message or event anywhere: the inbox may have changed. */
  inbox: string;
  /** By conversation id. */
  conversations: Map<string, string>;
  /** By simulator address: the marker of that traveler's conversation. */
  phones: Map<string, string>;
}

export type ReadChangeMarkers = (watched: { conversationIds: string[]; phones: string[] }) => Promise<ChangeMarkers>;

/**
 * One query for every open stream of this process. The sequences behind `Message.seq` and
 * `ConversationEvent.seq` move with every message and event written by any process (a
 * state change, a tag, a handoff are events), and reading their last value costs nothing.
 * For the watched conversations it adds what changes in place: delivery statuses
 * (`Message.updatedAt`), the summary and collected details (`Conversation.updatedAt`) and
 * the Slack thread; a simulated phone's marker is its conversation's.
 */
export function databaseChangeMarkers(db: Db): ReadChangeMarkers {
  return async ({ conversationIds, phones }) => {
    const ids = conversationIds.filter(isConversationId);
    const [global] = await db.$queryRaw<Array<{ marker: string }>>`
      SELECT concat_ws(':',
        pg_sequence_last_value(pg_get_serial_sequence('"Message"', 'seq')::regclass),
        pg_sequence_last_value(pg_get_serial_sequence('"ConversationEvent"', 'seq')::regclass)) AS marker`;
    const rows =
      ids.length === 0 && phones.length === 0
        ? []
        : await db.$queryRaw<Array<{ id: string; channel: string; address: string; marker: string }>>`
      SELECT c.id::text AS id, ct.channel::text AS channel, ct.address,
             concat_ws(':', c.state, c."updatedAt", m.seq, m.updated, e.seq, t.threads) AS marker
      FROM "Conversation" c
      JOIN "Contact" ct ON ct.id = c."contactId"
      LEFT JOIN LATERAL (SELECT max(seq) AS seq, max("updatedAt") AS updated FROM "Message"
                         WHERE "conversationId" = c.id) m ON true
      LEFT JOIN LATERAL (SELECT max(seq) AS seq FROM "ConversationEvent" WHERE "conversationId" = c.id) e ON true
      LEFT JOIN LATERAL (SELECT string_agg(id::text || coalesce("closedAt"::text, ''), ',') AS threads
                         FROM "SlackThread" WHERE "conversationId" = c.id) t ON true
      WHERE c.id = ANY(${ids}::uuid[]) OR (ct.channel = 'simulator' AND ct.address = ANY(${phones}::text[]))`;
    const markers: ChangeMarkers = { inbox: global?.marker ?? '', conversations: new Map(), phones: new Map() };
    for (const row of rows) {
      markers.conversations.set(row.id, row.marker);
      if (row.channel === 'simulator') markers.phones.set(row.address, row.marker);
    }
    return markers;
  };
}
