import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelKind } from '../channels/channel-adapter';
import type { ConversationState } from '../core/conversation-state';
import type { Logger } from '../core/logger';
import type { Db } from '../db/prisma-client';
import { buildHandoffCard, messagesShownWhole } from './blocks/handoff-card';
import { buildTravelerMessagePost } from './blocks/thread-notes';
import { bookingSystemDetail, collectedDetails, type WebhookRun } from './card-details';
import type { TravelerMediaLoader } from './load-traveler-media';
import { postPendingAlerts } from './post-pending-alerts';
import { acquireChannelSlot } from './slack/channel-rate-limit';
import type { SlackApi } from './slack/slack-api';

export interface SyncDeps {
  db: Db;
  slack: SlackApi;
  redis: Redis;
  keyPrefix: string;
  handoffChannel: string;
  logger: Logger;
  /** Fetches traveler attachments to share them as files in the thread (absent: links only). */
  loadMedia?: TravelerMediaLoader;
  /** Summarises the conversation for the card when a thread opens (absent: no summary). */
  summarize?: ConversationSummarizer;
  /** Custom actions a specialist can start from the card. */
  actions?: Array<{ id: string; title: string }>;
}

export type ConversationSummarizer = (conversationId: string) => Promise<string | undefined>;

export type SyncOutcome = { kind: 'done' } | { kind: 'wait'; ms: number };

const RECENT_MESSAGES_ON_CARD = 5;
/** Few enough that one post stays within Slack's block limits whatever their length. */
const MESSAGES_PER_POST = 10;

/**
 * Brings a handoff's Slack thread up to date: opens the thread with its card
 * when the conversation is handed off, relays traveler messages not yet posted
 * (a burst becomes one post), keeps the card current, and closes the episode on
 * resolve. Every post waits its turn on the channel's one-per-second gate.
 * Safe to run again at any point: each step records what it did.
 */
