import type { Prisma } from '@prisma/client';
import type { Db } from '../db/prisma-client';
import type { PlaygroundInbox, PlaygroundInboxItem, PlaygroundState } from './playground-api';

/** Open handoffs are all shown (up to a screenful); the rest only the latest few. */
const SHOWN: Record<PlaygroundState, number> = { pending: 100, human: 100, bot: 15, resolved: 10 };
const ORDER: PlaygroundState[] = ['pending', 'human', 'bot', 'resolved'];

/**
 * The specialist's inbox: waiting, with a specialist, then recent conversations with the AI
 * and resolved ones; simulator conversations only (see `requirePlaygroundConversation`).
 */
export async function loadPlaygroundInbox(db: Db): Promise<PlaygroundInbox> {
  const select = {
    id: true,
    channel: true,
    state: true,
    assignee: true,
    handoffReason: true,
    updatedAt: true,
    lastInboundAt: true,
    contact: { select: { displayName: true, address: true } },
    tags: { select: { tag: { select: { name: true } } } },
  } satisfies Prisma.ConversationSelect;
  const groups = await Promise.all(
    ORDER.map((state) =>
      db.conversation.findMany({
        where: { state, channel: 'simulator' },
        select,
        orderBy: [{ lastInboundAt: { sort: 'desc', nulls: 'last' } }, { updatedAt: 'desc' }],
        take: SHOWN[state],
      }),
    ),
  );
  const conversations = groups.flat().map(
    (row): PlaygroundInboxItem => ({
      conversationId: row.id,
      traveler: row.contact.displayName ?? row.contact.address,
      address: row.contact.address,
      channel: row.channel,
      state: row.state,
      ...(row.assignee && { assignee: row.assignee }),
      ...(row.handoffReason && { reason: row.handoffReason }),
      tags: row.tags.map(({ tag }) => tag.name).sort(),
      updatedAt: (row.lastInboundAt ?? row.updatedAt).toISOString(),
    }),
  );
  return { conversations };
}
