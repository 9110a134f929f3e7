import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import {
  type ActionsBlock,
  type Block,
  type ButtonElement,
  button,
  type ContextBlock,
  type Mrkdwn,
  mrkdwn,
  option,
  plain,
  type SlackMessage,
  type StaticSelectElement,
  slackLimits,
} from './block-kit';
import { channelLabels, maskedNumber, stateBadge, stateEmoji, statePhrases, tagLabel, travelerLabel } from './labels';
import { escapeMrkdwn, link, mention, quoteLines, slackDate, truncateMrkdwn } from './mrkdwn';

/** Action ids of the card's buttons; each button's `value` is the conversation id. */
export const HANDOFF_CLAIM_ACTION_ID = 'handoff_claim';
export const HANDOFF_HAND_BACK_ACTION_ID = 'handoff_hand_back';
export const HANDOFF_RESOLVE_ACTION_ID = 'handoff_resolve';
/** The "Ask the traveler for…" menu: each option's value is `<conversation id>|<action id>`. */
export const HANDOFF_START_ACTION_ACTION_ID = 'handoff_start_action';
export const handoffActionIds = [
  HANDOFF_CLAIM_ACTION_ID,
  HANDOFF_HAND_BACK_ACTION_ID,
  HANDOFF_RESOLVE_ACTION_ID,
] as const;
export type HandoffActionId = (typeof handoffActionIds)[number];

export type CardMessageAuthor = 'traveler' | 'ai' | 'specialist' | 'system';

export interface HandoffCardInput {
  conversationId: string;
  traveler: { name?: string; address: string };
  channel: ChannelKind;
  state: ConversationState;
  /** The specialist holding the conversation (a Slack user id). */
  assignee?: { id: string };
  /** Who resolved it (a Slack user id), shown once the state is `resolved`. */
  resolvedBy?: { id: string };
  /** Why it was handed off: 'traveler asked for a person', 'keyword "lost luggage"', 'AI unsure'… */
  reason: string;
  tags: Array<{ name: string; emoji?: string }>;
  /** Details gathered by custom actions, by label (confirmation number, travel dates…). */
  collected: Record<string, string>;
  summary?: string;
  /** The last few messages, oldest first; `id` only to learn which are shown (`messagesShownWhole`). */
  recentMessages: Array<{ id?: string; author: CardMessageAuthor; text: string; at: Date }>;
  /** Permalink of the thread of the previous episode with this traveler. */
  previousThreadLink?: string;
  deliveryProblem?: string;
  /** Custom actions a specialist can start from the card (ask the traveler for details). */
  actions?: Array<{ id: string; title: string }>;
}

const maxCollectedShown = 20;
const maxRecentShown = 10;
const maxRecentMessageChars = 500;

const authorLabels: Record<CardMessageAuthor, string> = {
  traveler: 'Traveler',
  ai: 'AI',
  specialist: 'Specialist',
  system: 'Baton',
};

function field(label: string, value: string): Mrkdwn {
  return mrkdwn(truncateMrkdwn(`*${label}*\n${value}`, slackLimits.fieldText));
}

function section(text: string): Block {
  return { type: 'section', text: mrkdwn(truncateMrkdwn(text, slackLimits.sectionText)) };
}

function context(text: string): ContextBlock {
  return { type: 'context', elements: [mrkdwn(truncateMrkdwn(text, slackLimits.sectionText))] };
}

function overviewFields(input: HandoffCardInput): Mrkdwn[] {
  const tags = input.tags.map((tag) => escapeMrkdwn(tagLabel(tag))).join(', ');
  return [
    field('Number', escapeMrkdwn(maskedNumber(input.traveler.address))),
    field('Channel', channelLabels[input.channel]),
    field('State', stateBadge(input.state)),
    field('Assignee', input.assignee ? mention(input.assignee.id) : '_Unassigned_'),
    field('Why', escapeMrkdwn(input.reason)),
    field('Tags', tags || '_None_'),
  ];
}

function collectedBlocks(collected: Record<string, string>): Block[] {
  const entries = Object.entries(collected);
  const shown = entries
    .slice(0, maxCollectedShown)
    .map(([label, value]) => field(escapeMrkdwn(label), escapeMrkdwn(value)));
  const blocks: Block[] = [];
  for (let start = 0; start < shown.length; start += slackLimits.sectionFields) {
    blocks.push({ type: 'section', fields: shown.slice(start, start + slackLimits.sectionFields) });
  }
  if (entries.length > shown.length) blocks.push(context(`…and ${entries.length - shown.length} more details`));
  return blocks;
}

const recentHeading = '*Last messages*';
const recentOmitted = '_…earlier messages not shown_';

interface RecentLine {
  id?: string;
  entry: string;
  /** Shown in full: not cut to `maxRecentMessageChars`. */
  whole: boolean;
}

