import { databaseUnavailableReason } from '../../src/db/database-unavailable';
import { createPrismaClient } from '../../src/db/prisma-client';
import {
  expectRepliesSentOnce,
  expectRetryStoredAndAnsweredOnce,
  expectStoredOnce,
  type FaultStack,
  injectFaultAfter,
  openEarlyHandoffs,
  type PlannedMessage,
  planLoad,
  planOneMessage,
  postTwilioMessage,
  postTwilioWebhook,
  relayedTokens,
  retryingSender,
  sendLoad,
  sleep,
  startFaultStack,
  startPostgresProxy,
  waitForLoadSettled,
} from '../support/fault-harness';
import type { TcpProxy } from '../support/tcp-proxy';

/**
 * PostgreSQL "restarted" in the middle of 200 messages: every connection Baton has is
 * dropped and new ones are refused for 3 s (a TcpProxy in front of the shared server; the
 * server itself is never touched). While it is down the web must refuse (503 with Retry-After,
 * at once), never claim a message it could not store; the provider retries what was refused;
 * at the end every message is stored once, every reply and every handoff card sent once.
 * And a partition (PostgreSQL answers nothing): the web still answers 503 within 5 s, and
 * once it heals the retried message is stored and answered once.
 */
jest.setTimeout(90_000);

