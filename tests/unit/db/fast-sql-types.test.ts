import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Prisma's `timestamp` columns hold UTC wall time, while pg reads and writes such values in the
 * process's local time. `fast-sql.ts` must not: checked in child processes run in zones far
 * from UTC (jest's own process.env is a copy, so TZ cannot be changed in-process).
 */
const modulePath = path.resolve(__dirname, '../../../src/db/fast-sql.ts');

function inZone(zone: string, body: string): unknown {
  const script = `const { toParameter, prismaLikeTypes } = require(${JSON.stringify(modulePath)});
    process.stdout.write(JSON.stringify((() => { ${body} })()));`;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TZ: zone },
  });
  return JSON.parse(out);
}

describe.each(['Asia/Kolkata', 'America/New_York', 'UTC'])('fast-sql types in %s', (zone) => {
  it('reads a timestamp without time zone as UTC', () => {
    const iso = inZone(
      zone,
      `return prismaLikeTypes.getTypeParser(1114, 'text')('2026-03-29 01:30:00.123').toISOString();`,
    );
    expect(iso).toBe('2026-03-29T01:30:00.123Z');
  });

  it('reads a date as UTC midnight, int8 as bigint', () => {
    const read = inZone(
      zone,
      `const t = prismaLikeTypes; return [t.getTypeParser(1082, 'text')('2026-11-25').toISOString(),
        typeof t.getTypeParser(20, 'text')('9007199254740993'), String(t.getTypeParser(20, 'text')('9007199254740993'))];`,
    );
    expect(read).toEqual(['2026-11-25T00:00:00.000Z', 'bigint', '9007199254740993']);
  });

  it('writes a Date as its UTC instant, bigint as digits, inside arrays too', () => {
    const written = inZone(
      zone,
      `return [toParameter(new Date('2026-07-01T12:00:00Z')), toParameter(12n), toParameter([new Date(0), 1n]), toParameter('x')];`,
    );
    expect(written).toEqual(['2026-07-01T12:00:00.000Z', '12', ['1970-01-01T00:00:00.000Z', '1'], 'x']);
  });
});
