import {
  HANDOFF_CLAIM_ACTION_ID,
  HANDOFF_HAND_BACK_ACTION_ID,
  HANDOFF_RESOLVE_ACTION_ID,
  HANDOFF_START_ACTION_ACTION_ID,
} from '../handoff/blocks/handoff-card';
import { blockActions, eventCallback, threadReply } from '../testing/slack-signing';
import type { TSpecialistAction } from './flow-file.schema';
import { FlowStepError } from './flow-step-error';
import type { FlowTraveler } from './observe-flow';
import { describeButtons, elementsOf, loadState, type SlackMessageShape, sendToSlackEndpoint } from './slack-side';
import type { FlowSandbox } from './start-flow-sandbox';
import { addTagsInSlack } from './tag-in-slack';

const buttons = {
  claim: { actionId: HANDOFF_CLAIM_ACTION_ID, label: 'Claim' },
  handBack: { actionId: HANDOFF_HAND_BACK_ACTION_ID, label: 'Hand back to AI' },
  resolve: { actionId: HANDOFF_RESOLVE_ACTION_ID, label: 'Resolve' },
} as const;

/** Claim, hand back or resolve: the button on the handoff card (or, for Claim, on a rule's alert). */
async function clickCardButton(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  which: keyof typeof buttons,
  userId: string,
): Promise<void> {
  const { conversation, thread, card, cardTs } = await loadState(sandbox, traveler);
  const { actionId, label } = buttons[which];
  let target: { channel: string; ts: string; message: unknown } | undefined =
    thread && card && cardTs ? { channel: thread.channelId, ts: cardTs, message: card } : undefined;
  if (!target && which === 'claim') {
    // Before any handoff, a rule's alert carries the Claim button.
    const alert = [...conversation.alerts].reverse().find((candidate) => candidate.slackChannelId && candidate.slackTs);
    const message =
      alert?.slackChannelId && alert.slackTs ? sandbox.slack.message(alert.slackChannelId, alert.slackTs) : undefined;
    if (alert?.slackChannelId && alert.slackTs && message)
      target = { channel: alert.slackChannelId, ts: alert.slackTs, message };
  }
  if (!target) {
    throw new FlowStepError(
      `no open handoff card to click "${label}" on (state "${conversation.state}"${which === 'claim' ? ', and no alert with a Claim button' : ''}).`,
    );
  }
  const button = elementsOf(target.message).find((element) => element.action_id === actionId);
  if (!button?.value) {
    throw new FlowStepError(
      `the card has no "${label}" button (state "${conversation.state}"; ${describeButtons(target.message)}).`,
    );
  }
  await sendToSlackEndpoint(
    sandbox,
    blockActions({
      actionId,
      value: button.value,
      user: { id: userId },
      channel: target.channel,
      message: { ts: target.ts, blocks: (target.message as SlackMessageShape).blocks as unknown[] },
    }),
  );
}

async function replyInThread(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  text: string,
  userId: string,
): Promise<void> {
  const { conversation, thread } = await loadState(sandbox, traveler);
  if (!thread) {
    throw new FlowStepError(`no open handoff thread to reply in (state "${conversation.state}").`);
  }
  await sendToSlackEndpoint(
    sandbox,
    eventCallback(threadReply({ channel: thread.channelId, threadTs: thread.threadTs, text, user: userId })),
  );
}

/** The "Ask the traveler for…" menu on the card. */
async function askTravelerFor(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  wanted: string,
  userId: string,
): Promise<void> {
  const { conversation, thread, card, cardTs } = await loadState(sandbox, traveler);
  if (!thread || !card || !cardTs) {
    throw new FlowStepError(
      `no open handoff card with the "Ask the traveler for…" menu (state "${conversation.state}").`,
    );
  }
  const menu = elementsOf(card).find((element) => element.action_id === HANDOFF_START_ACTION_ACTION_ID);
  if (!menu) throw new FlowStepError(`the card has no "Ask the traveler for…" menu (${describeButtons(card)}).`);
  const option = (menu.options ?? []).find(
    (candidate) => candidate.value?.endsWith(`|${wanted}`) || candidate.text?.text === wanted,
  );
  if (!option?.value) {
    const offered = (menu.options ?? []).map((candidate) => `"${candidate.text?.text}"`).join(', ');
    throw new FlowStepError(
      `the "Ask the traveler for…" menu does not offer "${wanted}" (it offers ${offered || 'nothing'}).`,
    );
  }
  await sendToSlackEndpoint(
    sandbox,
    blockActions({
      actionId: HANDOFF_START_ACTION_ACTION_ID,
      selectedOption: { text: option.text?.text ?? wanted, value: option.value },
      user: { id: userId },
      channel: thread.channelId,
      message: { ts: cardTs, blocks: (card as SlackMessageShape).blocks as unknown[] },
    }),
  );
}

/** Carries out one specialist step through Baton's real Slack handlers; throws FlowStepError when it cannot. */
export async function playSpecialist(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  action: TSpecialistAction,
  defaultUserId: string,
): Promise<void> {
  const userId = action.as ?? defaultUserId;
  switch (action.do) {
    case 'reply':
      return replyInThread(sandbox, traveler, action.text, userId);
    case 'claim':
    case 'handBack':
    case 'resolve':
      return clickCardButton(sandbox, traveler, action.do, userId);
    case 'tag':
      return addTagsInSlack(sandbox, traveler, action.tags, userId);
    case 'askFor':
      return askTravelerFor(sandbox, traveler, action.action, userId);
  }
}
