import type { InsightsReport } from './build-insights-report';
import {
  formatChange,
  formatHourSlot,
  formatPeriod,
  formatSeconds,
  formatShare,
  triggerLabels,
  weekdayNames,
} from './format-figures';
import { handoffTriggers } from './metrics/classify-handoff-trigger';

/** The report as plain-text tables for a terminal (`baton report`). Pure. */
export function formatReportText(report: InsightsReport): string {
  const { period, activity, handoffs, tags, deliveryFailures, busiestHours, knowledgeGaps } = report;
  const lines: string[] = [];
  const filters = Object.entries(report.filters).map(([key, value]) => `${key}: ${value}`);
  lines.push(
    `Baton report · ${formatPeriod(period.from, period.to, period.timeZone)} (${period.timeZone})` +
      (filters.length > 0 ? ` · ${filters.join(' · ')}` : ''),
    `Compared with ${formatPeriod(period.previousFrom, period.from, period.timeZone)}`,
    '',
  );

  lines.push('Activity');
  lines.push(
    ...table([
      ['Conversations (active)', String(activity.conversations)],
      ['New conversations', String(activity.newConversations)],
      ['Messages in', String(activity.inbound)],
      [
        'Messages out',
        String(activity.outbound),
        `AI ${activity.outboundByAuthor.ai} · specialists ${activity.outboundByAuthor.specialist} · system ${activity.outboundByAuthor.system}`,
      ],
      ['AI replies', String(activity.aiReplies)],
      ['AI unsure', String(activity.aiUnsure), `${formatShare(activity.aiUnsureShare)} of AI replies`],
    ]),
    '',
  );

  lines.push('Handoffs');
  const th = handoffs.timeToHuman;
  lines.push(
    ...table([
      ['Conversations handed off', String(handoffs.conversations), `${formatShare(handoffs.share)} of active`],
      ['Handoffs started', String(handoffs.episodes)],
      ...handoffTriggers
        .filter((trigger) => handoffs.byTrigger[trigger] > 0)
        .map((trigger) => [`  ${triggerLabels[trigger] ?? trigger}`, String(handoffs.byTrigger[trigger])]),
      [
        'Time to first human reply',
        `p50 ${formatSeconds(th.p50)}`,
        `p90 ${formatSeconds(th.p90)} · ${th.answered} answered, ${th.unanswered} without reply`,
      ],
      [
        'Time to resolution',
        `p50 ${formatSeconds(handoffs.resolution.p50)}`,
        `p90 ${formatSeconds(handoffs.resolution.p90)} · ${handoffs.resolution.resolved} resolved`,
      ],
      ['Handed back to the AI', String(handoffs.handedBack), formatShare(handoffs.handedBackShare)],
      ['Still open at the end', String(handoffs.stillOpen)],
    ]),
    '',
  );

  lines.push('Tags (conversations tagged)');
  if (tags.trends.length === 0) lines.push('  none applied');
  else {
    lines.push(
      ...table(
        [
          ['tag', 'count', 'before', 'change'],
          ...tags.trends.map((trend) => [
            trend.tag,
            String(trend.count),
            String(trend.previous),
            formatChange(trend.change, trend.changeShare),
          ]),
        ],
        [false, true, true, false],
      ),
    );
  }
  lines.push('');

  lines.push(`Delivery failures: ${deliveryFailures.total} (${formatShare(deliveryFailures.share)} of messages sent)`);
  lines.push(
    ...table(
      deliveryFailures.reasons.map((reason) => [reason.code ?? '(no code)', reason.message, String(reason.count)]),
      [false, false, true],
    ),
    '',
  );

  lines.push(`Busiest hours (traveler messages, ${period.timeZone})`);
  if (busiestHours.top.length === 0) lines.push('  no traveler messages');
  else {
    lines.push(...table(busiestHours.top.map((slot) => [formatHourSlot(slot.weekday, slot.hour), String(slot.count)])));
    lines.push(`  by weekday: ${busiestHours.byWeekday.map((count, i) => `${weekdayNames[i]} ${count}`).join(' · ')}`);
  }
  lines.push('');

  lines.push(
    `Knowledge gaps (${plural(knowledgeGaps.questions, 'question')} the AI was unsure about or handed off` +
      (knowledgeGaps.withoutTopic > 0 ? `, ${knowledgeGaps.withoutTopic} without a topic` : '') +
      ')',
  );
  if (knowledgeGaps.gaps.length === 0) lines.push('  none');
  knowledgeGaps.gaps.slice(0, 10).forEach((gap, index) => {
    lines.push(`  ${index + 1}. ${gap.label} (${gap.count})`);
    for (const example of gap.examples) lines.push(`     “${example}”`);
  });
  return `${lines.join('\n')}\n`;
}

/** Rows as aligned columns, indented by two; `right` marks right-aligned columns. */
function table(rows: string[][], right: boolean[] = [false, true]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows.map((row) =>
    `  ${row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
        if (i === row.length - 1 && !right[i]) return cell;
        return right[i] ? pad + cell : cell + pad;
      })
      .join('   ')}`.trimEnd(),
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