export async function syncHandoffThread(deps: SyncDeps, conversationId: string): Promise<SyncOutcome> {
  const conversation = await deps.db.conversation.findUnique({
    where: { id: conversationId },
    include: { ...cardInclude, slackThreads: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  if (!conversation) return { kind: 'done' };
  const latest = conversation.slackThreads[0];
  let thread = latest && latest.closedAt === null ? latest : undefined;
  const inHandoff = conversation.state === 'pending' || conversation.state === 'human';
  // A rule's `route` sends this conversation's handoff to another channel.
  const channel = conversation.slackChannelId ?? deps.handoffChannel;

  if (!thread) {
    // Not handed off: only a rule's alerts may have to go out.
    if (!inHandoff) return postPendingAlerts(deps, conversation, channel, null);
    const wait = await acquireChannelSlot(deps.redis, deps.keyPrefix, channel);
    if (wait > 0) return { kind: 'wait', ms: wait };
    const previousLink = latest
      ? await deps.slack.permalink({ channel: latest.channelId, ts: latest.threadTs }).catch(() => null)
      : null;
    const summary = await summaryFor(deps, conversation);
    const since = await episodeStart(deps.db, conversationId);
    const recent = await recentMessages(deps.db, conversationId, since ?? undefined);
    const card = buildHandoffCard({
      ...cardInput(conversation, recent, previousLink),
      summary,
      actions: deps.actions,
    });
    const posted = await deps.slack.postMessage({ channel, text: card.text, blocks: card.blocks });
    const openedAt = new Date();
    thread = await deps.db.$transaction(async (tx) => {
      await tx.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
      // The card stands for the conversation with the AI (its summary and last messages): that
      // part is not relayed. Every traveler message since the handoff began is, in order, unless
      // the card shows it whole — even when the card went out late (Slack failing, a lost job).
      await tx.message.updateMany({
        where: {
          conversationId,
          direction: 'inbound',
          slackPostedAt: null,
          OR: [
            // Without a recorded start (a conversation put in a handoff state directly), all before the card.
            since ? { respondedAt: { lt: since } } : { createdAt: { lte: openedAt } },
            { id: { in: travelerMessagesOnCard(recent) } },
          ],
        },
        data: { slackPostedAt: openedAt },
      });
      return tx.slackThread.create({
        data: {
          conversationId,
          channelId: posted.channel,
          threadTs: posted.ts,
          cardTs: posted.ts,
          previousThreadId: latest?.id ?? null,
        },
      });
    });
    await rememberCard(deps, thread.id, cardFingerprint(conversation));
    deps.logger.info({ conversationId, channel: posted.channel }, 'handoff thread opened');
  }

  // A burst becomes one post; a very long backlog (after an outage) goes out a batch per turn.
  const unposted = await deps.db.message.findMany({
    where: { conversationId, direction: 'inbound', slackPostedAt: null },
    orderBy: { seq: 'asc' },
    select: { id: true, text: true, media: true, createdAt: true },
    take: MESSAGES_PER_POST + 1,
  });
  const backlog = unposted.length > MESSAGES_PER_POST;
  unposted.splice(MESSAGES_PER_POST);
  if (unposted.length > 0) {
    const wait = await acquireChannelSlot(deps.redis, deps.keyPrefix, thread.channelId);
    if (wait > 0) return { kind: 'wait', ms: wait };
    const post = buildTravelerMessagePost({
      messages: unposted.map((m) => ({ text: m.text, at: m.createdAt, media: mediaOf(m.media) })),
    });
    const posted = await deps.slack.postMessage({ channel: thread.channelId, threadTs: thread.threadTs, ...post });
    await deps.db.$transaction([
      deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts, messageId: unposted.at(-1)?.id } }),
      deps.db.message.updateMany({
        where: { id: { in: unposted.map((m) => m.id) } },
        data: { slackPostedAt: new Date() },
      }),
    ]);
    await shareAttachments(
      deps,
      thread,
      unposted.flatMap((m) => mediaOf(m.media)),
    );
    if (backlog) return { kind: 'wait', ms: 1000 };
  }

  const alerts = await postPendingAlerts(deps, conversation, thread.channelId, thread);
  if (alerts.kind === 'wait') return alerts;

  const fingerprint = cardFingerprint(conversation);
  if (thread.cardTs && (await cardChanged(deps, thread.id, fingerprint))) {
    // The same messages as when the card was posted: later ones are in the thread.
    const since = await episodeStart(deps.db, conversationId);
    const before = since && since < thread.createdAt ? since : thread.createdAt;
    const card = buildHandoffCard({
      ...cardInput(conversation, await recentMessages(deps.db, conversationId, before), null),
      summary: conversation.handoffSummary ?? undefined,
      actions: deps.actions,
    });
    await deps.slack.updateMessage({
      channel: thread.channelId,
      ts: thread.cardTs,
      text: card.text,
      blocks: card.blocks,
    });
    await rememberCard(deps, thread.id, fingerprint);
  }
  if (conversation.state === 'resolved') {
    // The episode is over: a later handoff opens a new thread that links to this one.
    await deps.db.slackThread.update({ where: { id: thread.id }, data: { closedAt: new Date() } });
    return { kind: 'done' };
  }
  // A change made while this job ran could not queue another (same job id): look once more.
  const now = await deps.db.conversation.findUnique({
    where: { id: conversationId },
    include: cardInclude,
  });
  return now && cardFingerprint(now) !== fingerprint ? { kind: 'wait', ms: 50 } : { kind: 'done' };
}

/** What the card shows besides the conversation's own columns; the latest booking webhook among them. */
const cardInclude = {
  contact: true,
  tags: { include: { tag: true } },
  actionRuns: {
    where: { webhookState: { not: null } },
    orderBy: { updatedAt: 'desc' },
    take: 1,
    select: { actionId: true, webhookState: true, webhookStatus: true, webhookError: true },
  },
} as const;

type ConversationForCard = {
  actionRuns: WebhookRun[];
  id: string;
  channel: string;
  handoffSummary: string | null;
  state: ConversationState;
  assignee: string | null;
  handoffReason: string | null;
  collected: unknown;
  contact: { displayName: string | null; address: string };
  tags: Array<{ tag: { name: string; emoji: string | null } }>;
};

/**
 * When this handoff episode began: the latest event that took the conversation from the AI
 * (as the insights count episodes). Null for a conversation put in a handoff state directly.
 */
async function episodeStart(db: Db, conversationId: string): Promise<Date | null> {
  const started = await db.conversationEvent.findFirst({
    where: {
      conversationId,
      OR: [{ type: 'handoff_opened' }, { type: 'claimed', fromState: { in: ['bot', 'resolved'] } }],
    },
    orderBy: { seq: 'desc' },
    select: { createdAt: true },
  });
  return started?.createdAt ?? null;
}

type RecentMessage = Awaited<ReturnType<typeof recentMessages>>[number];

