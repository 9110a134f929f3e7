import type { RawSql } from '../db/fast-sql';
import type { ConversationState } from './conversation-state';

export interface ConversationEventRecord {
  conversationId: string;
  /** "state_changed", "conversation_opened", "opted_out", ... (ConversationEvent.type). */
  type: string;
  fromState?: ConversationState | null;
  toState?: ConversationState | null;
  actorKind: 'traveler' | 'ai' | 'specialist' | 'system';
  actorId?: string | null;
  reason?: string | null;
  /** Details (ConversationEvent.data, jsonb). */
  data?: Record<string, unknown>;
}

/**
 * Stores a conversation event in plain SQL, so it runs on Prisma's transaction client and on
 * `db.fast`'s alike (the per-message path: `src/db/fast-sql.ts`).
 */
export async function recordConversationEvent(tx: RawSql, event: ConversationEventRecord): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ConversationEvent" ("conversationId", type, "fromState", "toState", "actorKind", "actorId", reason, data)
    VALUES (${event.conversationId}::uuid, ${event.type}, ${event.fromState ?? null}::"ConversationState",
            ${event.toState ?? null}::"ConversationState", ${event.actorKind}::"AuthorKind", ${event.actorId ?? null},
            ${event.reason ?? null}, ${JSON.stringify(event.data ?? {})}::jsonb)`;
}
