import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import {
  type Block,
  button,
  buttonUrl,
  type HomeView,
  mrkdwn,
  type OptionObject,
  option,
  plain,
  type SectionBlock,
  type StaticSelectElement,
  slackLimits,
} from './block-kit';
import {
  channelKinds,
  channelLabels,
  formatDuration,
  stateEmoji,
  stateLabels,
  stateOrder,
  statePhrases,
} from './labels';
import { escapeTruncate, mention, truncateMrkdwn } from './mrkdwn';

export const HOME_FILTER_TAG_ACTION_ID = 'home_filter_tag';
export const HOME_FILTER_CHANNEL_ACTION_ID = 'home_filter_channel';
/** Link button of a conversation: Slack opens the URL itself, the handler only acknowledges. */
export const HOME_OPEN_THREAD_ACTION_ID = 'home_open_thread';
/** Value of the "All" option of both filters; other values are `tag:<name>` and `channel:<kind>`. */
export const HOME_FILTER_ALL = 'all';

export interface HomeFilters {
  tag?: string;
  channel?: ChannelKind;
}

export interface HomeConversation {
  conversationId: string;
  /** Name or masked number. */
  travelerLabel: string;
  channel: ChannelKind;
  tags: string[];
  /** Slack user id of the specialist holding it. */
  assignee?: string;
  waitingSince?: Date;
  threadLink?: string;
}

export interface AppHomeInput {
  counts: Record<ConversationState, number>;
  groups: Array<{ state: ConversationState; conversations: HomeConversation[] }>;
  filters: HomeFilters;
  availableTags: string[];
  now: Date;
}

const allTags = option('All tags', HOME_FILTER_ALL);
const allChannels = option('All channels', HOME_FILTER_ALL);

function tagFilter(availableTags: string[], current: string | undefined): StaticSelectElement {
  const fits = (name: string) => `tag:${name}`.length <= slackLimits.optionValue;
  let names = [...new Set(availableTags)].filter(fits);
  if (current !== undefined && fits(current) && !names.includes(current)) names.unshift(current);
  if (names.length > slackLimits.selectOptions - 1) {
    // Past Slack's 100 options, the current filter stays offered so the select can show it.
    names = names.slice(0, slackLimits.selectOptions - 1);
    if (current !== undefined && fits(current) && !names.includes(current)) names[names.length - 1] = current;
  }
  const options: OptionObject[] = [allTags, ...names.map((name) => option(name, `tag:${name}`))];
  const initial = options.find((item) => current !== undefined && item.value === `tag:${current}`) ?? allTags;
  return {
    type: 'static_select',
    action_id: HOME_FILTER_TAG_ACTION_ID,
    placeholder: plain('Tag'),
    options,
    initial_option: initial,
  };
}

function channelFilter(current: ChannelKind | undefined): StaticSelectElement {
  const options = [allChannels, ...channelKinds.map((kind) => option(channelLabels[kind], `channel:${kind}`))];
  return {
    type: 'static_select',
    action_id: HOME_FILTER_CHANNEL_ACTION_ID,
    placeholder: plain('Channel'),
    options,
    initial_option: options.find((item) => item.value === `channel:${current}`) ?? allChannels,
  };
}

/**
 * Reads a filter select's chosen value into the filter it changes: `{ tag: undefined }`
 * clears the tag filter. Throws on a value the home view never offers.
 */
export function readHomeFilterSelection(actionId: string, value: string): HomeFilters {
  if (actionId === HOME_FILTER_TAG_ACTION_ID) {
    if (value === HOME_FILTER_ALL) return { tag: undefined };
    if (value.startsWith('tag:') && value.length > 4) return { tag: value.slice(4) };
  }
  if (actionId === HOME_FILTER_CHANNEL_ACTION_ID) {
    if (value === HOME_FILTER_ALL) return { channel: undefined };
    const kind = value.slice('channel:'.length) as ChannelKind;
    if (value.startsWith('channel:') && channelKinds.includes(kind)) return { channel: kind };
  }
  throw new RangeError(`${JSON.stringify(value)} is not a value of the ${actionId} filter.`);
}

function conversationSection(conversation: HomeConversation, now: Date): SectionBlock {
  const parts = [`*${escapeTruncate(conversation.travelerLabel, 200)}*`, channelLabels[conversation.channel]];
  if (conversation.tags.length) parts.push(escapeTruncate(conversation.tags.join(', '), 500));
  if (conversation.assignee) parts.push(mention(conversation.assignee));
  if (conversation.waitingSince) parts.push(`waiting ${formatDuration(conversation.waitingSince, now)}`);
  const url = buttonUrl(conversation.threadLink);
  return {
    type: 'section',
    text: mrkdwn(truncateMrkdwn(parts.join(' · '), slackLimits.sectionText)),
    ...(url && { accessory: button({ text: 'Open thread', actionId: HOME_OPEN_THREAD_ACTION_ID, url }) }),
  };
}

function matches(conversation: HomeConversation, filters: HomeFilters): boolean {
  return (
    (filters.tag === undefined || conversation.tags.includes(filters.tag)) &&
    (filters.channel === undefined || conversation.channel === filters.channel)
  );
}

/**
 * The App Home "Shared inbox": counts, tag and channel filters, then conversations grouped
 * by state (most urgent first), each linking to its thread. Groups are filtered again here,
 * so passing unfiltered groups is safe. Stays within a view's 100 blocks: a group that
 * does not fit ends with "…and N more".
 */
export function buildAppHome(input: AppHomeInput): HomeView {
  const { counts, filters } = input;
  const blocks: Block[] = [
    { type: 'header', text: plain('Shared inbox') },
    {
      type: 'context',
      elements: [
        mrkdwn(
          stateOrder.map((state) => `${stateEmoji[state]} *${counts[state] ?? 0}* ${statePhrases[state]}`).join('   '),
        ),
      ],
    },
    { type: 'actions', elements: [tagFilter(input.availableTags, filters.tag), channelFilter(filters.channel)] },
    { type: 'divider' },
  ];
  const groups = stateOrder
    .map((state) => ({
      state,
      conversations: input.groups
        .filter((group) => group.state === state)
        .flatMap((group) => group.conversations)
        .filter((conversation) => matches(conversation, filters)),
    }))
    .filter((group) => group.conversations.length > 0);

  if (groups.length === 0) {
    const filtered = filters.tag !== undefined || filters.channel !== undefined;
    blocks.push({
      type: 'section',
      text: mrkdwn(filtered ? 'No conversation matches these filters.' : 'No open conversations. :tada:'),
    });
    return { type: 'home', blocks };
  }

  // Each group needs its heading, and may need a "more" line: reserve both up front.
  let rowsLeft = slackLimits.viewBlocks - blocks.length - groups.length * 2;
  for (const group of groups) {
    const label = `${stateEmoji[group.state]} *${stateLabels[group.state]}* (${group.conversations.length})`;
    blocks.push({ type: 'section', text: mrkdwn(label) });
    const shown = group.conversations.slice(0, Math.max(rowsLeft, 0));
    rowsLeft -= shown.length;
    for (const conversation of shown) blocks.push(conversationSection(conversation, input.now));
    const hidden = group.conversations.length - shown.length;
    if (hidden > 0) {
      blocks.push({
        type: 'context',
        elements: [mrkdwn(`…and ${hidden} more ${statePhrases[group.state]}. Use the filters to narrow the list.`)],
      });
    }
  }
  return { type: 'home', blocks };
}
