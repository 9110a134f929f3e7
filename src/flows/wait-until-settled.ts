import { BatonError } from '../core/errors';
import type { Runtime } from '../runtime/create-runtime';

export interface SettleProbe {
  runtime: Runtime;
  /** Anything outside the database that moves when Baton acts (Slack calls, webhook calls, phones). */
  outside: () => number[];
}

export interface SettleOptions {
  /** How long everything must stay still to count as settled. */
  quietMs?: number;
  timeoutMs?: number;
}

// A paused queue's jobs count as waiting: a flow never settles while Slack posting is paused.
const busyStates = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

async function busyQueues(runtime: Runtime): Promise<string[]> {
  const { inbound, outbound, outboundWhatsappWeb, actions, slack } = runtime.queues;
  const queues = [inbound, outbound, outboundWhatsappWeb, actions, ...(slack ? [slack] : [])];
  const busy: string[] = [];
  for (const queue of queues) {
    const counts = await queue.getJobCounts(...busyStates);
    const jobs = busyStates.filter((state) => (counts[state] ?? 0) > 0).map((state) => `${counts[state]} ${state}`);
    if (jobs.length > 0) busy.push(`${queue.name}: ${jobs.join(', ')}`);
  }
  return busy;
}

/** A digest of the database's moving parts: any change in Baton's work shows up in it. */
async function databaseDigest(runtime: Runtime): Promise<{ digest: string; unprocessed: boolean }> {
  const [row] = await runtime.db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT (SELECT count(*) FROM "Message") AS messages,
           (SELECT max("updatedAt") FROM "Message") AS message_at,
           (SELECT count(*) FROM "ConversationEvent") AS events,
           (SELECT max("updatedAt") FROM "Conversation") AS conversation_at,
           (SELECT max("updatedAt") FROM "ActionRun") AS run_at,
           (SELECT count(*) FROM "InboundEvent" WHERE "processedAt" IS NULL) AS unprocessed,
           (SELECT count(*) FROM "Alert" WHERE "postedAt" IS NULL) AS unposted_alerts,
           (SELECT count(*) FROM "SlackPost") AS slack_posts`;
  const digest = JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return { digest, unprocessed: Number(row?.unprocessed ?? 0) > 0 };
}

/**
 * Waits until Baton has finished reacting to a step: no queued, running or delayed job on
 * any queue, no unprocessed inbound event, and nothing — database, Slack, webhooks, phones —
 * changing for `quietMs`. Throws a BatonError naming what is still busy after `timeoutMs`.
 */
export async function waitUntilSettled(probe: SettleProbe, options: SettleOptions = {}): Promise<void> {
  const quietMs = options.quietMs ?? 150;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let last = '';
  let stillSince = Date.now();
  let busy: string[] = [];
  while (Date.now() < deadline) {
    busy = await busyQueues(probe.runtime);
    const database = await databaseDigest(probe.runtime);
    if (database.unprocessed) busy.push('inbound events not filed yet');
    const digest = `${database.digest}|${probe.outside().join(',')}|${busy.join(';')}`;
    if (digest !== last) {
      last = digest;
      stillSince = Date.now();
    } else if (busy.length === 0 && Date.now() - stillSince >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new BatonError(
    'dependency_unavailable',
    `Baton was still busy after ${Math.round((options.timeoutMs ?? 20_000) / 1000)} s (${busy.join('; ') || 'still changing'}). ` +
      'Fix: look for a retrying job (LOG_LEVEL=warn with --verbose shows why), or raise the step timeout.',
  );
}
