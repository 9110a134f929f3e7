import { z } from 'zod';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import {
  type Block,
  type ButtonElement,
  button,
  buttonUrl,
  type InputBlock,
  type ModalView,
  mrkdwn,
  plain,
  slackLimits,
} from './block-kit';
import { channelLabels, stateBadge } from './labels';
import { escapeMrkdwn, escapeTruncate, truncateMrkdwn } from './mrkdwn';
import { readViewState, ViewSubmissionError } from './view-submission';

export const FIND_MODAL_CALLBACK_ID = 'find_conversation_modal';
export const FIND_QUERY_BLOCK_ID = 'query';
export const FIND_QUERY_ACTION_ID = 'query_input';
/** Tag button on a result; its value is the conversation id (open the tag modal with `views.push`). */
export const FIND_RESULT_TAG_ACTION_ID = 'find_result_tag';
/** Link button on a result: Slack opens the URL itself, the handler only acknowledges. */
export const FIND_RESULT_OPEN_ACTION_ID = 'find_result_open';
export const MAX_FIND_RESULTS = 20;
export const MAX_FIND_QUERY_LENGTH = 200;

export interface FindResult {
  conversationId: string;
  /** Name or masked number. */
  travelerLabel: string;
  channel: ChannelKind;
  state: ConversationState;
  tags: string[];
  threadLink?: string;
}

function queryInput(initialValue?: string): InputBlock {
  return {
    type: 'input',
    block_id: FIND_QUERY_BLOCK_ID,
    label: plain('Phone number, name or confirmation number'),
    element: {
      type: 'plain_text_input',
      action_id: FIND_QUERY_ACTION_ID,
      placeholder: plain('+1 555 0100, Ana Lima, ABC123'),
      max_length: MAX_FIND_QUERY_LENGTH,
      ...(initialValue ? { initial_value: initialValue } : { focus_on_load: true }),
    },
  };
}

function findModal(blocks: Block[]): ModalView {
  return {
    type: 'modal',
    callback_id: FIND_MODAL_CALLBACK_ID,
    title: plain('Find a conversation'),
    submit: plain('Find'),
    close: plain('Close'),
    blocks,
  };
}

/** The modal of the global shortcut "Find a traveler conversation". */
export function buildFindModal(): ModalView {
  return findModal([queryInput()]);
}

const ZPlainTextInputStateSchema = z.object({
  type: z.literal('plain_text_input'),
  value: z.string().nullish(),
});

/**
 * The query of a submitted find modal, trimmed. An empty or too long query throws a
 * `ViewSubmissionError` on the `query` block, for `response_action: 'errors'`.
 */
export function readFindSubmission(view: unknown): string {
  const { value } = readViewState(
    view,
    FIND_MODAL_CALLBACK_ID,
    FIND_QUERY_BLOCK_ID,
    FIND_QUERY_ACTION_ID,
    ZPlainTextInputStateSchema,
  );
  const query = (value.value ?? '').trim();
  if (!query)
    throw new ViewSubmissionError('Type a phone number, a name or a confirmation number.', FIND_QUERY_BLOCK_ID);
  if (query.length > MAX_FIND_QUERY_LENGTH) {
    throw new ViewSubmissionError(`Keep the search under ${MAX_FIND_QUERY_LENGTH} characters.`, FIND_QUERY_BLOCK_ID);
  }
  return query;
}

function resultBlocks(result: FindResult): Block[] {
  const tags = result.tags.length ? escapeMrkdwn(result.tags.join(', ')) : '_no tags_';
  const text = `*${escapeTruncate(result.travelerLabel, 200)}* · ${channelLabels[result.channel]} · ${stateBadge(result.state)}\nTags: ${tags}`;
  const url = buttonUrl(result.threadLink);
  const buttons: ButtonElement[] = [];
  if (url) buttons.push(button({ text: 'Open thread', actionId: FIND_RESULT_OPEN_ACTION_ID, url }));
  buttons.push(button({ text: 'Tag', actionId: FIND_RESULT_TAG_ACTION_ID, value: result.conversationId }));
  return [
    { type: 'section', text: mrkdwn(truncateMrkdwn(text, slackLimits.sectionText)) },
    { type: 'actions', elements: buttons },
  ];
}

/**
 * The find modal again, with the query kept for refining and up to 20 results under it
 * (for `response_action: 'update'` or `views.update`).
 */
export function buildFindResults(input: { query: string; results: FindResult[] }): ModalView {
  const query = escapeTruncate(input.query, 200);
  const blocks: Block[] = [queryInput(input.query.slice(0, MAX_FIND_QUERY_LENGTH)), { type: 'divider' }];
  if (input.results.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `No conversation matches “${query}”. Try the full phone number with its country code, or another spelling.`,
      ),
    });
    return findModal(blocks);
  }
  const shown = input.results.slice(0, MAX_FIND_RESULTS);
  const count =
    input.results.length > shown.length
      ? `First ${shown.length} of ${input.results.length} conversations matching “${query}”: narrow the search to see the others.`
      : `${shown.length} conversation${shown.length === 1 ? '' : 's'} matching “${query}”`;
  blocks.push({ type: 'context', elements: [mrkdwn(count)] });
  for (const result of shown) blocks.push(...resultBlocks(result));
  return findModal(blocks);
}
