import type { TTag } from '../../config/baton-config.schema';
import type { Db } from '../../db/prisma-client';
import type { ModalView } from '../blocks/block-kit';
import { travelerLabel } from '../blocks/labels';
import { buildTagModal } from '../blocks/tag-modal';
import { isConversationId } from './conversation-id';
import { conversationGone, notInHandoffThread } from './manager-views';

/** The tag modal for a conversation, with the tags it has now; a notice when it is gone. */
export async function loadTagModal(db: Db, conversationId: string, configuredTags: TTag[]): Promise<ModalView> {
  if (!isConversationId(conversationId)) return conversationGone;
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      contact: { select: { displayName: true, address: true } },
      tags: { orderBy: { appliedAt: 'asc' }, select: { tag: { select: { name: true } } } },
    },
  });
  if (!conversation) return conversationGone;
  return buildTagModal({
    conversationId: conversation.id,
    travelerLabel: travelerLabel({
      name: conversation.contact.displayName ?? undefined,
      address: conversation.contact.address,
    }),
    tags: configuredTags,
    applied: conversation.tags.map(({ tag }) => tag.name),
  });
}

/**
 * The tag modal for the conversation whose handoff thread holds a message: the card itself
 * (its ts is the thread's) or a reply in the thread (its thread_ts is). Any other message
 * gets a notice saying where the shortcut works.
 */
export async function loadTagModalForMessage(
  db: Db,
  message: { channelId: string; ts: string; threadTs?: string },
  configuredTags: TTag[],
): Promise<ModalView> {
  const candidates = [...new Set([message.threadTs, message.ts].filter((ts): ts is string => Boolean(ts)))];
  const thread = await db.slackThread.findFirst({
    where: { channelId: message.channelId, threadTs: { in: candidates } },
    select: { conversationId: true },
  });
  if (!thread) return notInHandoffThread;
  return loadTagModal(db, thread.conversationId, configuredTags);
}
