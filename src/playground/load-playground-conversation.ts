import type { AutomationSettings } from '../actions/automation-settings';
import { BatonError } from '../core/errors';
import type { Db } from '../db/prisma-client';
import { bookingSystemDetail, collectedDetails } from '../handoff/card-details';
import { isConversationId } from '../handoff/managers/conversation-id';
import { type PermalinkSource, threadLinks } from '../handoff/managers/thread-links';
import type { ConversationSummarizer } from '../handoff/sync-handoff-thread';
import type { PlaygroundConversation } from './playground-api';

export interface ConversationViewDeps {
  db: Db;
  automation: AutomationSettings;
  /** Summarises an open handoff whose summary is not stored yet (Slack stores it when the thread opens). */
  summarize: ConversationSummarizer;
  /** Links handoff threads to Slack; absent without Slack. */
  slack?: PermalinkSource;
}

/** The newest messages shown in the thread; the card's summary covers older ones. */
const THREAD_LENGTH = 200;

/** The handoff card as Slack shows it, and the whole thread, read from the database. */
export async function loadPlaygroundConversation(
  deps: ConversationViewDeps,
  conversationId: string,
): Promise<PlaygroundConversation> {
  const missing = new BatonError('not_found', `conversation ${JSON.stringify(conversationId)} does not exist.`);
  if (!isConversationId(conversationId)) throw missing;
  const row = await deps.db.conversation.findUnique({
    where: { id: conversationId },
    include: {
      contact: { select: { displayName: true, address: true } },
      tags: { include: { tag: true }, orderBy: { appliedAt: 'asc' } },
      slackThreads: { orderBy: { createdAt: 'desc' }, take: 1 },
      actionRuns: {
        where: { OR: [{ status: 'collecting' }, { webhookState: { not: null } }] },
        orderBy: { updatedAt: 'desc' },
      },
      messages: { orderBy: { seq: 'desc' }, take: THREAD_LENGTH },
    },
  });
  if (!row) throw missing;
  const inHandoff = row.state === 'pending' || row.state === 'human';
  const thread = row.slackThreads[0];
  const [link] = await threadLinks(deps.slack, [thread]);
  const collecting = row.actionRuns.find((run) => run.status === 'collecting');
  const webhookRun = row.actionRuns.find((run) => run.webhookState !== null);
  const summaryText = row.handoffSummary ?? (inHandoff ? await deps.summarize(conversationId) : undefined);
  return {
    conversationId,
    traveler: { ...(row.contact.displayName && { name: row.contact.displayName }), address: row.contact.address },
    channel: row.channel,
    state: row.state,
    ...(row.assignee && { assignee: row.assignee }),
    ...(row.handoffReason && { reason: row.handoffReason }),
    tags: row.tags.map(({ tag }) => ({
      name: tag.name,
      ...(tag.emoji && { emoji: tag.emoji }),
      ...(tag.color && { color: tag.color }),
      ...(tag.description && { description: tag.description }),
    })),
    collected: { ...collectedDetails(row.collected), ...bookingSystemDetail(webhookRun, '') },
    ...(summaryText && { summary: { text: summaryText, stored: row.handoffSummary !== null } }),
    ...(collecting && {
      collecting: {
        actionId: collecting.actionId,
        title:
          deps.automation.config.actions.find((action) => action.id === collecting.actionId)?.title ??
          collecting.actionId,
      },
    }),
    ...(thread && {
      slack: {
        channelId: thread.channelId,
        threadTs: thread.threadTs,
        ...(link && { link }),
        closed: thread.closedAt !== null,
      },
    }),
    messages: row.messages.reverse().map((message) => ({
      id: message.id,
      direction: message.direction,
      author: message.author,
      ...(message.authorId && { authorId: message.authorId }),
      text: message.text,
      at: message.createdAt.toISOString(),
      status: message.status,
      ...(message.errorMessage && { error: message.errorMessage }),
    })),
  };
}
