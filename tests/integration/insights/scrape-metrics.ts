/**
 * Reads a Prometheus text exposition (what `GET /metrics` answers) into samples, so tests can
 * ask for one series by its labels whatever order prom-client writes them in.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export class Scrape {
  constructor(readonly samples: readonly Sample[]) {}

  static parse(text: string): Scrape {
    const samples: Sample[] = [];
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[key as string] = (value as string).replace(/\\(.)/g, '$1');
      }
      samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
    }
    return new Scrape(samples);
  }

  static async from(url: string): Promise<Scrape> {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
    return Scrape.parse(await response.text());
  }

  /** The series of `name` with exactly these labels; 0 when there is none (a counter never incremented). */
  value(name: string, labels: Record<string, string> = {}): number {
    const wanted = Object.entries(labels);
    const found = this.samples.find(
      (sample) =>
        sample.name === name &&
        Object.keys(sample.labels).length === wanted.length &&
        wanted.every(([key, value]) => sample.labels[key] === value),
    );
    return found?.value ?? 0;
  }

  /** The sum of every series of `name` whose labels include these. */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.samples
      .filter(
        (sample) =>
          sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
      )
      .reduce((total, sample) => total + sample.value, 0);
  }

  /** Every series of `name`, as `{labels} value` lines (for readable failure messages). */
  series(name: string): string[] {
    return this.samples
      .filter((sample) => sample.name === name)
      .map((sample) => `${JSON.stringify(sample.labels)} ${sample.value}`);
  }
}
