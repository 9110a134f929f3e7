import type { ConversationState } from '../core/conversation-state';

/**
 * What a flow can see after a step: the traveler's phone, the conversation as stored, and what
 * reached Slack and the booking system. Expectations are checked against it by a pure function
 * (`evaluateExpectations`), so the checking is tested without running Baton.
 */
export interface FlowObservation {
  /** Messages that reached the traveler since the previous step, oldest first (parts separately). */
  received: string[];
  /** Absent until the traveler's first message has been filed. */
  conversation?: {
    state: ConversationState;
    tags: string[];
    handoffReason?: string;
    /** Details collected by custom actions, by field name. */
    collected: Record<string, CollectedDetail>;
  };
  /** The current handoff card as Slack shows it now (text and blocks, flattened). */
  card?: { channel: string; text: string };
  /** The posts in the current handoff thread, after the card (traveler messages, notes), flattened. */
  thread?: { channel: string; posts: string[] };
  /** The conversation's alerts that were posted to Slack, oldest first. */
  alerts: ObservedAlert[];
  /** Booking-webhook requests made for this conversation, oldest first. */
  webhookCalls: ObservedWebhookCall[];
}

export interface CollectedDetail {
  label?: string;
  value: unknown;
  /** How the card shows it (dates and ranges formatted). */
  display?: string;
}

export interface ObservedAlert {
  users: string[];
  usergroup?: string;
  text?: string;
  /** The Slack post as posted (mentions included), flattened. */
  posted?: string;
}

export interface ObservedWebhookCall {
  actionId?: string;
  fields: Record<string, unknown>;
}
