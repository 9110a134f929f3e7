import { createHmac, randomUUID } from 'node:crypto';

/**
 * What Slack sends to Baton's `POST /slack/events`, built for tests and for `baton flows`
 * (which plays specialists through Baton's real Bolt handlers). Signatures are computed the
 * way Slack documents it (https://api.slack.com/authentication/verifying-requests-from-slack),
 * written without Bolt, so tests check Bolt's verification against an independent implementation.
 *
 *   computeSlackSignature(signingSecret, timestamp, body)  → "v0=<hex>" (X-Slack-Signature)
 *   signedSlackRequest({ signingSecret, body, contentType, timestamp?, retryNum? })
 *                                         → { headers, body } ready for fetch
 *
 * Every builder returns `{ body, contentType, payload }`: spread it into signedSlackRequest
 * (`signedSlackRequest({ signingSecret, ...eventCallback(event) })`); `payload` is the object
 * Slack would send, for assertions.
 *
 *   Events API (JSON): eventCallback(event, { eventId?, teamId?, eventTime? }), urlVerification(challenge)
 *     event objects:   threadReply, channelMessage, botMessage, messageChanged, messageDeleted, appHomeOpened
 *   Interactivity (form `payload=<json>`): blockActions, viewBlockActions, messageShortcut, globalShortcut,
 *                                          viewSubmission
 *
 * Ids default to `slackTestWorkspace` (the fake Slack server answers auth.test with the same bot
 * ids, so Bolt recognises `botMessage({ fromBaton: true })` as its own echo).
 */

export const slackTestWorkspace = Object.freeze({
  teamId: 'T0BATON001',
  teamDomain: 'baton-test',
  appId: 'A0BATON001',
  botUserId: 'U0BATONBOT',
  botId: 'B0BATONBOT',
  enterpriseId: null,
});

export type SlackContentType = 'application/json' | 'application/x-www-form-urlencoded';

export interface SlackRequestBody<P = Record<string, unknown>> {
  body: string;
  contentType: SlackContentType;
  payload: P;
}

/** Slack's v0 scheme: HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed with the signing secret, hex. */
export function computeSlackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`, 'utf8').digest('hex')}`;
}

export interface SignedSlackRequest {
  headers: {
    'content-type': SlackContentType;
    'x-slack-signature': string;
    'x-slack-request-timestamp': string;
    'x-slack-retry-num'?: string;
    'x-slack-retry-reason'?: string;
  };
  body: string;
}

/**
 * Headers and body exactly as Slack posts them. `timestamp` is in seconds (default: now); pass
 * an old one to test replay protection. `retryNum` adds Slack's retry headers.
 */
export function signedSlackRequest(input: {
  signingSecret: string;
  body: string;
  contentType: SlackContentType;
  timestamp?: number;
  retryNum?: number;
}): SignedSlackRequest {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    headers: {
      'content-type': input.contentType,
      'x-slack-signature': computeSlackSignature(input.signingSecret, timestamp, input.body),
      'x-slack-request-timestamp': String(timestamp),
      ...(input.retryNum !== undefined && {
        'x-slack-retry-num': String(input.retryNum),
        'x-slack-retry-reason': 'http_timeout',
      }),
    },
    body: input.body,
  };
}

// ---------------------------------------------------------------- timestamps

let tsCounter = 0;
/** A fresh message ts ("1710000000.000001"), distinct from the fake server's ("1700000000.000100"). */
export function nextSlackTs(): string {
  tsCounter += 1;
  return `${1710000000 + Math.floor(tsCounter / 1_000_000)}.${String(tsCounter % 1_000_000).padStart(6, '0')}`;
}

// ---------------------------------------------------------------- Events API

export interface EventEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  /** Seconds; default now. */
  eventTime?: number;
}

