import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { FakeSlackServer } from '../../tests/support/fake-slack-server';
import type { ReplyTracker } from './reply-tracker';
import { type Summary, sleep, summarize, waitFor } from './stats';
import type { SlackEventSender, TwilioWebhookSender } from './webhook-sender';

export interface HandoffContext {
  twilio: TwilioWebhookSender;
  slackEvents: SlackEventSender;
  slack: FakeSlackServer;
  tracker: ReplyTracker;
  db: pg.Client;
  channel: string;
  specialist: string;
  replyTimeoutMs: number;
}

interface Thread {
  address: string;
  threadTs: string;
  channelId: string;
}

export interface HandoffOpenResult {
  conversations: number;
  /** Traveler writes "agent" → the handoff notice reaches the fake Twilio. */
  noticeMs: Summary | null;
  /** Traveler writes "agent" → the thread is recorded (its card was posted, one per second per channel). */
  secondsUntilAllCardsPosted: number;
}

export interface RelayResult {
  replies: number;
  /** Signed thread reply POSTed to /slack/events → the relayed text reaches the fake Twilio. */
  relayMs: Summary | null;
  /** Slack gets its 200 only after the reply is stored and queued (Bolt's processBeforeResponse). */
  eventAckMs: Summary | null;
  lost: number;
  eventErrors: number;
}

export interface BurstResult {
  threads: number;
  messagesSent: number;
  /** Traveler messages found in the thread posts (a burst is coalesced into fewer posts by design). */
  messagesPosted: number;
  missing: number;
  /** Messages found in more than one post. */
  duplicated: number;
  posts: number;
  secondsUntilAllPosted: number | null;
  /** Most chat.postMessage calls to the channel within any 1-second window. */
  maxPostsInAnySecond: number;
  /** Shortest time between two consecutive posts to the channel. */
  minGapMs: number | null;
  meanPostsPerSecond: number | null;
}

/** Each traveler asks for a person; waits for the handoff notices and for every thread's card. */
export async function openHandoffs(ctx: HandoffContext, addresses: readonly string[]) {
  const start = performance.now();
  const notices = await Promise.all(
    addresses.map(async (address) => {
      const expectation = ctx.tracker.expect(address, ctx.replyTimeoutMs);
      const ack = await ctx.twilio.send(address, 'Can I talk to an agent please?');
      if (ack.status !== 200) {
        expectation.cancel();
        throw new Error(`opening a handoff: the webhook answered ${ack.status}`);
      }
      const at = await expectation.reply;
      return at === null ? null : at - ack.sentAt;
    }),
  );
  // Cards are posted one per second per channel: n handoffs take about n seconds.
  const threads = await waitFor(
    async () => {
      const found = await threadsOf(ctx.db, addresses);
      return found.length === addresses.length ? found : undefined;
    },
    addresses.length * 2000 + 15_000,
    () => `not every handoff got its Slack thread within ${addresses.length * 2 + 15} s`,
    100,
  );
  const result: HandoffOpenResult = {
    conversations: addresses.length,
    noticeMs: summarize(notices.filter((ms): ms is number => ms !== null)),
    secondsUntilAllCardsPosted: Math.round((performance.now() - start) / 100) / 10,
  };
  return { result, threads };
}

async function threadsOf(db: pg.Client, addresses: readonly string[]): Promise<Thread[]> {
  const rows = await db.query<{ address: string; threadTs: string; channelId: string }>(
    `SELECT ct.address, st."threadTs", st."channelId"
     FROM "SlackThread" st
     JOIN "Conversation" c ON c.id = st."conversationId"
     JOIN "Contact" ct ON ct.id = c."contactId"
     WHERE st."closedAt" IS NULL AND ct.address = ANY($1)`,
    [addresses],
  );
  return rows.rows;
}

/**
 * A specialist answers in each thread in turn, one reply at a time (unloaded latency): the
 * first reply also claims the conversation. Each reply carries a token to find it at Twilio.
 */
