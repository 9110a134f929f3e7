import type { Redis } from 'ioredis';
import { SimulatorAdapter } from '../../../src/channels/simulator/simulator.adapter';
import { BatonError } from '../../../src/core/errors';

// Parsing needs no Redis; the connection is only used by send/readPhone.
const adapter = new SimulatorAdapter({} as Redis, 'unit');

describe('simulator inbound parsing', () => {
  it('normalizes a message, keeping a client id as the idempotency key', () => {
    const message = adapter.parseInbound({ from: ' alice ', text: 'Hi', name: 'Alice', id: 'abc' });
    expect(message).toMatchObject({
      channel: 'simulator',
      from: 'alice',
      displayName: 'Alice',
      providerMessageId: 'abc',
      text: 'Hi',
      media: [],
    });
    expect(Number.isNaN(Date.parse(message.receivedAt))).toBe(false);
  });

  it('gives each message without a client id its own id', () => {
    const a = adapter.parseInbound({ from: 'alice', text: 'x' });
    const b = adapter.parseInbound({ from: 'alice', text: 'x' });
    expect(a.providerMessageId).not.toBe(b.providerMessageId);
  });

  it.each([
    [{ text: 'no sender' }, 'from'],
    [{ from: 'alice' }, 'text'],
    [{ from: '', text: 'x' }, 'from'],
    [{ from: 'alice', text: 'x', media: [{ url: 'not a url', contentType: 'image/png' }] }, 'media.0.url'],
    ['a string', 'body'],
    [null, 'body'],
  ])('rejects %j naming %s', (payload, field) => {
    expect(() => adapter.parseInbound(payload)).toThrow(BatonError);
    expect(() => adapter.parseInbound(payload)).toThrow(new RegExp(field.replace('.', '\\.')));
  });
});
