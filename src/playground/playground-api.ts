/**
 * The playground's wire format: what `/playground/api/*` answers. Types only, so the
 * front-end (playground/, a browser bundle) imports them too and both sides stay in step.
 */

export type PlaygroundState = 'bot' | 'pending' | 'human' | 'resolved';
export type PlaygroundAuthor = 'traveler' | 'ai' | 'specialist' | 'system';

export interface PlaygroundTag {
  name: string;
  /** Slack shortcode or emoji character, as configured. */
  emoji?: string;
  color?: string;
  description?: string;
}

/** `GET /playground/api/setup`: what the page needs once. */
export interface PlaygroundSetup {
  /** The playground's specialist: claims and replies are made as this id. */
  specialistId: string;
  assistant: { name: string; company: string };
  /** The configured tags (the tag picker). */
  tags: PlaygroundTag[];
  /** The configured custom actions (the "Ask the traveler for…" menu). */
  actions: Array<{ id: string; title: string }>;
  /** Set when handoffs go to Slack: the default handoff channel. */
  slack: { handoffChannel: string } | null;
}

export interface PlaygroundInboxItem {
  conversationId: string;
  /** The traveler's name, else their address (the playground is local: addresses are not masked). */
  traveler: string;
  address: string;
  channel: string;
  state: PlaygroundState;
  assignee?: string;
  reason?: string;
  tags: string[];
  updatedAt: string;
}

/** `GET /playground/api/inbox`: open handoffs first, then recent conversations with the AI and resolved ones. */
export interface PlaygroundInbox {
  conversations: PlaygroundInboxItem[];
}

export interface PlaygroundMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  author: PlaygroundAuthor;
  authorId?: string;
  text: string;
  at: string;
  /** Delivery status of an outbound message (`queued`, `delivered`, `failed`…); `received` inbound. */
  status: string;
  error?: string;
}

export interface PlaygroundSlackThread {
  channelId: string;
  threadTs: string;
  /** Slack's permalink; absent when Slack did not give one (then link to the channel). */
  link?: string;
  closed: boolean;
}

/** `GET /playground/api/conversations/:id`: the handoff card and its thread. */
export interface PlaygroundConversation {
  conversationId: string;
  traveler: { name?: string; address: string };
  channel: string;
  state: PlaygroundState;
  assignee?: string;
  reason?: string;
  tags: PlaygroundTag[];
  /** Details gathered by custom actions, by label. */
  collected: Record<string, string>;
  /** The card's summary: the stored one, or (no handoff thread yet) one made for this view. */
  summary?: { text: string; stored: boolean };
  /** The form the traveler is answering now. */
  collecting?: { actionId: string; title: string };
  /** The latest Slack thread of this conversation, when Slack is on and a handoff opened one. */
  slack?: PlaygroundSlackThread;
  messages: PlaygroundMessage[];
}

export interface PlaygroundPhoneMessage {
  id: string;
  from: 'traveler' | 'baton';
  text: string;
  at: string;
  /** The id the traveler's message was sent with (`POST /simulator/messages {id}`). */
  clientId?: string;
}

/** `GET /playground/api/phone?address=`: the simulated phone, both ways, oldest first. */
export interface PlaygroundPhone {
  address: string;
  conversationId?: string;
  messages: PlaygroundPhoneMessage[];
}

export type PlaygroundStateCommand = 'claim' | 'hand_back' | 'resolve';

/** The `change` server-sent event: which views to fetch again. */
export interface PlaygroundChange {
  inbox: boolean;
  conversation: boolean;
  phone: boolean;
}

/** Every error answer: a stable code and what to do. */
export interface PlaygroundError {
  error: string;
  message: string;
}
