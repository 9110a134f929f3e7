import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import { maskAddress } from '../../core/logger';

/** How specialists know each channel; "linked device" is the whatsapp-web.js session. */
export const channelLabels: Readonly<Record<ChannelKind, string>> = {
  twilio_sms: 'SMS',
  twilio_whatsapp: 'WhatsApp',
  whatsapp_web: 'WhatsApp (linked device)',
  simulator: 'Simulator',
};

export const channelKinds = Object.keys(channelLabels) as ChannelKind[];

export const stateLabels: Readonly<Record<ConversationState, string>> = {
  pending: 'Waiting for a specialist',
  human: 'With a specialist',
  bot: 'With the AI',
  resolved: 'Resolved',
};

/** The same, to use inside a sentence. */
export const statePhrases: Readonly<Record<ConversationState, string>> = {
  pending: 'waiting for a specialist',
  human: 'with a specialist',
  bot: 'with the AI',
  resolved: 'resolved',
};

export const stateEmoji: Readonly<Record<ConversationState, string>> = {
  pending: ':hourglass_flowing_sand:',
  human: ':raising_hand:',
  bot: ':robot_face:',
  resolved: ':white_check_mark:',
};

/** The most urgent first: the order of the inbox. */
export const stateOrder: readonly ConversationState[] = ['pending', 'human', 'bot', 'resolved'];

export function stateBadge(state: ConversationState): string {
  return `${stateEmoji[state]} ${stateLabels[state]}`;
}

/**
 * The traveler's number as shown in Slack: masked (a Slack workspace is wider than the
 * people who need the number), without the `whatsapp:` scheme the channel label already says.
 */
export function maskedNumber(address: string): string {
  return maskAddress(address).replace(/^[a-z]+:/i, '');
}

/** The name the traveler gave, else their masked number: what Slack shows for a traveler. */
export function travelerLabel(traveler: { name?: string; address: string }): string {
  const name = traveler.name?.trim();
  return name ? name : maskedNumber(traveler.address);
}

/** A tag as people see it: "🚨 urgent" or ":rotating_light: urgent". */
export function tagLabel(tag: { name: string; emoji?: string }): string {
  return tag.emoji ? `${tag.emoji} ${tag.name}` : tag.name;
}

/** "under 1 min", "12 min", "3 h 5 min", "2 d 4 h": how long since `since`, for a glance. */
export function formatDuration(since: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - since.getTime()) / 60_000);
  if (!(minutes >= 1)) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
