import { type Block, mrkdwn, plain, type SlackMessage, slackLimits } from '../../handoff/blocks/block-kit';
import { escapeTruncate, truncateMrkdwn } from '../../handoff/blocks/mrkdwn';
import type { InsightsReport } from '../build-insights-report';
import {
  formatChange,
  formatHourSlot,
  formatPeriod,
  formatSeconds,
  formatShare,
  triggerLabels,
} from '../format-figures';
import { handoffTriggers } from '../metrics/classify-handoff-trigger';

const TOP_TAGS = 5;
const TOP_GAPS = 5;

/** The weekly digest message: headline figures, tags, busiest hours, knowledge gaps. Pure. */
export function formatDigest(report: InsightsReport): SlackMessage {
  const { period, activity, handoffs, tags, deliveryFailures, busiestHours } = report;
  const periodText = formatPeriod(period.from, period.to, period.timeZone);
  const th = handoffs.timeToHuman;
  const triggers = handoffTriggers
    .filter((trigger) => handoffs.byTrigger[trigger] > 0)
    .map((trigger) => `${triggerLabels[trigger] ?? trigger} ${handoffs.byTrigger[trigger]}`);
  const blocks: Block[] = [
    { type: 'header', text: plain(`Weekly insights · ${periodText}`, slackLimits.headerText) },
    {
      type: 'section',
      fields: [
        mrkdwn(`*Conversations*\n${activity.conversations} (${activity.inbound} messages in)`),
        mrkdwn(`*Handed off*\n${formatShare(handoffs.share)} (${handoffs.conversations})`),
        mrkdwn(`*Time to a specialist*\np50 ${formatSeconds(th.p50)} · p90 ${formatSeconds(th.p90)}`),
        mrkdwn(
          `*Time to resolution*\np50 ${formatSeconds(handoffs.resolution.p50)} · p90 ${formatSeconds(handoffs.resolution.p90)}`,
        ),
        mrkdwn(`*Handed back to the AI*\n${formatShare(handoffs.handedBackShare)} (${handoffs.handedBack})`),
        mrkdwn(`*Delivery failures*\n${deliveryFailures.total} (${formatShare(deliveryFailures.share)})`),
      ],
    },
  ];
  if (triggers.length > 0) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(escapeTruncate(`Handoffs by trigger: ${triggers.join(' · ')}`, 2000))],
    });
  }
  const tagLines = tags.trends
    .slice(0, TOP_TAGS)
    .map(
      (trend) =>
        `• ${escapeTruncate(trend.tag, 80)}: *${trend.count}* (${formatChange(trend.change, trend.changeShare)})`,
    );
  blocks.push({
    type: 'section',
    text: mrkdwn(`*Top tags* (vs the week before)\n${tagLines.length > 0 ? tagLines.join('\n') : 'No tag applied.'}`),
  });
  if (busiestHours.top.length > 0) {
    const slots = busiestHours.top
      .slice(0, 3)
      .map((slot) => `${formatHourSlot(slot.weekday, slot.hour)} (${slot.count})`);
    blocks.push({
      type: 'section',
      text: mrkdwn(`*Busiest hours* (${escapeTruncate(period.timeZone, 60)})\n${slots.join(' · ')}`),
    });
  }
  blocks.push({ type: 'section', text: mrkdwn(gapsText(report, TOP_GAPS)) });
  return {
    text: `Weekly insights ${periodText}: ${activity.conversations} conversations, ${formatShare(handoffs.share)} handed off, median time to a specialist ${formatSeconds(th.p50)}.`,
    blocks,
  };
}

/** The top knowledge gaps as mrkdwn: label, count, one example each. */
export function gapsText(report: Pick<InsightsReport, 'knowledgeGaps'>, limit: number): string {
  const { gaps } = report.knowledgeGaps;
  if (gaps.length === 0) return '*Knowledge gaps*\nNo question the AI was unsure about or handed off.';
  const lines = gaps.slice(0, limit).map((gap, index) => {
    const example = gap.examples[0] ? ` — _“${escapeTruncate(gap.examples[0], 150)}”_` : '';
    return `${index + 1}. *${escapeTruncate(gap.label, 100)}* (${gap.count})${example}`;
  });
  return truncateMrkdwn(
    `*Knowledge gaps* (questions the AI was unsure about or handed off)\n${lines.join('\n')}`,
    slackLimits.sectionText,
  );
}
