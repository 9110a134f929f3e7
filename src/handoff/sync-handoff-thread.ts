import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelKind } from '../channels/channel-adapter';
import type { ConversationState } from '../core/conversation-state';
import type { Logger } from '../core/logger';
import type { Db } from '../db/prisma-client';
import { buildHandoffCard } from './blocks/handoff-card';
import { buildTravelerMessagePost } from './blocks/thread-notes';
import type { TravelerMediaLoader } from './load-traveler-media';
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
}

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
    include: {
      contact: true,
      tags: { include: { tag: true } },
      slackThreads: { orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  if (!conversation) return { kind: 'done' };
  const latest = conversation.slackThreads[0];
  let thread = latest && latest.closedAt === null ? latest : undefined;
  const inHandoff = conversation.state === 'pending' || conversation.state === 'human';

  if (!thread) {
    if (!inHandoff) return { kind: 'done' };
    const wait = await acquireChannelSlot(deps.redis, deps.keyPrefix, deps.handoffChannel);
    if (wait > 0) return { kind: 'wait', ms: wait };
    const previousLink = latest
      ? await deps.slack.permalink({ channel: latest.channelId, ts: latest.threadTs }).catch(() => null)
      : null;
    const card = buildHandoffCard(await cardInput(deps.db, conversation, previousLink));
    const posted = await deps.slack.postMessage({ channel: deps.handoffChannel, text: card.text, blocks: card.blocks });
    const openedAt = new Date();
    thread = await deps.db.$transaction(async (tx) => {
      await tx.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
      // Messages from before the handoff are on the card; only later ones are relayed.
      await tx.message.updateMany({
        where: { conversationId, direction: 'inbound', slackPostedAt: null, createdAt: { lte: openedAt } },
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

  const fingerprint = cardFingerprint(conversation);
  if (thread.cardTs && (await cardChanged(deps, thread.id, fingerprint))) {
    const card = buildHandoffCard(await cardInput(deps.db, conversation, null, thread.createdAt));
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
    include: { contact: true, tags: { include: { tag: true } } },
  });
  return now && cardFingerprint(now) !== fingerprint ? { kind: 'wait', ms: 50 } : { kind: 'done' };
}

type ConversationForCard = {
  id: string;
  channel: string;
  state: ConversationState;
  assignee: string | null;
  handoffReason: string | null;
  collected: unknown;
  contact: { displayName: string | null; address: string };
  tags: Array<{ tag: { name: string; emoji: string | null } }>;
};

async function cardInput(db: Db, conversation: ConversationForCard, previousThreadLink: string | null, before?: Date) {
  const recent = await db.message.findMany({
    where: { conversationId: conversation.id, ...(before && { createdAt: { lte: before } }) },
    orderBy: { seq: 'desc' },
    take: RECENT_MESSAGES_ON_CARD,
    select: { author: true, text: true, createdAt: true },
  });
  return {
    conversationId: conversation.id,
    traveler: { name: conversation.contact.displayName ?? undefined, address: conversation.contact.address },
    channel: conversation.channel as ChannelKind,
    state: conversation.state,
    assignee: conversation.assignee ? { id: conversation.assignee } : undefined,
    reason: conversation.handoffReason ?? 'handed off',
    tags: conversation.tags.map(({ tag }) => ({ name: tag.name, emoji: tag.emoji ?? undefined })),
    collected: collectedDetails(conversation.collected),
    recentMessages: recent.reverse().map((m) => ({ author: m.author, text: m.text, at: m.createdAt })),
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

function collectedDetails(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
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
