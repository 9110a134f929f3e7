import { readdirSync, readFileSync } from 'node:fs';

/**
 * Reads /proc every `intervalMs`: RSS (VmRSS, and the kernel's own peak VmHWM) and CPU time
 * (utime + stime) of the named processes (Baton's web and workers, the bench itself), CPU time
 * of PostgreSQL and Redis (every process with that command name), and the machine's busy time,
 * so each phase can say where the cores went.
 */
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on (getconf CLK_TCK)
const GROUPS: Record<string, (comm: string) => boolean> = {
  postgres: (comm) => comm === 'postgres',
  redis: (comm) => comm.startsWith('redis-server'),
};

export interface ProcessUsage {
  pid: number;
  /** Highest RSS the kernel saw (VmHWM), in MB. */
  peakRssMB: number;
  /** Highest RSS among the samples, in MB. */
  maxSampledRssMB: number;
  cpuSeconds: number;
}

export interface CpuSnapshot {
  at: number;
  ticks: Record<string, number>;
  machine: { busy: number; total: number };
}

export interface PhaseCpu {
  seconds: number;
  /** CPU seconds per process or group during the phase. */
  cpuSeconds: Record<string, number>;
  /** Share of all cores busy during the phase (100 = every core all the time). */
  machineBusyPercent: number;
  /** Busy CPU seconds not accounted for by the processes above (other work on the machine). */
  otherCpuSeconds: number;
}

interface Tracked {
  pid: number;
  peakRssKB: number;
  maxRssKB: number;
  lastTicks: number;
}

function readStat(pid: number | string): { comm: string; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields start after the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text
      .slice(close + 2)
      .split(' ')
      .map(Number);
    // After the name: state(0) ppid(1) … utime(11) stime(12).
    return { comm, ticks: (fields[11] ?? 0) + (fields[12] ?? 0) };
  } catch {
    return null;
  }
}

function readRssKB(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

function readMachine(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** How busy the machine is (percent of all cores) over `ms`: other work skews every figure. */
export async function machineBusyPercent(ms: number): Promise<number> {
  const before = readMachine();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = readMachine();
  const total = after.total - before.total;
  return total > 0 ? Math.round(((after.busy - before.busy) / total) * 1000) / 10 : 0;
}

export class ProcSampler {
  private readonly tracked = new Map<string, Tracked>();
  /** Per group: CPU ticks accumulated since start, and the last ticks seen per pid. */
  private readonly groups = new Map<string, { ticks: number; pids: Map<number, number> }>();
  private timer: NodeJS.Timeout | null = null;
  private firstPass = true;

  constructor(private readonly intervalMs = 500) {
    for (const name of Object.keys(GROUPS)) this.groups.set(name, { ticks: 0, pids: new Map() });
  }

  track(name: string, pid: number): void {
    this.tracked.set(name, { pid, peakRssKB: 0, maxRssKB: 0, lastTicks: 0 });
    this.sampleTracked();
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** CPU totals now (read at once, not at the last tick), to diff phases. */
  snapshot(): CpuSnapshot {
    this.sample();
    const ticks: Record<string, number> = {};
    for (const [name, t] of this.tracked) ticks[name] = t.lastTicks;
    for (const [name, group] of this.groups) ticks[name] = group.ticks;
    return { at: Date.now(), ticks, machine: readMachine() };
  }

  static diff(before: CpuSnapshot, after: CpuSnapshot): PhaseCpu {
    const cpuSeconds: Record<string, number> = {};
    let accounted = 0;
    for (const [name, value] of Object.entries(after.ticks)) {
      const delta = (value - (before.ticks[name] ?? 0)) / TICKS_PER_SECOND;
      if (delta > 0) cpuSeconds[name] = Math.round(delta * 100) / 100;
      accounted += Math.max(0, delta);
    }
    const busy = (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND;
    const total = after.machine.total - before.machine.total;
    return {
      seconds: Math.round((after.at - before.at) / 10) / 100,
      cpuSeconds,
      machineBusyPercent: total > 0 ? Math.round(((after.machine.busy - before.machine.busy) / total) * 1000) / 10 : 0,
      otherCpuSeconds: Math.round(Math.max(0, busy - accounted) * 100) / 100,
    };
  }

  /** RSS of a tracked process now, in MB (null once it exited). */
  currentRssMB(name: string): number | null {
    const tracked = this.tracked.get(name);
    const rss = tracked ? readRssKB(tracked.pid) : null;
    return rss ? Math.round(rss.rss / 102.4) / 10 : null;
  }

  usage(): Record<string, ProcessUsage> {
    this.sampleTracked();
    const result: Record<string, ProcessUsage> = {};
    for (const [name, t] of this.tracked) {
      result[name] = {
        pid: t.pid,
        peakRssMB: Math.round(t.peakRssKB / 102.4) / 10,
        maxSampledRssMB: Math.round(t.maxRssKB / 102.4) / 10,
        cpuSeconds: Math.round((t.lastTicks / TICKS_PER_SECOND) * 100) / 100,
      };
    }
    return result;
  }

  /** CPU seconds of PostgreSQL and Redis (all their processes) since the sampler started. */
  groupCpuSeconds(): Record<string, number> {
    this.sampleGroups();
    const result: Record<string, number> = {};
    for (const [name, group] of this.groups) result[name] = Math.round((group.ticks / TICKS_PER_SECOND) * 100) / 100;
    return result;
  }

  private sample(): void {
    this.sampleTracked();
    this.sampleGroups();
  }

  private sampleTracked(): void {
    for (const t of this.tracked.values()) {
      const stat = readStat(t.pid);
      const rss = readRssKB(t.pid);
      if (!stat || !rss) continue; // exited: keep what was last seen
      t.lastTicks = stat.ticks;
      t.maxRssKB = Math.max(t.maxRssKB, rss.rss);
      t.peakRssKB = Math.max(t.peakRssKB, rss.hwm);
    }
  }

  private sampleGroups(): void {
    const seen = new Set<number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(entry);
      if (!stat) continue;
      for (const [name, matches] of Object.entries(GROUPS)) {
        if (!matches(stat.comm)) continue;
        const group = this.groups.get(name);
        if (!group) continue;
        const pid = Number(entry);
        seen.add(pid);
        const last = group.pids.get(pid);
        // A process first seen after the first pass was born during the run: all its CPU counts.
        const base = last ?? (this.firstPass ? stat.ticks : 0);
        group.ticks += Math.max(0, stat.ticks - base);
        group.pids.set(pid, stat.ticks);
      }
    }
    for (const group of this.groups.values()) {
      for (const pid of group.pids.keys()) if (!seen.has(pid)) group.pids.delete(pid);
    }
    this.firstPass = false;
  }
}
