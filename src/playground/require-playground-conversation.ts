import { BatonError } from '../core/errors';
import type { Db } from '../db/prisma-client';
import { isConversationId } from '../handoff/managers/conversation-id';

/**
 * The playground shows and acts on simulator conversations only: it has no authentication,
 * so real travelers (Twilio, WhatsApp) must never be read or messaged through it, even when
 * it is left on next to real channels. Anything else is `not_found`.
 */
export async function requirePlaygroundConversation(db: Db, conversationId: string): Promise<void> {
  const found =
    isConversationId(conversationId) &&
    (await db.conversation.count({ where: { id: conversationId, channel: 'simulator' } })) > 0;
  if (!found) {
    throw new BatonError(
      'not_found',
      `conversation ${JSON.stringify(conversationId)} is not a simulator conversation.`,
    );
  }
}