/** The card's last messages (up to `before`), oldest first. */
async function recentMessages(db: Db, conversationId: string, before?: Date) {
  const recent = await db.message.findMany({
    where: { conversationId, ...(before && { createdAt: { lte: before } }) },
    orderBy: { seq: 'desc' },
    take: RECENT_MESSAGES_ON_CARD,
    select: { id: true, direction: true, author: true, text: true, media: true, createdAt: true },
  });
  return recent.reverse();
}

/** Traveler messages the card shows whole; one with attachments still goes to the thread, to share them. */
function travelerMessagesOnCard(recent: RecentMessage[]): string[] {
  const shown = new Set(messagesShownWhole(recent.map(toCardMessage)));
  return recent
    .filter((m) => m.direction === 'inbound' && shown.has(m.id) && mediaOf(m.media).length === 0)
    .map((m) => m.id);
}

function toCardMessage(m: RecentMessage) {
  return { id: m.id, author: m.author, text: m.text, at: m.createdAt };
}

function cardInput(conversation: ConversationForCard, recent: RecentMessage[], previousThreadLink: string | null) {
  return {
    conversationId: conversation.id,
    traveler: { name: conversation.contact.displayName ?? undefined, address: conversation.contact.address },
    channel: conversation.channel as ChannelKind,
    state: conversation.state,
    assignee: conversation.assignee ? { id: conversation.assignee } : undefined,
    reason: conversation.handoffReason ?? 'handed off',
    tags: conversation.tags.map(({ tag }) => ({ name: tag.name, emoji: tag.emoji ?? undefined })),
    collected: { ...collectedDetails(conversation.collected), ...bookingSystemDetail(conversation.actionRuns[0]) },
    recentMessages: recent.map(toCardMessage),
    ...(previousThreadLink && { previousThreadLink }),
  };
}

/**
 * Attachments go into the thread as files, so specialists can open them (Twilio's links need
 * the account's credentials). A file that cannot be fetched stays a link in the post above.
 */
async function shareAttachments(
  deps: SyncDeps,
  thread: { channelId: string; threadTs: string },
  media: Array<{ url: string; contentType: string }>,
): Promise<void> {
  if (!deps.loadMedia) return;
  for (const item of media) {
    try {
      const loaded = await deps.loadMedia(item);
      if (!loaded) continue;
      await deps.slack.uploadFile({
        channel: thread.channelId,
        threadTs: thread.threadTs,
        filename: loaded.filename,
        data: loaded.data,
        title: 'From the traveler',
      });
    } catch (error) {
      deps.logger.warn({ err: error, contentType: item.contentType }, 'could not share a traveler attachment in Slack');
    }
  }
}

/** Written once, when the thread opens; the card keeps showing it as it changes. */
async function summaryFor(deps: SyncDeps, conversation: { id: string; handoffSummary: string | null }) {
  if (conversation.handoffSummary || !deps.summarize) return conversation.handoffSummary ?? undefined;
  try {
    const summary = await deps.summarize(conversation.id);
    if (summary) {
      await deps.db.conversation.update({ where: { id: conversation.id }, data: { handoffSummary: summary } });
    }
    return summary;
  } catch (error) {
    deps.logger.warn({ err: error, conversationId: conversation.id }, 'could not summarise the conversation');
    return undefined;
  }
}

function mediaOf(value: unknown): Array<{ url: string; contentType: string }> {
  return Array.isArray(value) ? (value as Array<{ url: string; contentType: string }>) : [];
}

/** What the card shows that can change after it was posted. */
function cardFingerprint(conversation: ConversationForCard): string {
  const shown = {
    state: conversation.state,
    assignee: conversation.assignee,
    reason: conversation.handoffReason,
    tags: conversation.tags.map(({ tag }) => tag.name).sort(),
    collected: conversation.collected,
    webhook: conversation.actionRuns[0]?.webhookState ?? null,
  };
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex');
}

const cardKey = (deps: SyncDeps, threadId: string) => `${deps.keyPrefix}:slack:card:${threadId}`;

async function cardChanged(deps: SyncDeps, threadId: string, fingerprint: string): Promise<boolean> {
  return (await deps.redis.get(cardKey(deps, threadId))) !== fingerprint;
}

async function rememberCard(deps: SyncDeps, threadId: string, fingerprint: string): Promise<void> {
  await deps.redis.set(cardKey(deps, threadId), fingerprint, 'EX', 30 * 24 * 3600);
}
