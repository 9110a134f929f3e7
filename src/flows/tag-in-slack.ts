import {
  FIND_MODAL_CALLBACK_ID,
  FIND_QUERY_ACTION_ID,
  FIND_QUERY_BLOCK_ID,
  FIND_RESULT_TAG_ACTION_ID,
} from '../handoff/blocks/find-modal';
import { TAG_MODAL_ACTION_ID, TAG_MODAL_BLOCK_ID, TAG_MODAL_CALLBACK_ID } from '../handoff/blocks/tag-modal';
import { FIND_SHORTCUT_CALLBACK_ID, TAG_SHORTCUT_CALLBACK_ID } from '../handoff/managers/register-manager-handlers';
import { phoneDigits } from '../handoff/managers/search-terms';
import { globalShortcut, messageShortcut, viewBlockActions, viewSubmission } from '../testing/slack-signing';
import { FlowStepError } from './flow-step-error';
import type { FlowTraveler } from './observe-flow';
import { elementsOf, loadState, type SlackMessageShape, sendToSlackEndpoint } from './slack-side';
import type { FlowSandbox } from './start-flow-sandbox';

function newView(sandbox: FlowSandbox, before: number, callbackId: string): Record<string, unknown> | undefined {
  return sandbox.slack
    .storedViews()
    .slice(before)
    .find((view) => view.callback_id === callbackId);
}

/**
 * The tag modal, opened the way a manager would: "Tag conversation" on the handoff card when a
 * thread is open, else "Find a traveler conversation" by number (or name), then its "Tag" button.
 */
async function openTagModal(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  userId: string,
): Promise<Record<string, unknown>> {
  const { conversation, thread, cardTs } = await loadState(sandbox, traveler);
  if (thread && cardTs) {
    const before = sandbox.slack.storedViews().length;
    await sendToSlackEndpoint(
      sandbox,
      messageShortcut({
        callbackId: TAG_SHORTCUT_CALLBACK_ID,
        user: { id: userId },
        channel: thread.channelId,
        message: { ts: cardTs },
      }),
    );
    const modal = newView(sandbox, before, TAG_MODAL_CALLBACK_ID);
    if (!modal) throw new FlowStepError('"Tag conversation" on the handoff card opened no tag modal.');
    return modal;
  }
  const query = phoneDigits(traveler.address) ?? traveler.name;
  if (!query) {
    throw new FlowStepError(
      'no handoff thread, and "Find a traveler conversation" finds travelers by number or name. Fix: give traveler.address a phone number or traveler.name.',
    );
  }
  const before = sandbox.slack.storedViews().length;
  await sendToSlackEndpoint(sandbox, globalShortcut({ callbackId: FIND_SHORTCUT_CALLBACK_ID, user: { id: userId } }));
  const finder = newView(sandbox, before, FIND_MODAL_CALLBACK_ID);
  if (!finder || typeof finder.id !== 'string')
    throw new FlowStepError('"Find a traveler conversation" opened no modal.');
  const answer = (await sendToSlackEndpoint(
    sandbox,
    viewSubmission({
      callbackId: FIND_MODAL_CALLBACK_ID,
      user: { id: userId },
      viewId: finder.id,
      values: { [FIND_QUERY_BLOCK_ID]: { [FIND_QUERY_ACTION_ID]: { type: 'plain_text_input', value: query } } },
    }),
  )) as { view?: unknown } | undefined;
  const tagButton = elementsOf(answer?.view).find(
    (element) => element.action_id === FIND_RESULT_TAG_ACTION_ID && element.value === conversation.id,
  );
  if (!tagButton) throw new FlowStepError(`"Find a traveler conversation" did not list this traveler for "${query}".`);
  await sendToSlackEndpoint(
    sandbox,
    viewBlockActions({
      actionId: FIND_RESULT_TAG_ACTION_ID,
      value: conversation.id,
      user: { id: userId },
      view: { id: finder.id, callbackId: FIND_MODAL_CALLBACK_ID },
    }),
  );
  const modal = sandbox.slack.storedViews().find((view) => view.id === finder.id);
  if (modal?.callback_id !== TAG_MODAL_CALLBACK_ID) throw new FlowStepError('the "Tag" button opened no tag modal.');
  return modal;
}

/** Adds tags from Slack, keeping those the conversation has, as a manager would in the tag modal. */
export async function addTagsInSlack(
  sandbox: FlowSandbox,
  traveler: FlowTraveler,
  tags: string[],
  userId: string,
): Promise<void> {
  const modal = await openTagModal(sandbox, traveler, userId);
  const input = (modal as SlackMessageShape).blocks?.find((block) => block.block_id === TAG_MODAL_BLOCK_ID)?.element;
  if (!input) throw new FlowStepError('the tag modal offers no tags (none are configured under tags:).');
  const offered = (input.options ?? []).flatMap((option) => (option.value ? [option.value] : []));
  const missing = tags.filter((tag) => !offered.includes(tag));
  if (missing.length > 0) {
    throw new FlowStepError(
      `the tag modal does not offer ${missing.map((tag) => `"${tag}"`).join(', ')} (it offers ${offered.join(', ')}).`,
    );
  }
  const selected = [
    ...new Set([...(input.initial_options ?? []).flatMap((option) => (option.value ? [option.value] : [])), ...tags]),
  ];
  const answer = (await sendToSlackEndpoint(
    sandbox,
    viewSubmission({
      callbackId: TAG_MODAL_CALLBACK_ID,
      user: { id: userId },
      viewId: String(modal.id),
      privateMetadata: typeof modal.private_metadata === 'string' ? modal.private_metadata : '',
      values: {
        [TAG_MODAL_BLOCK_ID]: {
          [TAG_MODAL_ACTION_ID]: {
            type: 'multi_static_select',
            selected_options: selected.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
          },
        },
      },
    }),
  )) as { response_action?: string; errors?: Record<string, string> } | undefined;
  if (answer?.response_action === 'errors') {
    throw new FlowStepError(`the tag modal refused the tags: ${Object.values(answer.errors ?? {}).join('; ')}`);
  }
}
