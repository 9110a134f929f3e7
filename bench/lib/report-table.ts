import type { Summary } from './stats';
import type { Target } from './targets';

/** The JSON report as a person reads it (stderr): one line per figure, then the targets. */
export interface TableInput {
  mode: string;
  machine: { cpuModel: string; cores: number; memoryMB: number; node: string; loadAverageAtStart: number };
  durationSeconds: number;
  baseline?: { twoHopOneProcess: { jobsPerSecond: number }; twoHopTwoProcesses: { jobsPerSecond: number } };
  endToEnd?: {
    unloaded: Phaseish;
    saturation: Phaseish & { cpuMsPerMessage: Record<string, number> };
    halfRate: Phaseish;
    saturationTwoWorkers: Phaseish;
    scaling: { factor: number | null };
    ackWithWorkers: Phaseish;
    ackWebOnly: Phaseish;
  };
  handoff?: {
    open: { conversations: number; secondsUntilAllCardsPosted: number };
    relay: { relayMs: Summary | null; eventAckMs: Summary | null; lost: number };
    burst: {
      messagesSent: number;
      messagesPosted: number;
      posts: number;
      maxPostsInAnySecond: number;
      minGapMs: number | null;
      secondsUntilAllPosted: number | null;
    };
  };
  retrieval?: Record<string, { chunks: number; buildMs: number; searchMs: Summary | null }>;
  postgresCallCost?: {
    read: Record<string, { wallMs: number; cpuMs: number }>;
    write: Record<string, { wallMs: number; cpuMs: number }>;
  };
  interference?: { otherCpuSeconds: number; percentOfMachineDuringLoadPhases: number };
  processes: Record<string, { peakRssMB: number; cpuSeconds: number }>;
  targets: Target[];
}

interface Phaseish {
  repliesPerSecond: number | null;
  sentPerSecond: number;
  ackedPerSecond: number;
  travelers: number;
  ackMs: Summary | null;
  e2eMs: Summary | null;
  cpu: { machineBusyPercent: number };
}

const ms = (summary: Summary | null | undefined) =>
  summary ? `p50 ${summary.p50} / p95 ${summary.p95} / p99 ${summary.p99} ms (n=${summary.count})` : '-';

function phaseLine(label: string, phase: Phaseish): string[] {
  return [
    `  ${label}: ${phase.repliesPerSecond ?? '-'} replies/s (sent ${phase.sentPerSecond}/s, acknowledged ${phase.ackedPerSecond}/s, ${phase.travelers} travelers, machine ${phase.cpu.machineBusyPercent}% busy)`,
    `      ack ${ms(phase.ackMs)}`,
    ...(phase.e2eMs ? [`      e2e ${ms(phase.e2eMs)}`] : []),
  ];
}

export function renderTable(report: TableInput): string {
  const m = report.machine;
  const lines = [
    '',
    `Baton bench (${report.mode}, ${report.durationSeconds} s) — ${m.cpuModel}, ${m.cores} cores, ${Math.round(m.memoryMB / 1024)} GB, node ${m.node}, load ${m.loadAverageAtStart} at start`,
  ];
  if (report.baseline) {
    lines.push(
      `Raw BullMQ two-hop: ${report.baseline.twoHopOneProcess.jobsPerSecond} jobs/s (1 process), ${report.baseline.twoHopTwoProcesses.jobsPerSecond} jobs/s (2 processes)`,
    );
  }
  if (report.postgresCallCost) {
    for (const kind of ['read', 'write'] as const) {
      const costs = report.postgresCallCost[kind];
      lines.push(
        `Cost of one PostgreSQL ${kind} to the caller (CPU ms / wall ms): ${Object.entries(costs)
          .map(([way, cost]) => `${way} ${cost.cpuMs} / ${cost.wallMs}`)
          .join(', ')}`,
      );
    }
  }
  const e2e = report.endToEnd;
  if (report.interference) {
    lines.push(
      `Other work on the machine during the load phases: ${report.interference.percentOfMachineDuringLoadPhases}% of its CPU (${report.interference.otherCpuSeconds} s)`,
    );
  }
  if (e2e) {
    lines.push('End to end (signed Twilio webhooks → reply at the fake Twilio):');
    lines.push(...phaseLine('one traveler at a time', e2e.unloaded));
    lines.push(...phaseLine('saturation, 1 worker, closed loop', e2e.saturation));
    lines.push(
      `      CPU ms per message: ${Object.entries(e2e.saturation.cpuMsPerMessage)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')}`,
    );
    lines.push(...phaseLine('half rate, open loop', e2e.halfRate));
    lines.push(...phaseLine('saturation, 2 workers, closed loop', e2e.saturationTwoWorkers));
    lines.push(`  scaling 1 → 2 workers: ×${e2e.scaling.factor ?? '-'}`);
    lines.push(...phaseLine('acknowledgements, workers running', e2e.ackWithWorkers));
    lines.push(...phaseLine('acknowledgements, web alone', e2e.ackWebOnly));
  }
  const handoff = report.handoff;
  if (handoff) {
    lines.push(
      `Handoff: ${handoff.open.conversations} cards posted in ${handoff.open.secondsUntilAllCardsPosted} s`,
      `  relay ${ms(handoff.relay.relayMs)}, lost ${handoff.relay.lost}; Slack event ack ${ms(handoff.relay.eventAckMs)}`,
      `  burst: ${handoff.burst.messagesPosted}/${handoff.burst.messagesSent} messages in ${handoff.burst.posts} posts, ` +
        `max ${handoff.burst.maxPostsInAnySecond} post(s) in any second, min gap ${handoff.burst.minGapMs ?? '-'} ms, ` +
        `all posted after ${handoff.burst.secondsUntilAllPosted ?? 'never'} s`,
    );
  }
  if (report.retrieval) {
    for (const result of Object.values(report.retrieval)) {
      lines.push(`Retrieval, ${result.chunks} chunks (index built in ${result.buildMs} ms): ${ms(result.searchMs)}`);
    }
  }
  const processes = Object.entries(report.processes);
  if (processes.length > 0) {
    lines.push(
      `Processes: ${processes.map(([name, p]) => `${name} ${p.peakRssMB} MB peak, ${p.cpuSeconds} s CPU`).join('; ')}`,
    );
  }
  lines.push('Targets:');
  for (const target of report.targets) {
    const verdict = target.pass === null ? 'n/a ' : target.pass ? 'PASS' : 'FAIL';
    lines.push(`  ${verdict}  ${target.what}: ${target.measured ?? '-'} ${target.unit} (target ${target.target})`);
  }
  return `${lines.join('\n')}\n`;
}