/** The `event_callback` envelope around one event. */
export function eventCallback(
  event: Record<string, unknown>,
  options: EventEnvelopeOptions = {},
): SlackRequestBody & { payload: { event_id: string } } {
  const teamId = options.teamId ?? slackTestWorkspace.teamId;
  const payload = {
    token: 'legacy-verification-token',
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: slackTestWorkspace.appId,
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: slackTestWorkspace.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(randomUUID()).toString('base64url').slice(0, 24)}`,
  };
  return { body: JSON.stringify(payload), contentType: 'application/json', payload };
}

/** The handshake Slack sends when the Request URL is saved. */
export function urlVerification(challenge: string): SlackRequestBody {
  const payload = { token: 'legacy-verification-token', challenge, type: 'url_verification' };
  return { body: JSON.stringify(payload), contentType: 'application/json', payload };
}

export interface MessageInput {
  channel: string;
  text: string;
  user?: string;
  ts?: string;
  teamId?: string;
  /** `group` for private channels. */
  channelType?: 'channel' | 'group';
}

const richText = (text: string) => [
  {
    type: 'rich_text',
    block_id: randomUUID().slice(0, 5),
    elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
  },
];

/** A person's message at channel level (not in a thread). */
export function channelMessage(input: MessageInput): Record<string, unknown> {
  const ts = input.ts ?? nextSlackTs();
  return {
    type: 'message',
    user: input.user ?? 'U0SPECIAL1',
    text: input.text,
    blocks: richText(input.text),
    client_msg_id: randomUUID(),
    team: input.teamId ?? slackTestWorkspace.teamId,
    channel: input.channel,
    ts,
    event_ts: ts,
    channel_type: input.channelType ?? 'channel',
  };
}

/** A person's reply in a thread (a specialist answering on a handoff card). */
export function threadReply(
  input: MessageInput & { threadTs: string; parentUserId?: string },
): Record<string, unknown> {
  return {
    ...channelMessage(input),
    thread_ts: input.threadTs,
    parent_user_id: input.parentUserId ?? slackTestWorkspace.botUserId,
  };
}

/**
 * A message posted by an app. `fromBaton` uses Baton's own bot ids (its echo); otherwise another
 * app's. `legacySubtype` adds `subtype: "bot_message"` (webhooks, legacy bots) — apps posting with
 * a bot token send `bot_id` and `app_id` without a subtype.
 */
export function botMessage(
  input: Omit<MessageInput, 'user'> & { threadTs?: string; fromBaton?: boolean; legacySubtype?: boolean },
): Record<string, unknown> {
  const ts = input.ts ?? nextSlackTs();
  const own = input.fromBaton ?? false;
  const botId = own ? slackTestWorkspace.botId : 'B0OTHERBOT';
  return {
    type: 'message',
    ...(input.legacySubtype ? { subtype: 'bot_message', username: 'Other bot' } : {}),
    ...(!input.legacySubtype && { user: own ? slackTestWorkspace.botUserId : 'U0OTHERBOT' }),
    text: input.text,
    bot_id: botId,
    app_id: own ? slackTestWorkspace.appId : 'A0OTHERAPP',
    bot_profile: { id: botId, app_id: own ? slackTestWorkspace.appId : 'A0OTHERAPP', name: own ? 'Baton' : 'Other' },
    team: input.teamId ?? slackTestWorkspace.teamId,
    channel: input.channel,
    ts,
    event_ts: ts,
    ...(input.threadTs !== undefined && { thread_ts: input.threadTs }),
    channel_type: input.channelType ?? 'channel',
  };
}

/** An edit: Slack sends the new message under `message` and the old under `previous_message`. */
export function messageChanged(input: {
  channel: string;
  /** ts of the edited message. */
  messageTs: string;
  text: string;
  previousText: string;
  user?: string;
  threadTs?: string;
}): Record<string, unknown> {
  const user = input.user ?? 'U0SPECIAL1';
  const eventTs = nextSlackTs();
  const base = {
    type: 'message',
    user,
    ts: input.messageTs,
    ...(input.threadTs !== undefined && { thread_ts: input.threadTs }),
  };
  return {
    type: 'message',
    subtype: 'message_changed',
    message: { ...base, text: input.text, edited: { user, ts: eventTs }, client_msg_id: randomUUID() },
    previous_message: { ...base, text: input.previousText },
    channel: input.channel,
    hidden: true,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: 'channel',
  };
}

/** A deletion: `deleted_ts` names the message that is gone. */
export function messageDeleted(input: {
  channel: string;
  deletedTs: string;
  previousText: string;
  user?: string;
  threadTs?: string;
}): Record<string, unknown> {
  const eventTs = nextSlackTs();
  return {
    type: 'message',
    subtype: 'message_deleted',
    previous_message: {
      type: 'message',
      user: input.user ?? 'U0SPECIAL1',
      text: input.previousText,
      ts: input.deletedTs,
      ...(input.threadTs !== undefined && { thread_ts: input.threadTs }),
    },
    channel: input.channel,
    hidden: true,
    deleted_ts: input.deletedTs,
    ts: eventTs,
    event_ts: eventTs,
    channel_type: 'channel',
  };
}

/** A user opening the app's Home tab (`view` is absent the first time). */
export function appHomeOpened(input: { user: string; view?: Record<string, unknown> }): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: input.user,
    channel: 'D0BATONDM1',
    tab: 'home',
    ...(input.view && { view: input.view }),
    event_ts: nextSlackTs(),
  };
}

// ---------------------------------------------------------------- interactivity

export interface SlackUserRef {
  id: string;
  /** Slack handle; default derived from the id. */
  username?: string;
}

const userObject = (user: SlackUserRef, teamId: string) => ({
  id: user.id,
  username: user.username ?? user.id.toLowerCase(),
  name: user.username ?? user.id.toLowerCase(),
  team_id: teamId,
});
const teamObject = (teamId: string) => ({ id: teamId, domain: slackTestWorkspace.teamDomain });
const triggerId = () => `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '')}`;
const defaultResponseUrl = (teamId: string) => `https://hooks.slack.com/actions/${teamId}/1/${randomUUID()}`;

