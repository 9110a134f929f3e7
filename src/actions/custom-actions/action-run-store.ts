import type { Prisma } from '@prisma/client';
import type { TAction } from '../../config/baton-config.schema';
import type { EffectTarget } from '../apply-automation-effects';
import type { AutomationSettings } from '../automation-settings';
import {
  type ActionRunState,
  type StepContext,
  type StepResult,
  startActionRun,
  stepActionRun,
} from './step-action-run';

/**
 * Custom-action runs in PostgreSQL: the pure form machine (`step-action-run.ts`)
 * decides, this file loads and stores its state. At most one run per conversation
 * collects at a time; every call runs inside the caller's transaction.
 */

export interface StoredRun {
  id: string;
  action: TAction;
  state: ActionRunState;
}

type Tx = Prisma.TransactionClient;

export function findAction(settings: AutomationSettings, actionId: string): TAction | undefined {
  return settings.config.actions.find((action) => action.id === actionId);
}

export function stepContext(settings: AutomationSettings, language: string | undefined): StepContext {
  const { assistant, messages, businessHours } = settings.config;
  return {
    now: settings.now(),
    // Dates such as "next Friday" are read in the company's time zone.
    timeZone: businessHours?.timeZone ?? 'UTC',
    language: language ?? assistant.defaultLanguage,
    defaultLanguage: assistant.defaultLanguage,
    messages: { actionCancelled: messages.actionCancelled, actionTimedOut: messages.actionTimedOut },
    placeholders: { company: assistant.company, assistantName: assistant.name },
  };
}

export async function findCollectingRun(
  tx: Tx,
  settings: AutomationSettings,
  conversationId: string,
): Promise<StoredRun | null> {
  const row = await tx.actionRun.findFirst({
    where: { conversationId, status: 'collecting' },
    orderBy: { startedAt: 'desc' },
  });
  if (!row) return null;
  const action = findAction(settings, row.actionId);
  if (!action) {
    // The action left the config while it ran: stop it rather than ask its questions forever.
    await tx.actionRun.update({
      where: { id: row.id },
      data: { status: 'cancelled', finishedAt: new Date() },
    });
    return null;
  }
  return { id: row.id, action, state: row.state as unknown as ActionRunState };
}

/** Starts an action unless one is already collecting (the traveler answers one form at a time). */
export async function startStoredActionRun(
  tx: Tx,
  settings: AutomationSettings,
  target: EffectTarget,
  actionId: string,
  startedBy: string,
): Promise<{ started: boolean; replies: string[] }> {
  const action = findAction(settings, actionId);
  if (!action) return { started: false, replies: [] };
  if (await tx.actionRun.findFirst({ where: { conversationId: target.conversationId, status: 'collecting' } })) {
    return { started: false, replies: [] };
  }
  const { state, replies } = startActionRun(action, stepContext(settings, target.language));
  await tx.actionRun.create({
    data: {
      conversationId: target.conversationId,
      actionId,
      status: 'collecting',
      state: state as unknown as Prisma.InputJsonValue,
      language: target.language ?? null,
      startedBy,
      lastActivityAt: settings.now(),
    },
  });
  await tx.conversationEvent.create({
    data: {
      conversationId: target.conversationId,
      type: 'action_started',
      actorKind: startedBy.startsWith('ai') ? 'ai' : startedBy.startsWith('rule:') ? 'system' : 'specialist',
      actorId: startedBy,
      data: { actionId },
    },
  });
  return { started: true, replies };
}

/** Feeds one traveler message to a collecting run and stores the outcome. */
export async function advanceStoredActionRun(
  tx: Tx,
  settings: AutomationSettings,
  target: EffectTarget,
  run: StoredRun,
  message: string,
): Promise<StepResult> {
  const result = stepActionRun(run.action, run.state, message, stepContext(settings, target.language));
  const finished = result.status !== 'collecting';
  const withWebhook = result.status === 'completed' && run.action.webhook !== undefined;
  await tx.actionRun.update({
    where: { id: run.id },
    data: {
      status: result.status,
      state: result.state as unknown as Prisma.InputJsonValue,
      answers: (result.status === 'completed' ? result.answers : {}) as Prisma.InputJsonValue,
      lastActivityAt: settings.now(),
      ...(finished && { finishedAt: settings.now() }),
      ...(withWebhook && { webhookState: 'pending' }),
    },
  });
  if (finished) {
    await tx.conversationEvent.create({
      data: {
        conversationId: target.conversationId,
        type: `action_${result.status}`,
        actorKind: 'traveler',
        data: { actionId: run.action.id },
      },
    });
  }
  if (result.status === 'completed') await storeCollected(tx, target.conversationId, run.action, result);
  return result;
}

/**
 * Ends a collecting run without a word to the traveler: they asked for a person in the
 * middle of the form (`cancelled`), or came back after it timed out (`timed_out`) and
 * their new message is answered as any other.
 */
export async function closeStoredActionRun(
  tx: Tx,
  conversationId: string,
  run: StoredRun,
  status: 'cancelled' | 'timed_out',
): Promise<void> {
  const closed = await tx.actionRun.updateMany({
    where: { id: run.id, status: 'collecting' },
    data: { status, finishedAt: new Date() },
  });
  if (closed.count === 0) return;
  await tx.conversationEvent.create({
    data: { conversationId, type: `action_${status}`, actorKind: 'system', data: { actionId: run.action.id } },
  });
}

/** Answers go onto the conversation, labelled, for the handoff card and the find shortcut. */
async function storeCollected(
  tx: Tx,
  conversationId: string,
  action: TAction,
  result: Extract<StepResult, { status: 'completed' }>,
): Promise<void> {
  const details: Record<string, unknown> = {};
  for (const field of action.fields) {
    const value = result.answers[field.name];
    if (value === null || value === undefined) continue;
    details[field.name] = {
      label: field.label ?? field.name,
      value,
      display: result.displays[field.name] ?? String(value),
      action: action.id,
    };
  }
  await mergeCollected(tx, conversationId, details);
}

/** Merges details into `Conversation.collected` in one statement (jsonb `||`). */
export async function mergeCollected(tx: Tx, conversationId: string, details: Record<string, unknown>): Promise<void> {
  if (Object.keys(details).length === 0) return;
  await tx.$executeRaw`
    UPDATE "Conversation" SET collected = collected || ${JSON.stringify(details)}::jsonb, "updatedAt" = now()
    WHERE id = ${conversationId}::uuid`;
}