describe('fault: PostgreSQL restarted mid-load', () => {
  let proxy: TcpProxy;
  let stack: FaultStack;

  beforeAll(async () => {
    proxy = await startPostgresProxy();
    stack = await startFaultStack({ databaseUrl: (url) => proxy.url(url) });
  });
  afterAll(async () => {
    proxy?.restore();
    await stack?.close();
    await proxy?.close();
  });

  /** One webhook while PostgreSQL is away (`cut`: restarting, `blackhole`: partitioned), then it is back. */
  async function postWhileDown(fault: 'cut' | 'blackhole', message: PlannedMessage) {
    proxy[fault]();
    try {
      // The client gives up after 8 s (Twilio itself waits 15 s); status 0 means no answer came.
      return await postTwilioWebhook(stack.baton, stack.twilio, message, 8000);
    } finally {
      proxy.restore();
    }
  }

  it('refuses while down, loses nothing accepted: every message stored once, replies and cards sent once', async () => {
    const { twilio, slack, baton } = stack;
    const plan = planLoad({ travelers: 20, perTraveler: 10, earlyHandoffs: 2, lateHandoffs: 4, areaCode: 552 });
    const counts = { messages: 200, replies: 182, cards: 6 };
    // Like a provider that retries: a refused webhook is sent again (same MessageSid) until taken,
    // before the traveler's next message; `sendLoad` records the first answer.
    const send = retryingSender((message: PlannedMessage) => postTwilioMessage(baton, twilio, message));
    const rest = await openEarlyHandoffs(slack, send, plan, 15_000);

    let acceptedAtCut = 0;
    let acceptedAtRestore = 0;
    const outage = injectFaultAfter(40, async () => {
      acceptedAtCut = twilio.messages().length;
      proxy.cut();
      await sleep(3000);
      proxy.restore();
      acceptedAtRestore = twilio.messages().length;
    });
    const outcomes = await sendLoad(send, rest, { gapMs: 400, onSent: outage.onSent });
    const { startedAt: cutAt, endedAt: restoredAt } = await outage.done();

    const refused = outcomes.filter((o) => o.status !== 200);
    // The outage was felt, and only as 503 "database unavailable, retry" (never a 500 that
    // says Baton is broken, nor a 4xx that tells a provider to give up).
    expect(refused.length).toBeGreaterThan(10);
    expect(new Set(refused.map((o) => o.status))).toEqual(new Set([503]));
    expect(refused.every((o) => o.at >= cutAt)).toBe(true);
    expect(restoredAt - cutAt).toBeGreaterThanOrEqual(3000);

    await waitForLoadSettled(stack, plan, { cards: counts.cards });
    await expectStoredOnce(baton.runtime, counts);
    // A reply may reach Twilio twice only when the database went away between Twilio taking it
    // and Baton recording that (see postgres-blip-after-send.test.ts): the copy Baton never
    // recorded must have been sent just before or during the outage. Anything else is a bug.
    await expectRepliesSentOnce(stack, plan, {
      ...counts,
      explained: (d) =>
        d.copies.every((c) => c.recorded || (c.index >= acceptedAtCut - 16 && c.index <= acceptedAtRestore)),
    });
    // Slack the same way: a card or relay posted twice only if Slack took the first copy while
    // the database was down (Baton could not record it); each of these is one copy otherwise.
    const accepted = slack.calls('chat.postMessage').filter((c) => c.ok);
    const copiesOf = (match: (text: string, inThread: boolean) => boolean) =>
      accepted.filter((c) => match(JSON.stringify(c.body.blocks ?? c.body.text ?? ''), Boolean(c.body.thread_ts)));
    const explained = (copies: typeof accepted) =>
      copies.length === 1 ||
      (copies.length === 2 && (copies[0]?.at ?? 0) >= cutAt && (copies[0]?.at ?? 0) <= restoredAt + 1000);
    const conversations = await baton.runtime.db.conversation.findMany({ where: { state: 'pending' } });
    expect(conversations).toHaveLength(counts.cards);
    for (const { id } of conversations) {
      const cards = copiesOf((text, inThread) => !inThread && text.includes(id));
      expect({ card: id, copies: cards.length, explained: explained(cards) }).toEqual({
        card: id,
        copies: cards.length,
        explained: true,
      });
    }
    for (const token of relayedTokens(plan)) {
      const copies = copiesOf((text, inThread) => inThread && text.includes(token));
      expect({ token, copies: copies.length, explained: explained(copies) }).toEqual({
        token,
        copies: copies.length,
        explained: true,
      });
    }
  });

  it('answers 503 with Retry-After at once while PostgreSQL restarts, and takes the retry once it is back', async () => {
    const message = planOneMessage(554);
    const answer = await postWhileDown('cut', message);
    expect({ ...answer, atOnce: answer.ms < 2000, ms: undefined }).toEqual({
      status: 503,
      retryAfter: '5',
      error: 'dependency_unavailable',
      atOnce: true,
      ms: undefined,
    });
    await expectRetryStoredAndAnsweredOnce(stack, message);
  });

  it('answers a webhook within 5 s while PostgreSQL does not answer at all (a network partition)', async () => {
    const message = planOneMessage(553);
    const answer = await postWhileDown('blackhole', message);
    expect({ ...answer, answeredWithin5s: answer.ms < 5000, ms: undefined }).toEqual({
      status: 503,
      retryAfter: '5',
      error: 'dependency_unavailable',
      answeredWithin5s: true,
      ms: undefined,
    });
    // The partition heals: held-back traffic flows on, and whether or not the first attempt's
    // insert went through in the end, the provider's retry leaves one message and one reply.
    await expectRetryStoredAndAnsweredOnce(stack, message);
  });

  it('gives up on a partitioned PostgreSQL within the pool limits (from DATABASE_URL), then works again', async () => {
    // The limits the worker's jobs run under, shortened through the URL: a query on a connection
    // that went silent fails (and the job is retried) instead of hanging its worker slot forever.
    const db = createPrismaClient(`${proxy.url(stack.baton.database.url)}?query_timeout=800&connect_timeout=1`, {
      poolSize: 2,
    });
    try {
      await db.$queryRaw`SELECT 1`;
      proxy.blackhole();
      const outcome = async (work: Promise<unknown>) => {
        const started = Date.now();
        const error = await work.then(
          () => undefined,
          (e: unknown) => e,
        );
        return { reason: databaseUnavailableReason(error) ?? String(error), bounded: Date.now() - started < 2500 };
      };
      // On the connection that went silent, and on a new one that is never answered.
      const [silent, fresh] = await Promise.all([
        outcome(db.$queryRaw`SELECT 1`),
        outcome(db.$transaction(async (tx) => tx.$queryRaw`SELECT 2`)),
      ]);
      expect({ silent, fresh }).toEqual({
        silent: { reason: 'Query read timeout', bounded: true },
        fresh: {
          reason: expect.stringMatching(
            /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)$/,
          ),
          bounded: true,
        },
      });
      proxy.restore();
      await expect(db.$queryRaw<Array<{ ok: number }>>`SELECT 1 AS ok`).resolves.toEqual([{ ok: 1 }]);
    } finally {
      proxy.restore();
      await db.$disconnect();
    }
  });
});
