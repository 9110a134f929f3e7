import { type SlackRequestBody, signedSlackRequest } from '../testing/slack-signing';
import { FlowStepError } from './flow-step-error';
import { type FlowTraveler, findConversation } from './observe-flow';
import type { FlowSandbox } from './start-flow-sandbox';

/** What flows read of a Slack message or view: its blocks' interactive elements. */
export type SlackElement = {
  type?: string;
  action_id?: string;
  value?: string;
  text?: { text?: string };
  options?: SlackOption[];
};
export type SlackOption = { text?: { text?: string }; value?: string };
export type SlackMessageShape = {
  blocks?: Array<{
    type?: string;
    block_id?: string;
    elements?: SlackElement[];
    element?: SlackElement & { initial_options?: SlackOption[] };
  }>;
};

/** Sends a request to Baton's /slack/events signed as Slack signs it; returns the answer's body. */
export async function sendToSlackEndpoint(sandbox: FlowSandbox, request: SlackRequestBody): Promise<unknown> {
  const signed = signedSlackRequest({ signingSecret: sandbox.signingSecret, ...request });
  const response = await fetch(`${sandbox.baseUrl}/slack/events`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new FlowStepError(`Baton answered Slack's request with HTTP ${response.status}: ${body.slice(0, 200)}`);
  }
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

export function elementsOf(message: unknown): SlackElement[] {
  const blocks = (message as SlackMessageShape | undefined)?.blocks ?? [];
  return blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
}

export function describeButtons(message: unknown): string {
  const shown = elementsOf(message).map((element) => element.text?.text ?? element.action_id ?? element.type);
  return shown.length ? `it shows ${shown.map((label) => `"${label}"`).join(', ')}` : 'it shows no buttons';
}

/** The traveler's conversation, its open handoff thread and the card as Slack shows it now. */
export async function loadState(sandbox: FlowSandbox, traveler: FlowTraveler) {
  const conversation = await findConversation(sandbox, traveler);
  if (!conversation) throw new FlowStepError('the traveler has not written yet: there is nothing in Slack to act on.');
  const thread = conversation.slackThreads[0];
  const open = thread && !thread.closedAt ? thread : undefined;
  const card = open ? sandbox.slack.message(open.channelId, open.cardTs ?? open.threadTs) : undefined;
  return { conversation, thread: open, card, cardTs: open ? (open.cardTs ?? open.threadTs) : undefined };
}
