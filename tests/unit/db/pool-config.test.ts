import { BatonError } from '../../../src/core/errors';
import { connectionTimeoutsFromUrl, defaultConnectionTimeouts } from '../../../src/db/connection-timeouts';
import { poolConfigFromUrl } from '../../../src/db/pg-adapter';

function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const base = 'postgresql://baton:s3cret@db.internal:6543/baton';

describe('poolConfigFromUrl', () => {
  it('limits every wait on PostgreSQL by default, so a partition cannot hang a request or a job', () => {
    expect(poolConfigFromUrl(base)).toMatchObject({
      host: 'db.internal',
      port: 6543,
      user: 'baton',
      password: 's3cret',
      database: 'baton',
      connectionTimeoutMillis: 5000,
      statement_timeout: 30_000,
      query_timeout: 35_000,
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
    });
  });

  it('lets PostgreSQL cancel a slow statement before the client gives up on the connection', () => {
    const { statementMs, queryMs } = defaultConnectionTimeouts;
    expect(statementMs).toBeGreaterThanOrEqual(15_000); // long worker statements (insights) are not cut short
    expect(queryMs).toBeGreaterThan(statementMs);
  });

  it('takes overrides from DATABASE_URL parameters (connect_timeout in seconds, as libpq)', () => {
    const config = poolConfigFromUrl(
      `${base}?connect_timeout=2&statement_timeout=120000&query_timeout=125000&idle_in_transaction_session_timeout=0&sslmode=disable`,
    );
    expect(config).toMatchObject({
      connectionTimeoutMillis: 2000,
      statement_timeout: 120_000,
      query_timeout: 125_000,
      idle_in_transaction_session_timeout: 0,
      ssl: false, // other parameters are still honoured
      database: 'baton',
    });
  });

  it.each([
    ['statement_timeout', '30s'],
    ['query_timeout', '-1'],
    ['connect_timeout', '2.5'],
    ['idle_in_transaction_session_timeout', '1h'],
  ])('refuses %s=%j, naming the parameter and the fix, without echoing the password', (name, value) => {
    const url = `${base}?${name}=${encodeURIComponent(value)}`;
    const error = thrownBy(() => poolConfigFromUrl(url));
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).code).toBe('env_invalid');
    expect((error as BatonError).message).toMatch(new RegExp(`^DATABASE_URL: ${name}="${value}" .* Fix: `));
    expect((error as BatonError).message).not.toContain('s3cret');
  });

  it('0 turns a limit off; an empty value keeps the default', () => {
    expect(connectionTimeoutsFromUrl(`${base}?connect_timeout=0&query_timeout=0&statement_timeout=`)).toEqual({
      ...defaultConnectionTimeouts,
      connectMs: 0,
      queryMs: 0,
    });
  });
});
