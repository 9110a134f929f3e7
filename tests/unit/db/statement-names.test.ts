import { StatementNames } from '../../../src/db/fast-sql';
import { behindTransactionPooler } from '../../../src/db/prisma-client';

describe('StatementNames: one prepared statement per distinct text', () => {
  it('names the same text the same way, and different texts differently', () => {
    const names = new StatementNames();
    const first = names.nameFor('SELECT 1');
    expect(first).toMatch(/^baton_\d+$/);
    expect(names.nameFor('SELECT 1')).toBe(first);
    expect(names.nameFor('SELECT 2')).not.toBe(first);
  });

  it('stops naming new texts at its cap, and keeps the names it gave', () => {
    const names = new StatementNames(2);
    const a = names.nameFor('a');
    const b = names.nameFor('b');
    expect(names.nameFor('c')).toBeUndefined();
    expect([names.nameFor('a'), names.nameFor('b')]).toEqual([a, b]);
  });
});

describe('behindTransactionPooler', () => {
  it.each([
    ['postgresql://u@h/db?pgbouncer=true', true],
    ['postgresql://u@h/db?pgbouncer=TRUE&connect_timeout=5', true],
    ['postgresql://u@h/db?pgbouncer=false', false],
    ['postgresql://u@h/db', false],
    ['/var/run/postgresql', false],
  ])('%s → %s', (url, expected) => {
    expect(behindTransactionPooler(url)).toBe(expected);
  });
});
