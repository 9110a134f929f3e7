import { z } from 'zod';
import type { TTag } from '../../config/baton-config.schema';
import { type Block, type ModalView, mrkdwn, type OptionObject, option, plain, slackLimits } from './block-kit';
import { tagLabel } from './labels';
import { escapeTruncate, truncateMrkdwn } from './mrkdwn';
import { readPrivateMetadata, readViewState } from './view-submission';

export const TAG_MODAL_CALLBACK_ID = 'tag_conversation_modal';
export const TAG_MODAL_BLOCK_ID = 'tags';
export const TAG_MODAL_ACTION_ID = 'tags_select';

export interface TagModalInput {
  conversationId: string;
  /** Name or masked number. */
  travelerLabel: string;
  /** The configured tags, in config order. */
  tags: Array<Pick<TTag, 'name' | 'emoji' | 'description'>>;
  /** Names of the tags the conversation has now. */
  applied: string[];
}

const ZTagModalMetadataSchema = z.object({
  conversationId: z.string().min(1),
  /** Applied tags the modal could not offer; a submission keeps them. */
  kept: z.array(z.string()).optional(),
});

/**
 * The tags the select can offer: the configured ones, then applied tags the config no
 * longer lists (so they can be removed). An option's value is the tag name, so names
 * longer than Slack allows for a value, and tags past Slack's 100 options, cannot be
 * offered; applied ones among them are kept by the submission instead of being dropped.
 */
function offerableTags(input: TagModalInput): { offered: TagModalInput['tags']; kept: string[] } {
  const known = new Set(input.tags.map((tag) => tag.name));
  const unknown = [...new Set(input.applied.filter((name) => !known.has(name)))];
  const all = [...input.tags, ...unknown.map((name) => ({ name }))];
  const fits = all.filter((tag) => tag.name.length <= slackLimits.optionValue);
  const applied = new Set(input.applied);
  // Over the limit, applied tags go first so none of them has to be kept unseen.
  const chosen = new Set(
    [...fits.filter((tag) => applied.has(tag.name)), ...fits.filter((tag) => !applied.has(tag.name))]
      .slice(0, slackLimits.selectOptions)
      .map((tag) => tag.name),
  );
  const offered = all.filter((tag) => chosen.has(tag.name));
  const kept = [...new Set(input.applied.filter((name) => !chosen.has(name)))];
  return { offered, kept };
}

/** The "Tag conversation" modal (message shortcut on a handoff message). */
export function buildTagModal(input: TagModalInput): ModalView {
  const { offered, kept } = offerableTags(input);
  const metadata = JSON.stringify(
    kept.length ? { conversationId: input.conversationId, kept } : { conversationId: input.conversationId },
  );
  if (metadata.length > slackLimits.privateMetadata) {
    throw new RangeError(
      `tag modal private_metadata is ${metadata.length} characters; Slack allows ${slackLimits.privateMetadata}.`,
    );
  }
  const options: OptionObject[] = offered.map((tag) => option(tagLabel(tag), tag.name, tag.description));
  const applied = new Set(input.applied);
  const initial = options.filter((item) => applied.has(item.value));
  const blocks: Block[] = [{ type: 'section', text: mrkdwn(`Tags for *${escapeTruncate(input.travelerLabel, 500)}*`) }];
  if (options.length > 0) {
    blocks.push({
      type: 'input',
      block_id: TAG_MODAL_BLOCK_ID,
      optional: true,
      label: plain('Tags'),
      hint: plain('Tags feed the automation rules: adding one may alert people or change routing.'),
      element: {
        type: 'multi_static_select',
        action_id: TAG_MODAL_ACTION_ID,
        placeholder: plain('Choose tags'),
        options,
        ...(initial.length > 0 && { initial_options: initial }),
      },
    });
  } else {
    blocks.push({
      type: 'section',
      text: mrkdwn('No tags are configured yet. Add them under `tags:` in the Baton config file.'),
    });
  }
  if (kept.length > 0) {
    const names = kept.map((name) => escapeTruncate(name, 100)).join(', ');
    blocks.push({
      type: 'context',
      elements: [mrkdwn(truncateMrkdwn(`Also applied, not editable here: ${names}`, slackLimits.sectionText))],
    });
  }
  return {
    type: 'modal',
    callback_id: TAG_MODAL_CALLBACK_ID,
    title: plain('Tag conversation'),
    ...(options.length > 0 && { submit: plain('Save') }),
    close: plain(options.length > 0 ? 'Cancel' : 'Close'),
    private_metadata: metadata,
    blocks,
  };
}

const ZMultiSelectStateSchema = z.object({
  type: z.literal('multi_static_select'),
  selected_options: z.array(z.object({ value: z.string().min(1) })).default([]),
});

/**
 * Reads a submitted tag modal: the conversation and the full list of tags it should have
 * (the caller adds and removes the difference). Throws `ViewSubmissionError` when the view
 * is not one `buildTagModal` made.
 */
export function readTagModalSubmission(view: unknown): { conversationId: string; tags: string[] } {
  const { value, privateMetadata } = readViewState(
    view,
    TAG_MODAL_CALLBACK_ID,
    TAG_MODAL_BLOCK_ID,
    TAG_MODAL_ACTION_ID,
    ZMultiSelectStateSchema,
  );
  const metadata = readPrivateMetadata(privateMetadata, TAG_MODAL_CALLBACK_ID, ZTagModalMetadataSchema);
  const tags = [...new Set([...value.selected_options.map((selected) => selected.value), ...(metadata.kept ?? [])])];
  return { conversationId: metadata.conversationId, tags };
}
