import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Prisma } from '@prisma/client';
import express from 'express';
import pg from 'pg';
import pino from 'pino';
import { BatonError } from '../../../src/core/errors';
import { DatabaseConnectionError, databaseUnavailableReason } from '../../../src/db/database-unavailable';
import { answerWithin } from '../../../src/http/answer-within';
import { handleErrors } from '../../../src/http/handle-errors';
import type { Runtime } from '../../../src/runtime/create-runtime';

/** Errors shaped exactly as Prisma 6 with @prisma/adapter-pg and pg 8 produce them (captured from real failures). */
function prismaError(code: string, adapterCause: Record<string, unknown>): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError('Invalid `prisma.$queryRaw()` invocation: …', {
    code,
    clientVersion: Prisma.prismaVersion.client,
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause: adapterCause } },
  });
}

function adapterError(cause: Record<string, unknown>): Error {
  const error = new Error('DriverAdapterError', { cause });
  error.name = 'DriverAdapterError';
  return error;
}

function pgDatabaseError(code: string, message: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = 'FATAL';
  return error;
}

const postgresError = (code: string) => ({
  kind: 'postgres',
  code,
  originalCode: code,
  severity: 'FATAL',
  message: 'x',
});

describe('databaseUnavailableReason', () => {
  it.each<[string, unknown, string]>([
    [
      'server refused (model query)',
      prismaError('P1001', { kind: 'DatabaseNotReachable', host: 'db', port: 5432 }),
      'P1001',
    ],
    ['server refused (raw query)', prismaError('P2010', { kind: 'DatabaseNotReachable' }), 'DatabaseNotReachable'],
    ['connection reset', prismaError('P2010', { kind: 'ConnectionClosed' }), 'ConnectionClosed'],
    ['socket timeout', prismaError('P1008', { kind: 'SocketTimeout' }), 'P1008'],
    ['server restarting (57P01)', prismaError('P2010', postgresError('57P01')), 'SQLSTATE 57P01'],
    ['server starting up (57P03)', prismaError('P2010', postgresError('57P03')), 'SQLSTATE 57P03'],
    ['connection failure (08006)', prismaError('P2010', postgresError('08006')), 'SQLSTATE 08006'],
    ['statement_timeout (57014)', prismaError('P2010', postgresError('57014')), 'SQLSTATE 57014'],
    ['too many connections', prismaError('P2010', { kind: 'TooManyConnections', cause: 'x' }), 'TooManyConnections'],
    ['pool wait timed out', prismaError('P2024', {}), 'P2024'],
    ['bare adapter error', adapterError({ kind: 'ConnectionClosed' }), 'ConnectionClosed'],
    ['pg: connection dropped', new Error('Connection terminated unexpectedly'), 'Connection terminated unexpectedly'],
    ['pg: query_timeout', new Error('Query read timeout'), 'Query read timeout'],
    [
      'pg: pool wait timed out',
      new Error('timeout exceeded when trying to connect'),
      'timeout exceeded when trying to connect',
    ],
    [
      'pg: connect timeout, wrapping the socket error',
      new Error('Connection terminated due to connection timeout', {
        cause: new Error('Connection terminated unexpectedly'),
      }),
      'Connection terminated due to connection timeout',
    ],
    [
      'pg DatabaseError 57P01',
      pgDatabaseError('57P01', 'terminating connection due to administrator command'),
      'SQLSTATE 57P01',
    ],
    [
      'db.fast: connection refused',
      new DatabaseConnectionError('ECONNREFUSED', {
        cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
      }),
      'ECONNREFUSED',
    ],
    [
      'wrapped in a cause',
      new BatonError('conflict', 'outer', { cause: new Error('Query read timeout') }),
      'Query read timeout',
    ],
  ])('%s → %s', (_name, error, reason) => {
    expect(databaseUnavailableReason(error)).toBe(reason);
  });

  it.each<[string, unknown]>([
    ['a unique violation', prismaError('P2002', { kind: 'UniqueConstraintViolation', constraint: { fields: ['x'] } })],
    ['a missing database (an operator must act)', prismaError('P1003', { kind: 'DatabaseDoesNotExist', db: 'baton' })],
    ['bad credentials', prismaError('P1000', { kind: 'AuthenticationFailed', user: 'baton' })],
    ['a syntax error', prismaError('P2010', postgresError('42601'))],
    ['a pg syntax error', pgDatabaseError('42601', 'syntax error')],
    ['Redis away', Object.assign(new Error('Connection is closed.'), { code: 'ECONNREFUSED', errno: -111 })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a Baton error', new BatonError('not_found', 'no such conversation')],
    ['nothing', undefined],
    ['a string', 'Connection terminated unexpectedly'],
  ])('%s is not "database unavailable"', (_name, error) => {
    expect(databaseUnavailableReason(error)).toBeUndefined();
  });

  it('recognises what db.fast reports when nothing listens at the address, outside and inside a transaction', async () => {
    const { createPrismaClient } = await import('../../../src/db/prisma-client');
    const db = createPrismaClient('postgresql://postgres@127.0.0.1:1/baton?connect_timeout=2', { poolSize: 1 });
    try {
      const failure = (work: Promise<unknown>) =>
        work.then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(databaseUnavailableReason(await failure(db.fast.$queryRaw`SELECT 1`))).toBe('ECONNREFUSED');
      expect(databaseUnavailableReason(await failure(db.fast.$transaction((tx) => tx.$queryRaw`SELECT 1`)))).toBe(
        'ECONNREFUSED',
      );
    } finally {
      await db.$disconnect();
    }
  });

  it('recognises what a real Prisma client reports when nothing listens at the address', async () => {
    const { createPrismaClient } = await import('../../../src/db/prisma-client');
    const db = createPrismaClient('postgresql://postgres@127.0.0.1:1/baton?connect_timeout=2', { poolSize: 1 });
    try {
      const error = await db.$queryRaw`SELECT 1`.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(databaseUnavailableReason(error)).toBe('DatabaseNotReachable');
      const model = await db.conversation.findFirst().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(databaseUnavailableReason(model)).toBe('P1001');
    } finally {
      await db.$disconnect();
    }
  });
});

describe('HTTP answers when the database is unavailable', () => {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  let base = '';
  let close: () => Promise<void> = async () => {};
  let failWith: unknown;

  beforeAll(async () => {
    const app = express();
    app.use('/webhooks', answerWithin(150, logger));
    app.post('/webhooks/hang', async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      res.send('late'); // after the deadline answered: must not crash or answer twice
    });
    app.post('/work/:phone', async () => {
      throw failWith;
    });
    app.use(handleErrors({ logger } as unknown as Runtime));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());
  beforeEach(() => {
    lines.length = 0;
  });

  async function post(path: string) {
    const response = await fetch(`${base}${path}`, { method: 'POST' });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
  }

  it('answers 503 with Retry-After, and logs the reason without the request’s personal data', async () => {
    const phone = '+15557654321';
    failWith = new Error(`storing the message from ${phone} failed`, {
      cause: prismaError('P2010', { kind: 'ConnectionClosed' }),
    });
    expect(await post(`/work/${encodeURIComponent(phone)}`)).toEqual({
      status: 503,
      retryAfter: '5',
      body: { error: 'dependency_unavailable', message: 'database unavailable; retry later' },
    });
    const warning = lines.find((line) => String(line.msg).startsWith('database unavailable'));
    expect(warning).toMatchObject({ level: 40, reason: 'ConnectionClosed', method: 'POST', route: '/work/:phone' });
    expect(JSON.stringify(lines)).not.toContain('7654321');
  });

  it('keeps 500 for anything else, and 503 with Retry-After for Baton’s own dependency_unavailable', async () => {
    failWith = new TypeError('a bug');
    expect(await post('/work/x')).toMatchObject({ status: 500, retryAfter: null, body: { error: 'internal_error' } });
    failWith = new BatonError('dependency_unavailable', 'media host away');
    expect(await post('/work/x')).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: { error: 'dependency_unavailable' },
    });
  });

  it('answers a webhook that is not done in time with 503 and ignores the late answer', async () => {
    const started = Date.now();
    const answer = await post('/webhooks/hang');
    expect(Date.now() - started).toBeLessThan(400);
    expect(answer).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'dependency_unavailable' } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lines.find((line) => String(line.msg).startsWith('webhook not done in time'))).toMatchObject({
      path: '/webhooks/hang',
      deadlineMs: 150,
    });
    // The handler's late send fails (the answer went) and is only noted, not answered again.
    expect(lines.some((line) => line.msg === 'request failed after it was answered')).toBe(true);
  });
});
