import type { SlackApi } from '../slack/slack-api';

export type PermalinkSource = Pick<SlackApi, 'permalink'>;

export interface ThreadRef {
  channelId: string;
  threadTs: string;
}

/** A link is a nicety: one that takes longer than this is left out rather than delay a modal. */
const LINK_TIMEOUT_MS = 1500;
/** Calls in flight at once, so a full inbox does not burst into Slack's rate limit. */
const CONCURRENCY = 8;

/**
 * Permalinks of threads, in order; `undefined` where Slack has none, fails or is slow
 * (a view without one link is better than no view).
 */
export async function threadLinks(
  slack: PermalinkSource | undefined,
  threads: Array<ThreadRef | undefined>,
): Promise<Array<string | undefined>> {
  const links: Array<string | undefined> = new Array(threads.length).fill(undefined);
  if (!slack) return links;
  let next = 0;
  const work = async () => {
    while (next < threads.length) {
      const index = next++;
      const thread = threads[index];
      if (thread) links[index] = await linkOf(slack, thread);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, threads.length) }, work));
  return links;
}

async function linkOf(slack: PermalinkSource, thread: ThreadRef): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LINK_TIMEOUT_MS);
  });
  try {
    const link = await Promise.race([slack.permalink({ channel: thread.channelId, ts: thread.threadTs }), timeout]);
    return link ?? undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Remembers permalinks (a message's permalink never changes), so reopening the App Home
 * does not ask Slack again for every thread. Failures are not remembered.
 */
export function cachedPermalinks(slack: PermalinkSource, maxEntries = 5000): PermalinkSource {
  const cache = new Map<string, string>();
  return {
    async permalink(args) {
      const key = `${args.channel}/${args.ts}`;
      const known = cache.get(key);
      if (known !== undefined) return known;
      const link = await slack.permalink(args);
      if (link !== null) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(key, link);
      }
      return link;
    },
  };
}
