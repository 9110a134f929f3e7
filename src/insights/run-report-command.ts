import { writeFileSync } from 'node:fs';
import type { ChannelKind } from '../channels/channel-adapter';
import type { TBatonConfig } from '../config/baton-config.schema';
import { ZTimeZoneSchema } from '../config/baton-config.schema';
import type { Env } from '../config/env';
import { BatonError } from '../core/errors';
import { startOfLocalDay, zonedInstant } from '../core/zoned-time';
import { createPrismaClient } from '../db/prisma-client';
import { channelKinds } from '../handoff/blocks/labels';
import { buildInsightsReport, type InsightsReport } from './build-insights-report';
import { formatReportText } from './format-report-text';
import { insightsTimeZone } from './insights-settings';
import { renderReportPng } from './render-report-charts';
import { lastCompleteDays, type ReportQuery } from './report-query';

/** `baton report`'s options, as commander gives them. */
export interface ReportCommandOptions {
  from?: string;
  to?: string;
  tag?: string;
  channel?: string;
  destination?: string;
  tz?: string;
  json?: boolean;
  png?: string;
}

export interface ReportCommandIo {
  /** The report (text or JSON). */
  write(text: string): void;
  /** Notes that must not mix with JSON on stdout. */
  note(text: string): void;
  now?: Date;
}

const DEFAULT_DAYS = 7;

/**
 * `baton report [--from --to --tag --channel --destination --tz] [--json] [--png <file>]`:
 * the insights for [from, to) — by default the last 7 complete days in the report's zone —
 * as terminal tables or JSON, and optionally the charts as a PNG.
 */
export async function runReportCommand(
  settings: { env: Pick<Env, 'databaseUrl'>; config: Pick<TBatonConfig, 'insights' | 'businessHours'> },
  options: ReportCommandOptions,
  io: ReportCommandIo = {
    write: (text) => process.stdout.write(text),
    note: (text) => process.stderr.write(text),
  },
): Promise<InsightsReport> {
  const query = readReportOptions(options, insightsTimeZone(settings.config), io.now ?? new Date());
  const db = createPrismaClient(settings.env.databaseUrl, { poolSize: 4 });
  try {
    const report = await buildInsightsReport(db, query);
    io.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportText(report));
    if (options.png) {
      writeFileSync(options.png, renderReportPng(report).data);
      io.note(`Charts written to ${options.png}\n`);
    }
    return report;
  } finally {
    await db.$disconnect();
  }
}

/** The options as a report query; throws a BatonError naming the option and the fix. Pure. */
export function readReportOptions(options: ReportCommandOptions, defaultTimeZone: string, now: Date): ReportQuery {
  const timeZone = options.tz ?? defaultTimeZone;
  if (!ZTimeZoneSchema.safeParse(timeZone).success) {
    throw invalid(`--tz ${JSON.stringify(timeZone)} is not an IANA time zone. Fix: use a name such as Europe/Paris.`);
  }
  const fallback = lastCompleteDays(now, timeZone, DEFAULT_DAYS);
  const to = options.to !== undefined ? readInstant('--to', options.to, timeZone) : fallback.to;
  const from =
    options.from !== undefined
      ? readInstant('--from', options.from, timeZone)
      : options.to !== undefined
        ? new Date(to.getTime() - DEFAULT_DAYS * 86_400_000)
        : fallback.from;
  if (from.getTime() >= to.getTime()) {
    throw invalid('--from must be before --to (the period is [from, to): "to" itself is not included).');
  }
  if (options.channel !== undefined && !channelKinds.includes(options.channel as ChannelKind)) {
    throw invalid(
      `--channel ${JSON.stringify(options.channel)} is not a channel. Fix: use one of ${channelKinds.join(', ')}.`,
    );
  }
  return {
    from,
    to,
    timeZone,
    ...(options.tag !== undefined && { tag: options.tag }),
    ...(options.channel !== undefined && { channel: options.channel as ChannelKind }),
    ...(options.destination !== undefined && { destination: options.destination }),
  };
}

/**
 * "2026-11-16" (local midnight), "2026-11-16T09:30" (local time), or an instant with its
 * offset ("2026-11-16T08:30:00Z").
 */
export function readInstant(option: string, value: string, timeZone: string): Date {
  const text = value.trim();
  const date = /^(\d{4}-\d{2}-\d{2})$/.exec(text);
  const local = /^(\d{4}-\d{2}-\d{2})[T ]((?:[01]\d|2[0-3]):[0-5]\d)$/.exec(text);
  const valid = (day: string) =>
    !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
  if (date?.[1] && valid(date[1])) return startOfLocalDay(date[1], timeZone);
  if (local?.[1] && local[2] && valid(local[1])) return zonedInstant(local[1], local[2], timeZone);
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  throw invalid(
    `${option} ${JSON.stringify(value)} is not a date. Fix: write YYYY-MM-DD (local midnight), YYYY-MM-DDTHH:MM (local time) or an ISO instant with its offset.`,
  );
}

function invalid(message: string): BatonError {
  return new BatonError('payload_invalid', message);
}
