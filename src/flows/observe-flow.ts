import type { ChannelKind } from '../channels/channel-adapter';
import type { CollectedDetail, FlowObservation, ObservedWebhookCall } from './flow-observation';
import type { FlowSandbox } from './start-flow-sandbox';

/** The flow's traveler: one address of its own on one channel. */
export interface FlowTraveler {
  channel: ChannelKind;
  address: string;
  name?: string;
}

/** Everything Slack shows of a message, as one text: its text and every text in its blocks. */
export function flattenSlackMessage(message: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (key === 'text') texts.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node && typeof node === 'object') {
      for (const [name, value] of Object.entries(node)) {
        // Buttons' values and ids are not shown to people.
        if (name === 'value' || name === 'action_id' || name === 'block_id' || name === 'confirm') continue;
        visit(value, name);
      }
    }
  };
  visit(message);
  return texts.join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** What the traveler's phone has received so far, oldest first. */
export async function readTravelerPhone(sandbox: FlowSandbox, traveler: FlowTraveler): Promise<string[]> {
  if (traveler.channel === 'simulator') {
    return (await sandbox.runtime.simulator.readPhone(traveler.address)).map((message) => message.text);
  }
  const adapter = traveler.channel === 'twilio_sms' ? sandbox.sms : sandbox.whatsapp;
  return adapter.readPhone(traveler.address).map((message) => message.text);
}

export async function findConversation(sandbox: FlowSandbox, traveler: FlowTraveler) {
  return sandbox.runtime.db.conversation.findFirst({
    where: { contact: { channel: traveler.channel, address: traveler.address } },
    include: {
      tags: { orderBy: { appliedAt: 'asc' }, include: { tag: true } },
      alerts: { where: { postedAt: { not: null } }, orderBy: { createdAt: 'asc' } },
      slackThreads: { orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
}

function readCollected(json: unknown): Record<string, CollectedDetail> {
  const details: Record<string, CollectedDetail> = {};
  if (!json || typeof json !== 'object') return details;
  for (const [name, raw] of Object.entries(json as Record<string, unknown>)) {
    const entry = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : { value: raw };
    details[name] = {
      value: 'value' in entry ? entry.value : raw,
      ...(typeof entry.label === 'string' && { label: entry.label }),
      ...(typeof entry.display === 'string' && { display: entry.display }),
    };
  }
  return details;
}

/**
 * What the flow sees now. `phoneBefore` is how many messages the traveler had received at the
 * previous step: the ones after it are this step's `received`.
 */
export async function observeFlow(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  phoneBefore: number,
): Promise<{ observation: FlowObservation; phoneCount: number; conversationId?: string }> {
  const phone = await readTravelerPhone(sandbox, traveler);
  const conversation = await findConversation(sandbox, traveler);
  const observation: FlowObservation = { received: phone.slice(phoneBefore), alerts: [], webhookCalls: [] };
  if (!conversation) return { observation, phoneCount: phone.length };

  observation.conversation = {
    state: conversation.state,
    tags: conversation.tags.map(({ tag }) => tag.name),
    ...(conversation.handoffReason !== null && { handoffReason: conversation.handoffReason }),
    collected: readCollected(conversation.collected),
  };
  const thread = conversation.slackThreads[0];
  if (thread) {
    const card = sandbox.slack.message(thread.channelId, thread.cardTs ?? thread.threadTs);
    if (card) observation.card = { channel: thread.channelId, text: flattenSlackMessage(card) };
    const posts = sandbox.slack
      .posts(thread.channelId)
      .filter((post) => post.threadTs === thread.threadTs)
      .map((post) => flattenSlackMessage(sandbox.slack.message(post.channel, post.ts) ?? post.body));
    observation.thread = { channel: thread.channelId, posts };
  }
  observation.alerts = conversation.alerts.map((alert) => {
    const posted =
      alert.slackChannelId && alert.slackTs ? sandbox.slack.message(alert.slackChannelId, alert.slackTs) : undefined;
    return {
      users: alert.users,
      ...(alert.usergroup !== null && { usergroup: alert.usergroup }),
      ...(alert.text !== null && { text: alert.text }),
      ...(posted && { posted: flattenSlackMessage(posted) }),
    };
  });
  observation.webhookCalls = sandbox.webhooks.calls().flatMap((call): ObservedWebhookCall[] => {
    const json = call.json as { conversationId?: unknown; actionId?: unknown; fields?: unknown } | undefined;
    if (!json || json.conversationId !== conversation.id) return [];
    return [
      {
        ...(typeof json.actionId === 'string' && { actionId: json.actionId }),
        fields: json.fields && typeof json.fields === 'object' ? (json.fields as Record<string, unknown>) : {},
      },
    ];
  });
  return { observation, phoneCount: phone.length, conversationId: conversation.id };
}
