import { type MetricsRecorder, noMetrics } from '../../core/metrics';

/**
 * The Slack Web API calls the handoff bridge makes. Production passes Bolt's
 * WebClient through `webClientSlackApi`; errors are the WebClient's own, read by
 * `slackErrorInfo`.
 */
export interface SlackApi {
  postMessage(args: {
    channel: string;
    text: string;
    blocks?: unknown[];
    threadTs?: string;
    /** A thread reply also shown in the channel (Slack's reply_broadcast). */
    broadcast?: boolean;
  }): Promise<{ channel: string; ts: string }>;
  updateMessage(args: { channel: string; ts: string; text: string; blocks?: unknown[] }): Promise<void>;
  addReaction(args: { channel: string; ts: string; name: string }): Promise<void>;
  permalink(args: { channel: string; ts: string }): Promise<string | null>;
  /** The user's first name (for signing relayed replies), or null when Slack does not say. */
  firstName(userId: string): Promise<string | null>;
  /** Shares a file in a thread, or in the channel itself without threadTs (files.uploadV2). */
  uploadFile(args: {
    channel: string;
    threadTs?: string;
    filename: string;
    data: Buffer;
    title?: string;
  }): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: the WebClient's method signatures are wide; this narrows them.
type WebClientLike = any;

/** Every call is timed under its Web API method name (`baton_external_api_*{service="slack"}`). */
export function webClientSlackApi(client: WebClientLike, metrics: MetricsRecorder = noMetrics): SlackApi {
  const names = new Map<string, string | null>();
  const call = (method: string, send: () => Promise<WebClientLike>) => metrics.timeApiCall('slack', method, send);
  return {
    async postMessage({ channel, text, blocks, threadTs, broadcast }) {
      const result = await call('chat.postMessage', () =>
        client.chat.postMessage({
          channel,
          text,
          ...(blocks && { blocks }),
          ...(threadTs && { thread_ts: threadTs }),
          ...(threadTs && broadcast && { reply_broadcast: true }),
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return { channel: String(result.channel ?? channel), ts: String(result.ts) };
    },
    async updateMessage({ channel, ts, text, blocks }) {
      await call('chat.update', () => client.chat.update({ channel, ts, text, ...(blocks && { blocks }) }));
    },
    async addReaction({ channel, ts, name }) {
      try {
        await call('reactions.add', () => client.reactions.add({ channel, timestamp: ts, name }));
      } catch (error) {
        // Adding a reaction twice is not a failure.
        if ((error as { data?: { error?: string } }).data?.error !== 'already_reacted') throw error;
      }
    },
    async permalink({ channel, ts }) {
      const result = await call('chat.getPermalink', () => client.chat.getPermalink({ channel, message_ts: ts }));
      return typeof result.permalink === 'string' ? result.permalink : null;
    },
    async uploadFile({ channel, threadTs, filename, data, title }) {
      await call('files.uploadV2', () =>
        client.files.uploadV2({
          channel_id: channel,
          ...(threadTs && { thread_ts: threadTs }),
          file: data,
          filename,
          title: title ?? filename,
        }),
      );
    },
    async firstName(userId) {
      if (names.has(userId)) return names.get(userId) ?? null;
      const result = await call('users.info', () => client.users.info({ user: userId }));
      const profile = result.user?.profile ?? {};
      const full: string =
        profile.first_name || profile.display_name || profile.real_name || result.user?.real_name || '';
      const first = full.trim().split(/\s+/)[0] || null;
      names.set(userId, first);
      return first;
    },
  };
}