export async function relayReplies(ctx: HandoffContext, threads: readonly Thread[], rounds: number) {
  const relay: number[] = [];
  const acks: number[] = [];
  let lost = 0;
  let eventErrors = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [i, thread] of threads.entries()) {
      const token = `relay-${round}-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const arrival = ctx.tracker.expectToken(token, ctx.replyTimeoutMs);
      const ack = await ctx.slackEvents.threadReply({
        channel: thread.channelId,
        threadTs: thread.threadTs,
        user: ctx.specialist,
        text: `Your transfer is booked for 9:30 (${token}).`,
      });
      if (ack.status !== 200) eventErrors += 1;
      else acks.push(ack.ackMs);
      const at = await arrival;
      if (at === null) lost += 1;
      else relay.push(at - ack.sentAt);
    }
  }
  const result: RelayResult = {
    replies: rounds * threads.length,
    relayMs: summarize(relay),
    eventAckMs: summarize(acks),
    lost,
    eventErrors,
  };
  return result;
}

/**
 * Every traveler in a handoff sends `perThread` messages back to back, all threads at once.
 * Baton posts them into the threads, coalescing a traveler's burst, through the per-channel
 * gate. Counted at the fake Slack: posts per second in the channel, and every message found
 * in some post (by its token) exactly once.
 */
export async function burstIntoThreads(
  ctx: HandoffContext,
  threads: readonly Thread[],
  perThread: number,
  settleMs: number,
): Promise<BurstResult> {
  const startedAtEpoch = Date.now();
  const start = performance.now();
  const tokens: string[] = [];
  await Promise.all(
    threads.map(async (thread, t) => {
      for (let m = 0; m < perThread; m++) {
        const token = `burst${t}x${m}q${Math.random().toString(36).slice(2, 7)}`;
        tokens.push(token);
        const ack = await ctx.twilio.send(thread.address, `One more thing (${token}): is breakfast included?`);
        if (ack.status !== 200) throw new Error(`burst: the webhook answered ${ack.status}`);
      }
    }),
  );
  /** Each message should be in exactly one post (a post's text and blocks may both quote it). */
  const count = () => {
    const posts = ctx.slack
      .posts(ctx.channel)
      .filter((post) => post.threadTs !== undefined)
      .map((post) => JSON.stringify(post.body));
    let found = 0;
    let duplicated = 0;
    for (const token of tokens) {
      const inPosts = posts.filter((post) => post.includes(token)).length;
      if (inPosts > 0) found += 1;
      if (inPosts > 1) duplicated += 1;
    }
    return { found, duplicated };
  };
  let secondsUntilAllPosted: number | null = null;
  const deadline = performance.now() + settleMs;
  while (performance.now() < deadline) {
    if (count().found === tokens.length) {
      secondsUntilAllPosted = Math.round((performance.now() - start) / 100) / 10;
      break;
    }
    await sleep(200);
  }
  const { found, duplicated } = count();
  const times = ctx.slack
    .calls('chat.postMessage')
    .filter((call) => call.ok && call.body.channel === ctx.channel && call.at >= startedAtEpoch)
    .map((call) => call.at)
    .sort((a, b) => a - b);
  let maxInSecond = 0;
  let minGap: number | null = null;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j + 1 < times.length && (times[j + 1] as number) - (times[i] as number) < 1000) j += 1;
    maxInSecond = Math.max(maxInSecond, j - i + 1);
    if (i > 0) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      minGap = minGap === null ? gap : Math.min(minGap, gap);
    }
  }
  const span = times.length > 1 ? ((times.at(-1) as number) - (times[0] as number)) / 1000 : null;
  return {
    threads: threads.length,
    messagesSent: tokens.length,
    messagesPosted: found,
    missing: tokens.length - found,
    duplicated,
    posts: times.length,
    secondsUntilAllPosted,
    maxPostsInAnySecond: maxInSecond,
    minGapMs: minGap,
    meanPostsPerSecond: span ? Math.round(((times.length - 1) / span) * 100) / 100 : null,
  };
}
