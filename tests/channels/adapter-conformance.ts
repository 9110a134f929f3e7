import type { ChannelAdapter } from '../../src/channels/channel-adapter';
import { DeliveryError } from '../../src/channels/delivery-error';
import type { ConformanceHarness } from './conformance-harness';

/** The contract every ChannelAdapter keeps, run against each one with its own harness. */
export function describeChannelAdapterConformance(name: string, harness: ConformanceHarness): void {
  describe(`${name} keeps the ChannelAdapter contract`, () => {
    let adapter: ChannelAdapter;
    beforeAll(async () => {
      adapter = await harness.setup();
    });
    afterAll(() => harness.teardown());

    it('normalizes an inbound message: channel, sender, provider id, text, media list', () => {
      const from = harness.address('alice');
      const message = adapter.parseInbound(harness.inboundPayload({ from, text: 'Hello there', id: 'conf-1' }));
      expect(message.channel).toBe(adapter.channel);
      expect(message.from).toBe(from);
      expect(message.text).toBe('Hello there');
      expect(Array.isArray(message.media)).toBe(true);
      expect(Number.isNaN(Date.parse(message.receivedAt))).toBe(false);
    });

    it('gives the same provider id to a redelivered payload and different ids to different messages', () => {
      const from = harness.address('alice');
      const a = adapter.parseInbound(harness.inboundPayload({ from, text: 'x', id: 'conf-2' }));
      const again = adapter.parseInbound(harness.inboundPayload({ from, text: 'x', id: 'conf-2' }));
      const b = adapter.parseInbound(harness.inboundPayload({ from, text: 'x', id: 'conf-3' }));
      expect(again.providerMessageId).toBe(a.providerMessageId);
      expect(b.providerMessageId).not.toBe(a.providerMessageId);
    });

    it('rejects a payload that is not a message with payload_invalid', () => {
      expect(() => adapter.parseInbound({ nonsense: true })).toThrow(
        expect.objectContaining({ code: 'payload_invalid' }),
      );
    });

    it('delivers text to the traveler and returns the provider id', async () => {
      const to = harness.address('bob');
      const result = await adapter.send({
        messageId: '00000000-0000-4000-8000-000000000001',
        to,
        text: 'Your transfer is at 9:00',
        media: [],
      });
      expect(result.providerMessageId).toBeTruthy();
      expect(['queued', 'sent', 'delivered']).toContain(result.status);
      const sent = await harness.sentTo(to);
      expect(sent.map((m) => m.text)).toEqual(['Your transfer is at 9:00']);
      expect(sent[0]?.providerMessageId).toBe(result.providerMessageId);
    });

    it.each(['transient', 'permanent'] as const)('reports a %s provider failure as such', async (kind) => {
      const to = harness.address(`fail-${kind}`);
      harness.failNextSend(kind);
      const attempt = adapter.send({ messageId: '00000000-0000-4000-8000-000000000002', to, text: 'x', media: [] });
      await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
      await expect(attempt).rejects.toMatchObject({ permanent: kind === 'permanent' });
      expect(await harness.sentTo(to)).toEqual([]);
    });

    it('declares a text limit', () => {
      expect(adapter.maxTextLength).toBeGreaterThanOrEqual(160);
    });
  });
}
