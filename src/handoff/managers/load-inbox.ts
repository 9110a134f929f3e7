import type { Prisma } from '@prisma/client';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import type { Db } from '../../db/prisma-client';
import { loadHomeInsights } from '../../insights/home/load-home-insights';
import type { AppHomeInput, HomeConversation } from '../blocks/app-home';
import { travelerLabel } from '../blocks/labels';
import { type PermalinkSource, threadLinks } from './thread-links';

export interface InboxQuery {
  tag?: string;
  channel?: ChannelKind;
  now: Date;
  /** Links each conversation to its thread; without it there are no links. */
  slack?: PermalinkSource;
  /** The last 7 days' figures above the inbox (default true). */
  insights?: boolean;
}

/** The inbox as the App Home shows it (the caller adds the tags to offer as filters). */
export type Inbox = Omit<AppHomeInput, 'availableTags'>;

const OPEN_STATES = ['pending', 'human'] as const;
/** A home view holds 100 blocks: more open conversations than that could not be shown anyway. */
const MAX_OPEN_PER_STATE = 100;
const RECENT_RESOLVED = 10;

/**
 * The shared inbox: how many conversations are in each state, the open ones (waiting for a
 * specialist, with a specialist) longest-waiting first, and the last few resolved, all
 * filtered by tag and channel. Conversations with the AI are only counted. Above it, the
 * last 7 days' figures and knowledge gaps, filtered the same way.
 */
export async function loadInbox(db: Db, query: InboxQuery): Promise<Inbox> {
  const where: Prisma.ConversationWhereInput = {
    ...(query.channel !== undefined && { channel: query.channel }),
    ...(query.tag !== undefined && { tags: { some: { tag: { name: query.tag } } } }),
  };
  const include = {
    contact: { select: { displayName: true, address: true } },
    tags: { select: { tag: { select: { name: true } } } },
    slackThreads: {
      orderBy: { createdAt: 'desc' },
      take: 1,
      select: { channelId: true, threadTs: true, closedAt: true },
    },
  } satisfies Prisma.ConversationInclude;

  const insights =
    query.insights === false
      ? undefined
      : // Figures that cannot be loaded must not take the inbox down with them.
        loadHomeInsights(db, { now: query.now, tag: query.tag, channel: query.channel }).catch(
          () => 'unavailable' as const,
        );
  const [countRows, open, resolved] = await Promise.all([
    db.conversation.groupBy({ by: ['state'], where, _count: { _all: true } }),
    Promise.all(
      OPEN_STATES.map((state) =>
        db.conversation.findMany({
          where: { ...where, state },
          include,
          orderBy: { updatedAt: 'asc' },
          take: MAX_OPEN_PER_STATE,
        }),
      ),
    ),
    db.conversation.findMany({
      where: { ...where, state: 'resolved' },
      include,
      orderBy: { updatedAt: 'desc' },
      take: RECENT_RESOLVED,
    }),
  ]);

  const counts: Record<ConversationState, number> = { pending: 0, human: 0, bot: 0, resolved: 0 };
  for (const row of countRows) counts[row.state] = row._count._all;

  const openRows = open.flat();
  const since = await handoffStarts(
    db,
    openRows.map((row) => row.id),
  );
  const shown = [...openRows, ...resolved];
  // An open conversation links to its open thread; a resolved one to the thread it ended in.
  const links = await threadLinks(
    query.slack,
    shown.map((row) => {
      const thread = row.slackThreads[0];
      return thread && (row.state === 'resolved' || thread.closedAt === null) ? thread : undefined;
    }),
  );
  const conversations = new Map<string, HomeConversation>(
    shown.map((row, index) => {
      const waitingSince = row.state === 'resolved' ? undefined : since.get(row.id);
      const link = links[index];
      const item: HomeConversation = {
        conversationId: row.id,
        travelerLabel: travelerLabel({ name: row.contact.displayName ?? undefined, address: row.contact.address }),
        channel: row.channel as ChannelKind,
        tags: row.tags.map(({ tag }) => tag.name).sort(),
        ...(row.assignee && { assignee: row.assignee }),
        ...(waitingSince && { waitingSince }),
        ...(link && { threadLink: link }),
      };
      return [row.id, item];
    }),
  );
  const byWaiting = (a: HomeConversation, b: HomeConversation) =>
    (a.waitingSince?.getTime() ?? Number.POSITIVE_INFINITY) - (b.waitingSince?.getTime() ?? Number.POSITIVE_INFINITY);
  const groups = [
    ...OPEN_STATES.map((state, index) => ({
      state,
      conversations: (open[index] ?? []).flatMap((row) => conversations.get(row.id) ?? []).sort(byWaiting),
    })),
    { state: 'resolved' as const, conversations: resolved.flatMap((row) => conversations.get(row.id) ?? []) },
  ];
  return {
    counts,
    groups,
    filters: { tag: query.tag, channel: query.channel },
    now: query.now,
    ...(insights && { insights: await insights }),
  };
}

/**
 * When each conversation's current handoff began: its latest step from the AI (or from
 * resolved) into the handoff. Usually the `handoff_opened` event; a specialist who claims a
 * conversation straight from the AI starts the episode with `claimed` instead.
 */
async function handoffStarts(db: Db, conversationIds: string[]): Promise<Map<string, Date>> {
  if (conversationIds.length === 0) return new Map();
  const events = await db.conversationEvent.findMany({
    where: {
      conversationId: { in: conversationIds },
      toState: { in: [...OPEN_STATES] },
      OR: [{ fromState: null }, { fromState: { in: ['bot', 'resolved'] } }],
    },
    orderBy: { seq: 'desc' },
    distinct: ['conversationId'],
    select: { conversationId: true, createdAt: true },
  });
  return new Map(events.map((event) => [event.conversationId, event.createdAt]));
}
