import type { Prisma } from '@prisma/client';
import { type AppliedEffects, applyAutomationEffects } from '../../actions/apply-automation-effects';
import type { AutomationSettings } from '../../actions/automation-settings';
import { isWithinBusinessHours } from '../../actions/business-hours';
import {
  advanceStoredActionRun,
  closeStoredActionRun,
  findAction,
  findCollectingRun,
  type StoredRun,
} from '../../actions/custom-actions/action-run-store';
import { planActionCompletion } from '../../actions/custom-actions/plan-action-completion';
import { matchHandoffTrigger } from '../../actions/match-handoff-trigger';
import { keepFirstHandoff } from '../../actions/rules/keep-first-handoff';
import { type AutomationEffect, type AutomationInput, planAutomation } from '../../actions/rules/plan-automation';
import { configuredMessage } from '../../actions/traveler-texts';
import { updateConversationLanguage } from '../../ai/language/detect-language';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { RawSql } from '../../db/fast-sql';
import type { Db } from '../../db/prisma-client';
import type { ConversationState } from '../conversation-state';
import type { Logger } from '../logger';
import type { MetricsRecorder } from '../metrics';
import { insertOutboundMessage } from '../outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../outbound/outbound-text-policy';
import type { Dispatcher } from '../queues/dispatcher';
import { deliverLater, enqueueActionWebhookLater, syncHandoffLater } from '../queues/enqueue-or-leave-to-sweep';
import { recordConversationEvent } from '../record-conversation-event';
import type { Responder, ResponderDecision } from '../responder';

export interface AnswerDeps {
  db: Db;
  dispatcher: Dispatcher;
  responder: Responder;
  automation: AutomationSettings;
  logger: Logger;
  limits: ChannelTextLimits;
  /** Counts AI answers and handoffs opened (absent: nothing is counted). */
  metrics?: MetricsRecorder;
}

interface ConversationView {
  id: string;
  channel: ChannelKind;
  state: ConversationState;
  language?: string;
  tags: string[];
  unsureCount: number;
  /** The detected language differs from the stored one. */
  languageChanged: boolean;
  /** A custom action is collecting answers. */
  collecting: boolean;
}

/** What was decided before the transaction: the slow part (the AI) happens outside it. */
type TurnPlan =
  | { kind: 'action'; run: StoredRun }
  | {
      kind: 'automation';
      effects: AutomationEffect[];
      /** The AI's decision, when it was asked. */
      decision?: ResponderDecision;
      /** An abandoned form to close quietly: it timed out, or the traveler asked for a person. */
      closeRun?: { run: StoredRun; status: 'cancelled' | 'timed_out' };
    };

/**
 * One traveler message's turn (the caller holds the conversation's reply lease): a
 * collecting custom action takes the message; otherwise the rules and handoff
 * triggers are planned, and — while the AI has the conversation and nothing handed
 * off or started a form — the responder answers, an unsure answer counting toward
 * the AI-unsure trigger. Everything the turn changes commits in one transaction
 * with the message marked answered, so a retried job repeats nothing. Returns
 * whether anything was queued for the traveler.
 */