function formBody<P extends Record<string, unknown>>(payload: P): SlackRequestBody<P> {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    payload,
  };
}

export interface MessageRef {
  ts: string;
  text?: string;
  threadTs?: string;
  /** Author; default Baton's bot (buttons live on Baton's cards). */
  user?: string;
  botId?: string;
  blocks?: unknown[];
}

const messageObject = (m: MessageRef) => ({
  type: 'message',
  user: m.user ?? slackTestWorkspace.botUserId,
  ...((m.user === undefined || m.botId !== undefined) && {
    bot_id: m.botId ?? slackTestWorkspace.botId,
    app_id: slackTestWorkspace.appId,
  }),
  text: m.text ?? '',
  ts: m.ts,
  ...(m.threadTs !== undefined && { thread_ts: m.threadTs }),
  ...(m.blocks !== undefined && { blocks: m.blocks }),
  team: slackTestWorkspace.teamId,
});

/** A button click on a message (a handoff card's Claim / Hand back / Resolve). */
export function blockActions(input: {
  actionId: string;
  value?: string;
  blockId?: string;
  user: SlackUserRef;
  channel: string;
  message: MessageRef;
  teamId?: string;
  responseUrl?: string;
  /** A menu choice (static_select) instead of a button click. */
  selectedOption?: { text: string; value: string };
}) {
  const teamId = input.teamId ?? slackTestWorkspace.teamId;
  const element = input.selectedOption
    ? {
        type: 'static_select',
        selected_option: {
          text: { type: 'plain_text', text: input.selectedOption.text },
          value: input.selectedOption.value,
        },
      }
    : { ...(input.value !== undefined && { value: input.value }), type: 'button' };
  return formBody({
    type: 'block_actions',
    user: userObject(input.user, teamId),
    api_app_id: slackTestWorkspace.appId,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: input.message.ts,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.message.threadTs !== undefined && { thread_ts: input.message.threadTs }),
    },
    trigger_id: triggerId(),
    team: teamObject(teamId),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: 'handoffs' },
    message: messageObject(input.message),
    state: { values: {} },
    response_url: input.responseUrl ?? defaultResponseUrl(teamId),
    actions: [
      {
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        text: { type: 'plain_text', text: input.actionId, emoji: true },
        ...element,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

/** A button click inside an open modal (a find result's "Tag"): the payload carries the view, not a message. */
export function viewBlockActions(input: {
  actionId: string;
  value?: string;
  blockId?: string;
  user: SlackUserRef;
  /** The open view, as views.open / views.update returned it. */
  view: { id: string; hash?: string; callbackId?: string; privateMetadata?: string };
  teamId?: string;
}) {
  const teamId = input.teamId ?? slackTestWorkspace.teamId;
  return formBody({
    type: 'block_actions',
    user: userObject(input.user, teamId),
    api_app_id: slackTestWorkspace.appId,
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: input.view.id },
    trigger_id: triggerId(),
    team: teamObject(teamId),
    enterprise: null,
    is_enterprise_install: false,
    view: {
      id: input.view.id,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: input.view.privateMetadata ?? '',
      callback_id: input.view.callbackId ?? '',
      state: { values: {} },
      hash: input.view.hash ?? `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
      root_view_id: input.view.id,
      app_id: slackTestWorkspace.appId,
      bot_id: slackTestWorkspace.botId,
    },
    actions: [
      {
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        text: { type: 'plain_text', text: input.actionId, emoji: true },
        ...(input.value !== undefined && { value: input.value }),
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  });
}

/** A message shortcut ("Tag conversation" from a message's ⋯ menu). */
export function messageShortcut(input: {
  callbackId: string;
  user: SlackUserRef;
  channel: string;
  message: MessageRef;
  teamId?: string;
  responseUrl?: string;
}) {
  const teamId = input.teamId ?? slackTestWorkspace.teamId;
  return formBody({
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: teamObject(teamId),
    user: userObject(input.user, teamId),
    channel: { id: input.channel, name: 'handoffs' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: triggerId(),
    response_url: input.responseUrl ?? defaultResponseUrl(teamId),
    message_ts: input.message.ts,
    message: messageObject(input.message),
  });
}

/** A global shortcut (the ⚡ menu: "Find a traveler conversation"). */
export function globalShortcut(input: { callbackId: string; user: SlackUserRef; teamId?: string }) {
  const teamId = input.teamId ?? slackTestWorkspace.teamId;
  return formBody({
    type: 'shortcut',
    token: 'legacy-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: teamObject(teamId),
    user: userObject(input.user, teamId),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: triggerId(),
  });
}

/**
 * A modal submitted. `values` is Slack's `view.state.values`:
 * `{ [blockId]: { [actionId]: { type: 'multi_static_select', selected_options: [...] } } }`.
 */
export function viewSubmission(input: {
  callbackId: string;
  user: SlackUserRef;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  viewId?: string;
  teamId?: string;
}) {
  const teamId = input.teamId ?? slackTestWorkspace.teamId;
  const viewId = input.viewId ?? `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
  return formBody({
    type: 'view_submission',
    team: teamObject(teamId),
    user: userObject(input.user, teamId),
    api_app_id: slackTestWorkspace.appId,
    token: 'legacy-verification-token',
    trigger_id: triggerId(),
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: input.privateMetadata ?? '',
      callback_id: input.callbackId,
      state: { values: input.values },
      hash: `${Math.floor(Date.now() / 1000)}.${randomUUID().slice(0, 8)}`,
      title: { type: 'plain_text', text: 'Baton', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Save', emoji: true },
      previous_view_id: null,
      root_view_id: viewId,
      app_id: slackTestWorkspace.appId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: slackTestWorkspace.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
}
