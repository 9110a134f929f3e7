import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by where the code
 * lives (a Baton source file, a package in node_modules, node's internals, GC), as shares of
 * the time the process was not idle.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  busySeconds: number;
  idleSeconds: number;
  /** Self time by area, percent of busy time. */
  byArea: Array<{ area: string; percent: number }>;
  /** Hottest functions by self time, percent of busy time. */
  topFunctions: Array<{ function: string; where: string; percent: number }>;
}

function areaOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(program)') return 'V8/native (program)';
    return 'native';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return `npm:${pkg}`;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(?:dist|src)\/(.+?)\.(?:js|ts)$/.exec(url)?.[1];
  if (own) return `baton:${own.split('/').slice(0, -1).join('/') || own}`;
  return url;
}

function shortUrl(url: string, line: number): string {
  const trimmed = url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules\/|dist\/|src\/)/, '$1');
  return trimmed ? `${trimmed}:${line + 1}` : '';
}

export function summarizeCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, { function: string; where: string; micros: number }>();
  let idle = 0;
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const area = areaOf(frame.url, frame.functionName);
    if (area === '(idle)') {
      idle += micros;
      continue;
    }
    busy += micros;
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const where = shortUrl(frame.url, frame.lineNumber);
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { function: frame.functionName || '(anonymous)', where, micros: 0 };
    entry.micros += micros;
    functions.set(key, entry);
  }
  const percent = (micros: number) => (busy > 0 ? Math.round((micros / busy) * 1000) / 10 : 0);
  return {
    file,
    busySeconds: Math.round(busy / 1e4) / 100,
    idleSeconds: Math.round(idle / 1e4) / 100,
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, micros]) => ({ area, percent: percent(micros) })),
    topFunctions: [...functions.values()]
      .sort((a, b) => b.micros - a.micros)
      .slice(0, top)
      .map((entry) => ({ function: entry.function, where: entry.where, percent: percent(entry.micros) })),
  };
}
