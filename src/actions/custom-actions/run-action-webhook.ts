import type { Prisma } from '@prisma/client';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { Logger } from '../../core/logger';
import { type MetricsRecorder, secondsSince } from '../../core/metrics';
import type { Dispatcher } from '../../core/queues/dispatcher';
import { syncHandoffLater } from '../../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../../db/prisma-client';
import type { AutomationSettings } from '../automation-settings';
import type { FieldValue } from '../fields/parse-field-answer';
import { sendActionWebhook } from '../webhook/send-action-webhook';
import { findAction, mergeCollected } from './action-run-store';

export interface ActionWebhookDeps {
  db: Db;
  dispatcher: Dispatcher;
  automation: AutomationSettings;
  logger: Logger;
  /** Times each webhook call, by action id (absent: nothing is recorded). */
  metrics?: MetricsRecorder;
}

export type ActionWebhookResult =
  | { kind: 'done' }
  /** A retryable failure: the queue tries again later, unless this was the last attempt. */
  | { kind: 'retry'; error: Error };

/**
 * Calls a completed action's booking-system webhook once per attempt. Success stores the
 * mapped response fields on the conversation; a failure that will not get better (or the
 * last attempt) is recorded on the run and shown on the handoff card. It never blocks the
 * handoff: the handoff opened when the form completed.
 */
export async function runActionWebhook(
  deps: ActionWebhookDeps,
  runId: string,
  attempt: { number: number; last: boolean },
): Promise<ActionWebhookResult> {
  const run = await deps.db.actionRun.findUnique({
    where: { id: runId },
    include: { conversation: { select: { id: true, channel: true } } },
  });
  if (run?.webhookState !== 'pending') return { kind: 'done' };
  const action = findAction(deps.automation, run.actionId);
  if (!action?.webhook) {
    await finish(deps.db, runId, { webhookState: 'failed', webhookError: 'the action has no webhook any more' });
    return { kind: 'done' };
  }
  const started = process.hrtime.bigint();
  const outcome = await sendActionWebhook(
    action.webhook,
    {
      event: 'action.completed',
      actionId: action.id,
      conversationId: run.conversationId,
      channel: run.conversation.channel as ChannelKind,
      completedAt: (run.finishedAt ?? run.updatedAt).toISOString(),
      fields: run.answers as Record<string, FieldValue | null>,
    },
    { secret: deps.automation.webhookSecrets[action.id] },
  );
  // sendActionWebhook never throws: its outcome says how the call went (HTTP status, else "error").
  deps.metrics?.recordApiCall(
    'webhook',
    action.id,
    secondsSince(started),
    outcome.ok ? null : String(outcome.status ?? 'error'),
  );
  if (outcome.ok) {
    await deps.db.$transaction(async (tx) => {
      await finish(tx, runId, {
        webhookState: 'succeeded',
        webhookAttempts: attempt.number,
        webhookStatus: outcome.status,
        webhookError: null,
      });
      const details = Object.fromEntries(
        Object.entries(outcome.stored).map(([key, value]) => [
          key,
          { label: key, value, display: typeof value === 'string' ? value : JSON.stringify(value), action: action.id },
        ]),
      );
      await mergeCollected(tx, run.conversationId, details);
    });
    deps.logger.info({ runId, actionId: action.id, status: outcome.status }, 'booking webhook succeeded');
    await syncHandoffLater(deps, run.conversationId);
    return { kind: 'done' };
  }
  const giveUp = !outcome.retryable || attempt.last;
  await finish(deps.db, runId, {
    webhookAttempts: attempt.number,
    webhookStatus: outcome.status ?? null,
    webhookError: outcome.error,
    ...(giveUp && { webhookState: 'failed' }),
  });
  deps.logger.warn(
    { runId, actionId: action.id, status: outcome.status, error: outcome.error, attempt: attempt.number, giveUp },
    'booking webhook failed',
  );
  if (giveUp) {
    await syncHandoffLater(deps, run.conversationId);
    return { kind: 'done' };
  }
  return { kind: 'retry', error: new Error(`booking webhook of run ${runId} failed: ${outcome.error}`) };
}

async function finish(db: Db | Prisma.TransactionClient, runId: string, data: Prisma.ActionRunUpdateInput) {
  await db.actionRun.update({ where: { id: runId }, data });
}