/** The newest messages that fit one section, oldest first, each as the card shows it. */
function recentLines(messages: HandoffCardInput['recentMessages']): RecentLine[] {
  const budget = slackLimits.sectionText - recentHeading.length - recentOmitted.length - 2;
  const lines: RecentLine[] = [];
  let used = 0;
  for (const message of messages.slice(-maxRecentShown).reverse()) {
    const escaped = escapeMrkdwn(message.text);
    const shown = truncateMrkdwn(escaped, maxRecentMessageChars);
    const entry = `*${authorLabels[message.author]}* ${slackDate(message.at, '{time}')}\n${quoteLines(shown)}`;
    if (used + entry.length + 1 > budget) break;
    lines.unshift({ id: message.id, entry, whole: shown === escaped });
    used += entry.length + 1;
  }
  return lines;
}

/** The newest messages that fit one section, oldest first; a note says when older ones were left out. */
function recentMessagesText(messages: HandoffCardInput['recentMessages']): string | undefined {
  if (messages.length === 0) return undefined;
  const lines = recentLines(messages).map((line) => line.entry);
  const head = lines.length < messages.length ? [recentHeading, recentOmitted] : [recentHeading];
  return [...head, ...lines].join('\n');
}

/**
 * The ids of the recent messages the card shows in full (neither left out for room nor cut
 * short): the handoff thread need not repeat those; it relays the others.
 */
export function messagesShownWhole(messages: HandoffCardInput['recentMessages']): string[] {
  return recentLines(messages).flatMap((line) => (line.whole && line.id ? [line.id] : []));
}

function actionButtons(input: HandoffCardInput): ButtonElement[] {
  const value = input.conversationId;
  const claim = button({ text: 'Claim', actionId: HANDOFF_CLAIM_ACTION_ID, value, style: 'primary' });
  const handBack = button({ text: 'Hand back to AI', actionId: HANDOFF_HAND_BACK_ACTION_ID, value });
  const resolve = button({
    text: 'Resolve',
    actionId: HANDOFF_RESOLVE_ACTION_ID,
    value,
    style: 'danger',
    confirm: {
      title: plain('Resolve this conversation?'),
      text: plain('Baton stops relaying this thread. If the traveler writes again, a new thread starts.'),
      confirm: plain('Resolve'),
      deny: plain('Cancel'),
      style: 'danger',
    },
  });
  switch (input.state) {
    case 'pending':
      return [claim, handBack, resolve];
    case 'human':
      return input.assignee ? [handBack, resolve] : [claim, handBack, resolve];
    case 'bot':
      return [claim, resolve];
    case 'resolved':
      return [];
  }
}

/** While a specialist is on it, they can have Baton collect details from the traveler. */
function startActionMenu(input: HandoffCardInput): StaticSelectElement | undefined {
  const actions = (input.actions ?? []).slice(0, slackLimits.selectOptions);
  if (actions.length === 0 || (input.state !== 'pending' && input.state !== 'human')) return undefined;
  return {
    type: 'static_select',
    action_id: HANDOFF_START_ACTION_ACTION_ID,
    placeholder: plain('Ask the traveler for…'),
    options: actions.map((action) => option(action.title, `${input.conversationId}|${action.id}`)),
  };
}

/**
 * The handoff card posted in the shared inbox and kept current with `chat.update`. The
 * traveler's number is always masked; everything people or the AI wrote is escaped and cut
 * to Slack's limits. At most 11 blocks whatever the input (details are capped at 20), well
 * within a message's 50.
 */
export function buildHandoffCard(input: HandoffCardInput): SlackMessage {
  const label = travelerLabel(input.traveler);
  const channel = channelLabels[input.channel];
  const blocks: Block[] = [
    { type: 'header', text: plain(`${label} · ${channel}`, slackLimits.headerText) },
    { type: 'section', fields: overviewFields(input) },
  ];
  if (input.deliveryProblem) {
    blocks.push(section(`:warning: *Delivery problem:* ${escapeMrkdwn(input.deliveryProblem)}`));
  }
  blocks.push(...collectedBlocks(input.collected));
  if (input.summary?.trim()) blocks.push(section(`*AI summary*\n${escapeMrkdwn(input.summary.trim())}`));
  const recent = recentMessagesText(input.recentMessages);
  if (recent) blocks.push(section(recent));
  if (input.previousThreadLink) {
    blocks.push(
      context(`:leftwards_arrow_with_hook: Continues ${link(input.previousThreadLink, 'an earlier conversation')}`),
    );
  }
  blocks.push({ type: 'divider' });
  const buttons = actionButtons(input);
  if (buttons.length > 0) {
    const menu = startActionMenu(input);
    blocks.push({ type: 'actions', elements: menu ? [...buttons, menu] : buttons } satisfies ActionsBlock);
  } else {
    const by = input.resolvedBy ? ` by ${mention(input.resolvedBy.id)}` : '';
    blocks.push(context(`${stateEmoji.resolved} Resolved${by}. A new message from the traveler opens a new thread.`));
  }
  // The notification line: no number, and the state so a "resolved" update does not read as a new request.
  const text = truncateMrkdwn(
    `Handoff: ${escapeMrkdwn(label)} (${channel}), ${statePhrases[input.state]}: ${escapeMrkdwn(input.reason)}`,
    slackLimits.sectionText,
  );
  return { text, blocks };
}
