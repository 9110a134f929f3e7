import type { ChannelKind } from '../../channels/channel-adapter';
import type { ConversationState } from '../../core/conversation-state';
import { formatSeconds, formatShare } from '../../insights/format-figures';
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

/** The headline figures above the inbox (src/insights/home/load-home-insights.ts). */
export interface HomeInsights {
  /** "Last 7 days". */
  periodLabel: string;
  /** Conversations with a message or event in the period. */
  conversations: number;
  handedOff: number;
  handoffShare: number | null;
  medianTimeToHumanSeconds: number | null;
  topTags: Array<{ name: string; count: number; change: number }>;
  /** The top knowledge gaps: label, how many questions, one example. */
  gaps: Array<{ label: string; count: number; example?: string }>;
}

export interface AppHomeInput {
  counts: Record<ConversationState, number>;
  groups: Array<{ state: ConversationState; conversations: HomeConversation[] }>;
  filters: HomeFilters;
  availableTags: string[];
  now: Date;
  /** Shown above the inbox; 'unavailable' says the figures could not be loaded. */
  insights?: HomeInsights | 'unavailable';
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

const HOME_GAPS = 5;
const HOME_TAGS = 3;

/** The period's headline figures and top knowledge gaps, filtered like the inbox. */
function insightsBlocks(insights: HomeInsights | 'unavailable', filters: HomeFilters): Block[] {
  if (insights === 'unavailable') {
    return [
      {
        type: 'context',
        elements: [mrkdwn('The figures for the last 7 days could not be loaded. Reopen the tab to retry.')],
      },
      { type: 'divider' },
    ];
  }
  const scope = [filters.tag, filters.channel && channelLabels[filters.channel]].filter(Boolean).join(' · ');
  const change = (value: number) => (value > 0 ? ` (+${value})` : value < 0 ? ` (${value})` : '');
  const tags = insights.topTags
    .slice(0, HOME_TAGS)
    .map((tag) => `${escapeTruncate(tag.name, 60)} *${tag.count}*${change(tag.change)}`);
  const gaps = insights.gaps.slice(0, HOME_GAPS).map((gap, index) => {
    const example = gap.example ? ` — _“${escapeTruncate(gap.example, 120)}”_` : '';
    return `${index + 1}. *${escapeTruncate(gap.label, 100)}* (${gap.count})${example}`;
  });
  return [
    { type: 'header', text: plain(scope ? `${insights.periodLabel} · ${scope}` : insights.periodLabel, 150) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Conversations*\n${insights.conversations}`),
        mrkdwn(`*Handed off*\n${formatShare(insights.handoffShare)} (${insights.handedOff})`),
        mrkdwn(`*Median time to a specialist*\n${formatSeconds(insights.medianTimeToHumanSeconds)}`),
        mrkdwn(`*Top tags*\n${tags.length > 0 ? tags.join(' · ') : 'none'}`),
      ],
    },
    {
      type: 'section',
      text: mrkdwn(
        truncateMrkdwn(
          `*Knowledge gaps* (questions the AI was unsure about or handed off)\n${gaps.length > 0 ? gaps.join('\n') : 'None this week.'}`,
          slackLimits.sectionText,
        ),
      ),
    },
    { type: 'divider' },
  ];
}

/**
 * The App Home: the last 7 days' figures when given, then the "Shared inbox": counts, tag
 * and channel filters, then conversations grouped by state (most urgent first), each
 * linking to its thread. Groups are filtered again here,
 * so passing unfiltered groups is safe. Stays within a view's 100 blocks: a group that
 * does not fit ends with "…and N more".
 */
export function buildAppHome(input: AppHomeInput): HomeView {
  const { counts, filters } = input;
  const blocks: Block[] = [
    ...(input.insights ? insightsBlocks(input.insights, filters) : []),
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