export async function answerTravelerMessage(
  deps: AnswerDeps,
  conversationId: string,
  message: { id: string; text: string },
): Promise<boolean> {
  const conversation = await loadConversation(deps, conversationId, message.text);
  const outsideBusinessHours = !isWithinBusinessHours(deps.automation.config.businessHours, deps.automation.now());
  const plan = await planTurn(deps, conversation, message, outsideBusinessHours);

  let webhookRunId: string | undefined;
  // A completed form's answers go onto the handoff card.
  let completed = false;
  // Forms and automation effects write through Prisma's client; a turn without them (the AI
  // answering, the common case) commits in plain SQL on db.fast, without Prisma's per-call cost.
  const needsPrisma = plan.kind === 'action' || plan.closeRun !== undefined || plan.effects.length > 0;
  const commitTurn = async (tx: RawSql, automationTx: Prisma.TransactionClient | null) => {
    const prismaTx = () => {
      if (!automationTx) throw new Error('a turn with form or automation work ran without a Prisma transaction');
      return automationTx;
    };
    // Re-read under the row lock: a specialist may have claimed the conversation while
    // the AI was thinking, and then the AI stays silent. The message is marked answered in the
    // same statement, after the lock (its EXISTS runs before the row is updated): the order of
    // locks stays conversation, then message.
    const [locked] = await tx.$queryRaw<Array<{ state: ConversationState }>>`
      WITH conversation AS (
        SELECT state::text AS state FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE
      )
      UPDATE "Message" SET "respondedAt" = now(), "updatedAt" = now()
      WHERE id = ${message.id}::uuid AND EXISTS (SELECT 1 FROM conversation)
      RETURNING (SELECT state FROM conversation) AS state`;
    if (conversation.language && conversation.languageChanged) {
      await tx.$executeRaw`UPDATE "Conversation" SET language = ${conversation.language} WHERE id = ${conversationId}::uuid`;
    }
    const state = locked?.state ?? conversation.state;
    const target = { conversationId, channel: conversation.channel, language: conversation.language };
    const texts: string[] = [];
    let applied: AppliedEffects = { texts: [], handoffOpened: false, slackChanged: false };

    if (plan.kind === 'action') {
      const step = await advanceStoredActionRun(prismaTx(), deps.automation, target, plan.run, message.text);
      texts.push(...step.replies);
      if (step.status === 'completed') {
        completed = true;
        if (plan.run.action.webhook) webhookRunId = plan.run.id;
        const effects = planActionCompletion(
          plan.run.action,
          { ...viewOf(conversation), state },
          outsideBusinessHours,
          deps.automation.config,
        );
        applied = await applyAutomationEffects(prismaTx(), deps.automation, target, effects);
      }
    } else {
      if (plan.closeRun) {
        await closeStoredActionRun(prismaTx(), conversationId, plan.closeRun.run, plan.closeRun.status);
      }
      const aiStillAnswers = state === 'bot' && conversation.state === 'bot';
      const decision = aiStillAnswers ? plan.decision : undefined;
      // Handing off replaces the "not sure" text: the traveler is told a specialist comes instead.
      const handsOff = plan.effects.some((effect) => effect.kind === 'handoff');
      if (decision?.kind === 'reply') texts.push(decision.text);
      // The operator's words for "not sure", in the traveler's language (the AI's own are a default).
      if (decision?.kind === 'unsure' && !handsOff) {
        texts.push(configuredMessage(deps.automation, 'aiUnsure', conversation.language));
      }
      if (decision?.kind === 'handoff' && decision.text) texts.push(decision.text);
      if (decision?.kind === 'unsure') {
        await tx.$executeRaw`UPDATE "Conversation" SET "unsureCount" = "unsureCount" + 1, "updatedAt" = now()
          WHERE id = ${conversationId}::uuid`;
        await recordConversationEvent(tx, {
          conversationId,
          type: 'ai_unsure',
          actorKind: 'ai',
          data: { messageId: message.id },
        });
      }
      // Texts and forms are for the AI's part of the conversation; tags, alerts and routes apply always.
      const effects = plan.effects.filter(
        (effect) => state === 'bot' || (effect.kind !== 'send_message' && effect.kind !== 'start_action'),
      );
      if (effects.length > 0) applied = await applyAutomationEffects(prismaTx(), deps.automation, target, effects);
    }
    texts.push(...applied.texts);
    const outboundIds =
      texts.length > 0
        ? await insertOutboundMessage(tx, deps.limits, {
            conversationId,
            channel: conversation.channel,
            text: texts.join('\n\n'),
            author: 'ai',
            inReplyToId: message.id,
          })
        : [];
    return { outboundIds, applied, completed };
  };
  const committed = needsPrisma
    ? await deps.db.$transaction((tx) => commitTurn(tx, tx))
    : await deps.db.fast.$transaction((tx) => commitTurn(tx, null));

  if (committed.applied.handoffTrigger) deps.metrics?.recordHandoff(committed.applied.handoffTrigger);
  for (const id of committed.outboundIds) await deliverLater(deps, id, conversation.channel, conversationId);
  if (committed.applied.handoffOpened || committed.applied.slackChanged || committed.completed) {
    await syncHandoffLater(deps, conversationId);
  }
  if (webhookRunId) await enqueueActionWebhookLater(deps, webhookRunId);
  return committed.outboundIds.length > 0;
}

