import { formatDigest } from '../../../src/insights/digest/format-digest';
import {
  formatChange,
  formatHourSlot,
  formatPeriod,
  formatSeconds,
  formatShare,
} from '../../../src/insights/format-figures';
import { formatReportText } from '../../../src/insights/format-report-text';
import { blockKitProblems } from '../handoff/blocks/block-kit-check';
import { sampleReport } from './sample-report';

describe('figures as text', () => {
  it.each([
    [null, '—'],
    [12.4, '12 s'],
    [59.6, '1 min'],
    [720, '12 min'],
    [3600, '1 h'],
    [11_100, '3 h 5 min'],
    [86_400, '1 d'],
    [187_200, '2 d 4 h'],
  ])('%s s reads %s', (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it.each([
    [null, '—'],
    [0, '0%'],
    [0.045, '4.5%'],
    [0.25, '25%'],
    [5 / 7, '71%'],
    [1, '100%'],
  ])('share %s reads %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([
    [0, 0, '0'],
    [2, 1, '+2 (+100%)'],
    [-1, -0.25, '-1 (-25%)'],
    [3, null, '+3 (new)'],
  ])('change %s (%s) reads %s', (change, share, text) => {
    expect(formatChange(change, share)).toBe(text);
  });

  it.each([
    ['2026-11-15T23:00:00Z', '2026-11-22T23:00:00Z', 'Europe/Paris', '2026-11-16 … 2026-11-22'],
    ['2026-11-16T00:00:00Z', '2026-11-17T00:00:00Z', 'UTC', '2026-11-16'],
    ['2026-11-16T08:00:00Z', '2026-11-16T20:30:00Z', 'UTC', '2026-11-16 08:00 … 2026-11-16 20:30 (end excluded)'],
  ])('period %s – %s in %s reads %s', (from, to, zone, text) => {
    expect(formatPeriod(new Date(from), new Date(to), zone)).toBe(text);
  });

  it('names hour slots', () => {
    expect(formatHourSlot(1, 9)).toBe('Mon 09:00–10:00');
    expect(formatHourSlot(7, 23)).toBe('Sun 23:00–00:00');
  });
});

describe('formatReportText', () => {
  it('prints every section as aligned tables', () => {
    const text = formatReportText(sampleReport());
    expect(text).toContain('Baton report · 2026-11-16 … 2026-11-22 (Europe/Paris)\n');
    expect(text).toContain('  Messages out             250   AI 180 · specialists 60 · system 10\n');
    expect(text).toContain('  AI unsure                 12   8.0% of AI replies\n');
    expect(text).toMatch(/\n {4}keyword\s+4\n/);
    expect(text).toMatch(/\n {4}specialist took over\s+3\n/);
    expect(text).toContain('  urgent             5        3   +2 (+67%)\n');
    expect(text).toContain('  lost luggage       2        0   +2 (new)\n');
    expect(text).toContain('Delivery failures: 3 (1.2% of messages sent)\n');
    expect(text).toContain('  Mon 09:00–10:00   14\n');
    expect(text).toContain('Knowledge gaps (5 questions the AI was unsure about or handed off, 1 without a topic)\n');
    expect(text).toContain('  1. dog, ferry (3)\n     “Can my dog take the ferry?”\n');
  });

  it('says "none" for an empty report', () => {
    const report = sampleReport({
      tags: { trends: [], series: { unit: 'day', buckets: [], series: [] } },
      knowledgeGaps: { gaps: [], questions: 0, withoutTopic: 0 },
    });
    const text = formatReportText(report);
    expect(text).toContain('Tags (conversations tagged)\n  none applied\n');
    expect(text).toContain('Knowledge gaps (0 questions the AI was unsure about or handed off)\n  none\n');
  });
});

describe('formatDigest', () => {
  it('is a valid Slack message with the headline figures, tags, hours and escaped gaps', () => {
    const message = formatDigest(sampleReport());
    expect(blockKitProblems(message.blocks, 50)).toEqual([]);
    expect(message.text).toBe(
      'Weekly insights 2026-11-16 … 2026-11-22: 36 conversations, 25% handed off, median time to a specialist 12 min.',
    );
    const blocks = JSON.stringify(message.blocks);
    expect(blocks).toContain('*Handed off*\\n25% (9)');
    expect(blocks).toContain('*Time to a specialist*\\np50 12 min · p90 1 h 30 min');
    expect(blocks).toContain('Handoffs by trigger: keyword 4 · AI unsure 3 · specialist took over 3');
    expect(blocks).toContain('• urgent: *5* (+2 (+67%))');
    expect(blocks).toContain('Mon 09:00–10:00 (14) · Fri 18:00–19:00 (9)');
    expect(blocks).toContain('1. *dog, ferry* (3) — _“Can my dog take the ferry?”_');
  });
});
