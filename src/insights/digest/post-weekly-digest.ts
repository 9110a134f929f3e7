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

/**
 * Posts the report of the 7 complete local days before `now` to the digest channel: the
 * figures as a message, then the charts as a PNG in the channel. The message is Baton's own
 * post (recorded, so its echo is ignored). A failed chart upload is logged, not retried: the
 * message is already there, and a retry would post it twice.
 */
export async function postWeeklyDigest(deps: DigestDeps, now: Date): Promise<PostedDigest> {
  const { channel, timeZone } = deps.settings;
  const period = lastCompleteDays(now, timeZone, 7);
  const report = await buildInsightsReport(deps.db, { ...period, timeZone });
  const message = formatDigest(report);
  const posted = await deps.slack.postMessage({ channel, text: message.text, blocks: message.blocks });
  await deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
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
