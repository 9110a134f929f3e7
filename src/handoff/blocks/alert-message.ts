import type { ChannelKind } from '../../channels/channel-adapter';
import { type Block, button, mrkdwn, type SlackMessage, slackLimits } from './block-kit';
import { HANDOFF_CLAIM_ACTION_ID } from './handoff-card';
import { channelLabels, tagLabel, travelerLabel } from './labels';
import { escapeMrkdwn, escapeTruncate, link, mention, quoteLines, truncateMrkdwn } from './mrkdwn';

export interface AlertMessageInput {
  conversationId: string;
  /** Slack user ids and a user group id to mention. */
  users: string[];
  usergroup?: string;
  /** The rule's text; a default names the rule. */
  text?: string;
  ruleId: string;
  traveler: { name?: string; address: string };
  channel: ChannelKind;
  tags: Array<{ name: string; emoji?: string }>;
  /** The traveler message that set the rule off. */
  lastTravelerMessage?: string;
  /** The conversation's handoff thread, when there is one (the alert is then posted in it). */
  inThread: boolean;
  threadLink?: string;
}

/**
 * A rule's alert: mentions first (that is what notifies people), then what happened.
 * Outside a handoff thread it carries a Claim button, so whoever is alerted can take the
 * conversation over from the AI; the thread with its card opens on claim.
 */
export function buildAlertMessage(input: AlertMessageInput): SlackMessage {
  const mentions = [
    ...(input.usergroup ? [`<!subteam^${input.usergroup}>`] : []),
    ...input.users.map((user) => mention(user)),
  ].join(' ');
  const what = input.text ? escapeMrkdwn(input.text) : `Rule _${escapeMrkdwn(input.ruleId)}_ matched.`;
  const who = `${escapeMrkdwn(travelerLabel(input.traveler))} · ${channelLabels[input.channel]}`;
  const tags = input.tags.map((tag) => escapeMrkdwn(tagLabel(tag))).join(', ');
  const lines = [`:rotating_light: ${mentions} ${what}`, `*${who}*${tags ? ` · ${tags}` : ''}`];
  if (input.lastTravelerMessage) lines.push(quoteLines(escapeTruncate(input.lastTravelerMessage, 500)));
  if (input.threadLink) lines.push(link(input.threadLink, 'Open the conversation'));
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(truncateMrkdwn(lines.join('\n'), slackLimits.sectionText)) },
  ];
  if (!input.inThread) {
    blocks.push({
      type: 'actions',
      elements: [
        button({ text: 'Claim', actionId: HANDOFF_CLAIM_ACTION_ID, value: input.conversationId, style: 'primary' }),
      ],
    });
  }
  // The notification line carries the mentions too: it is what a phone shows.
  return { text: truncateMrkdwn(`${mentions} ${what} (${who})`, slackLimits.sectionText), blocks };
}