async function loadConversation(deps: AnswerDeps, conversationId: string, text: string): Promise<ConversationView> {
  // One statement for what the turn reads (this is the hot path): state, tags, a form in progress.
  const [row] = await deps.db.fast.$queryRaw<
    Array<{
      state: ConversationState;
      channel: ChannelKind;
      language: string | null;
      unsureCount: number;
      tags: string[];
      collecting: boolean;
    }>
  >`
    SELECT c.state::text AS state, c.channel::text AS channel, c.language, c."unsureCount",
      ARRAY(SELECT t.name FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId"
            WHERE ct."conversationId" = c.id ORDER BY ct."appliedAt") AS tags,
      EXISTS(SELECT 1 FROM "ActionRun" r WHERE r."conversationId" = c.id AND r.status = 'collecting') AS collecting
    FROM "Conversation" c WHERE c.id = ${conversationId}::uuid`;
  if (!row) throw new Error(`conversation ${conversationId} does not exist`);
  const { assistant } = deps.automation.config;
  const stored = row.language ?? undefined;
  const language = updateConversationLanguage(stored, text, assistant.languages, assistant.defaultLanguage);
  return {
    id: conversationId,
    channel: row.channel,
    state: row.state,
    language,
    languageChanged: language !== stored,
    tags: row.tags,
    unsureCount: row.unsureCount,
    collecting: row.collecting,
  };
}

function viewOf(conversation: ConversationView): AutomationInput['conversation'] {
  return {
    channel: conversation.channel,
    language: conversation.language,
    tags: conversation.tags,
    state: conversation.state,
  };
}

async function planTurn(
  deps: AnswerDeps,
  conversation: ConversationView,
  message: { id: string; text: string },
  outsideBusinessHours: boolean,
): Promise<TurnPlan> {
  const { config } = deps.automation;
  const run = conversation.collecting
    ? await findCollectingRun(deps.db as unknown as Prisma.TransactionClient, deps.automation, conversation.id)
    : null;
  let closeRun: Extract<TurnPlan, { kind: 'automation' }>['closeRun'];
  if (run) {
    // Asking for a person or a handoff keyword wins over the form; so does a form left too long.
    if (matchHandoffTrigger(message.text, config.handoff)) closeRun = { run, status: 'cancelled' };
    else if (timedOut(deps.automation, run)) closeRun = { run, status: 'timed_out' };
    else return { kind: 'action', run };
  }
  const input = { conversation: viewOf(conversation), outsideBusinessHours };
  const effects = planAutomation({ ...input, trigger: { kind: 'message', text: message.text } }, config);
  const decided = effects.some((effect) => effect.kind === 'handoff' || effect.kind === 'start_action');
  if (conversation.state !== 'bot' || decided) return { kind: 'automation', effects, closeRun };

  const decision = await deps.responder.respond({
    conversationId: conversation.id,
    channel: conversation.channel,
    message,
    language: conversation.language,
    ...(deps.responder.historyLength && {
      history: await loadHistory(deps.db, conversation.id, message.id, deps.responder.historyLength),
    }),
  });
  deps.metrics?.recordAiAnswer(decision.kind);
  if (decision.kind === 'unsure') {
    effects.push(
      ...planAutomation(
        {
          ...input,
          trigger: { kind: 'ai_unsure', text: message.text, unsureCount: conversation.unsureCount + 1 },
        },
        config,
      ),
    );
  } else if (decision.kind === 'handoff') {
    effects.push({ kind: 'handoff', reason: decision.reason, trigger: 'ai_unsure' });
  } else if (decision.kind === 'start_action' && findAction(deps.automation, decision.actionId)) {
    effects.push({ kind: 'start_action', actionId: decision.actionId, ruleId: 'ai:assistant' });
  }
  return { kind: 'automation', effects: keepFirstHandoff(effects), decision, closeRun };
}

function timedOut(settings: AutomationSettings, run: StoredRun): boolean {
  const last = Date.parse(run.state.lastActivityAt);
  return settings.now().getTime() - last > run.action.timeoutMinutes * 60_000;
}

async function loadHistory(db: Db, conversationId: string, excludeId: string, length: number) {
  const rows = await db.message.findMany({
    where: { conversationId, id: { not: excludeId } },
    orderBy: { seq: 'desc' },
    take: length,
    select: { author: true, text: true },
  });
  return rows.reverse().map((row) => ({ author: row.author, text: row.text }));
}
