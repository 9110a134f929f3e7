import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient } from '../../../src/db/prisma-client';
import { runReportCommand } from '../../../src/insights/run-report-command';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';
import { seedInsightsWeek } from './seed-insights';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `baton report` end to end: the command function main.ts calls, against a seeded database. */
describe('baton report', () => {
  let database: TestDatabase;
  let dir: string;
  const config = { insights: { timeZone: 'Europe/Paris' }, businessHours: undefined };
  const run = async (options: Parameters<typeof runReportCommand>[1]) => {
    const out: string[] = [];
    const notes: string[] = [];
    const report = await runReportCommand({ env: { databaseUrl: database.url }, config }, options, {
      write: (text) => out.push(text),
      note: (text) => notes.push(text),
      // Wednesday 25th: the default period is the 7 complete days before, Wed 18th … Tue 24th.
      now: new Date('2026-11-25T12:00:00Z'),
    });
    return { report, out: out.join(''), notes: notes.join('') };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = createPrismaClient(database.url, { poolSize: 2 });
    await seedInsightsWeek(db);
    await db.$disconnect();
    dir = mkdtempSync(path.join(tmpdir(), 'baton-report-'));
  }, 60_000);

  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints readable tables for a local period', async () => {
    const { out } = await run({ from: '2026-11-16', to: '2026-11-23' });
    expect(out).toContain('Baton report · 2026-11-16 … 2026-11-22 (Europe/Paris)');
    expect(out).toContain('Compared with 2026-11-09 … 2026-11-15');
    expect(out).toMatch(/Conversations \(active\)\s+7\n/);
    expect(out).toMatch(/Conversations handed off\s+5\s+71% of active/);
    expect(out).toMatch(/\n {4}AI unsure\s+1\n/);
    expect(out).toMatch(/Time to first human reply\s+p50 30 min\s+p90 1 h 42 min · 3 answered, 1 without reply/);
    expect(out).toMatch(/urgent\s+2\s+1\s+\+1 \(\+100%\)/);
    expect(out).toMatch(/30003\s+Unreachable destination handset\s+3/);
    expect(out).toMatch(/Mon 09:00–10:00\s+2/);
    expect(out).toContain('1. dog, excursion, bring (2)');
    expect(out).toContain('“Are dogs allowed on the excursion?”');
  });

  it('defaults to the last 7 complete days and filters by channel', async () => {
    const { report } = await run({ channel: 'twilio_whatsapp' });
    expect(report.period.from).toEqual(new Date('2026-11-17T23:00:00Z'));
    expect(report.period.to).toEqual(new Date('2026-11-24T23:00:00Z'));
    expect(report.filters).toEqual({ channel: 'twilio_whatsapp' });
    // B's handoff opened on Tuesday 17th at 23:30 UTC — Wednesday 18th in Paris, so inside.
    expect(report.handoffs.byTrigger.keyword).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const { out } = await run({ from: '2026-11-16', to: '2026-11-23', tz: 'UTC', json: true });
    const parsed = JSON.parse(out) as { period: { from: string; timeZone: string }; activity: { inbound: number } };
    expect(parsed.period).toMatchObject({ from: '2026-11-16T00:00:00.000Z', timeZone: 'UTC' });
    expect(parsed.activity.inbound).toBe(6);
  });

  it('writes the charts to a PNG with --png, keeping stdout for the report', async () => {
    const file = path.join(dir, 'report.png');
    const { out, notes } = await run({ from: '2026-11-16', to: '2026-11-23', json: true, png: file });
    expect(() => JSON.parse(out)).not.toThrow();
    expect(notes).toBe(`Charts written to ${file}\n`);
    const png = readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(png.length).toBeGreaterThan(10_000);
  });

  it.each([
    [{ from: '2026-11-23', to: '2026-11-16' }, /--from must be before --to/],
    [{ from: 'last tuesday' }, /--from "last tuesday" is not a date/],
    [{ tz: 'Mars/Olympus' }, /--tz "Mars\/Olympus" is not an IANA time zone/],
    [{ channel: 'fax' }, /--channel "fax" is not a channel/],
  ])('refuses %j with the fix', async (options, message) => {
    await expect(run(options)).rejects.toThrow(message);
  });
});
