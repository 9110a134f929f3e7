import type { Logger } from '../../core/logger';
import { localDate } from '../../core/zoned-time';
import type { Db } from '../../db/prisma-client';
import type { SlackApi } from '../../handoff/slack/slack-api';
import { buildInsightsReport } from '../build-insights-report';
import { renderReportPng } from '../render-report-charts';
import { lastCompleteDays } from '../report-query';
import { formatDigest } from './format-digest';

export interface DigestDeps {
  db: Db;
  slack: Pick<SlackApi, 'postMessage' | 'uploadFile'>;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The digest's channel (insights.digest.channel) and the zone its week is counted in. */
  settings: { channel: string; timeZone: string };
}

export interface PostedDigest {
  from: Date;
  to: Date;
  channel: string;
  ts: string;
  chartUploaded: boolean;
}

/** A digest message already in Slack, remembered by the caller across retries. */
export interface DigestMessage {
  channel: string;
  ts: string;
}

export interface DigestAttempt {
  /** The message an earlier attempt of this digest posted: not posted again. */
  posted?: DigestMessage;
  /** Keeps the message just posted (in the job) before anything else can fail. */
  remember?: (posted: DigestMessage) => Promise<void>;
}

/**
 * Posts the report of the 7 complete local days before `now` to the digest channel: the
 * figures as a message, then the charts as a PNG in the channel. The message is Baton's own
 * post (recorded, so its echo is ignored). A retry after the message went out (recording it
 * failed, say) does not post it again: `attempt` carries it. A failed chart upload is logged,
 * not retried: the message is already there.
 */
export async function postWeeklyDigest(
  deps: DigestDeps,
  now: Date,
  attempt: DigestAttempt = {},
): Promise<PostedDigest> {
  const { channel, timeZone } = deps.settings;
  const period = lastCompleteDays(now, timeZone, 7);
  const report = await buildInsightsReport(deps.db, { ...period, timeZone });
  let posted = attempt.posted;
  if (!posted) {
    const message = formatDigest(report);
    posted = await deps.slack.postMessage({ channel, text: message.text, blocks: message.blocks });
    await attempt.remember?.({ channel: posted.channel, ts: posted.ts });
  }
  await deps.db.slackPost.createMany({ data: [{ channelId: posted.channel, ts: posted.ts }], skipDuplicates: true });
  let chartUploaded = false;
  try {
    await deps.slack.uploadFile({
      channel: posted.channel,
      filename: `baton-insights-${localDate(period.from, timeZone)}.png`,
      title: 'Baton insights: tags, handoffs, time to a specialist',
      data: renderReportPng(report).data,
    });
    chartUploaded = true;
  } catch (error) {
    deps.logger.warn({ err: error, channel }, 'weekly digest posted without its chart: the upload failed');
  }
  deps.logger.info({ channel, from: period.from, to: period.to, chartUploaded }, 'weekly digest posted');
  return { ...period, channel: posted.channel, ts: posted.ts, chartUploaded };
}
