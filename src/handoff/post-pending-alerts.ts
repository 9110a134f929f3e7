import type { ChannelKind } from '../channels/channel-adapter';
import { buildAlertMessage } from './blocks/alert-message';
import { acquireChannelSlot } from './slack/channel-rate-limit';
import type { SyncDeps, SyncOutcome } from './sync-handoff-thread';

interface ConversationForAlert {
  id: string;
  channel: string;
  contact: { displayName: string | null; address: string };
  tags: Array<{ tag: { name: string; emoji: string | null } }>;
}

/**
 * Posts a conversation's rule alerts not yet in Slack, oldest first: into its handoff
 * thread when one is open (broadcast to the channel, so the mention is seen), else as a
 * message in the handoff channel with a Claim button. Each alert is marked posted with its
 * `ts` right after its post; a crash in between posts it again (at least once), which for
 * an alert beats never.
 */
export async function postPendingAlerts(
  deps: SyncDeps,
  conversation: ConversationForAlert,
  channel: string,
  thread: { channelId: string; threadTs: string } | null,
): Promise<SyncOutcome> {
  const alerts = await deps.db.alert.findMany({
    where: { conversationId: conversation.id, postedAt: null },
    orderBy: { createdAt: 'asc' },
  });
  if (alerts.length === 0) return { kind: 'done' };
  const lastTraveler = await deps.db.message.findFirst({
    where: { conversationId: conversation.id, direction: 'inbound' },
    orderBy: { seq: 'desc' },
    select: { text: true },
  });
  const threadLink = thread
    ? await deps.slack.permalink({ channel: thread.channelId, ts: thread.threadTs }).catch(() => null)
    : null;
  for (const alert of alerts) {
    const target = thread?.channelId ?? alert.slackChannelId ?? channel;
    const wait = await acquireChannelSlot(deps.redis, deps.keyPrefix, target);
    if (wait > 0) return { kind: 'wait', ms: wait };
    const message = buildAlertMessage({
      conversationId: conversation.id,
      users: alert.users,
      usergroup: alert.usergroup ?? undefined,
      text: alert.text ?? undefined,
      ruleId: alert.ruleId,
      traveler: { name: conversation.contact.displayName ?? undefined, address: conversation.contact.address },
      channel: conversation.channel as ChannelKind,
      tags: conversation.tags.map(({ tag }) => ({ name: tag.name, emoji: tag.emoji ?? undefined })),
      lastTravelerMessage: lastTraveler?.text,
      inThread: thread !== null,
      ...(threadLink && { threadLink }),
    });
    const posted = await deps.slack.postMessage({
      channel: target,
      text: message.text,
      blocks: message.blocks,
      ...(thread && { threadTs: thread.threadTs, broadcast: true }),
    });
    await deps.db.$transaction([
      deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } }),
      deps.db.alert.update({
        where: { id: alert.id },
        data: { postedAt: new Date(), slackChannelId: posted.channel, slackTs: posted.ts },
      }),
    ]);
    deps.logger.info({ conversationId: conversation.id, ruleId: alert.ruleId }, 'alert posted in Slack');
  }
  return { kind: 'done' };
}
