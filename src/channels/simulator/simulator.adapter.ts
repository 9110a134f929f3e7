import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { BatonError } from '../../core/errors';
import type { ChannelAdapter, InboundMessage, OutboundMessage, SendResult } from '../channel-adapter';

/**
 * A channel that needs no accounts: travelers are simulated over HTTP, and what
 * Baton sends them lands in a per-address "phone" kept in Redis, so web and
 * worker processes see the same phone. Used by dev, tests and the playground.
 */
export const ZSimulatorInboundSchema = z.object({
  from: z.string().trim().min(1).max(64),
  text: z.string().max(10_000),
  name: z.string().trim().min(1).max(100).optional(),
  /** Optional client id: sending the same id twice delivers the message once. */
  id: z.string().trim().min(1).max(100).optional(),
  media: z
    .array(z.object({ url: z.url(), contentType: z.string().min(1) }))
    .max(10)
    .default([]),
});
export type TSimulatorInbound = z.infer<typeof ZSimulatorInboundSchema>;

export interface SimulatorPhoneMessage {
  id: string;
  messageId: string;
  text: string;
  media: OutboundMessage['media'];
  sentAt: string;
}

const PHONE_CAPACITY = 500;
/** A simulated phone forgets what it received after a week of silence. */
const PHONE_TTL_SECONDS = 7 * 24 * 3600;

export class SimulatorAdapter implements ChannelAdapter {
  readonly channel = 'simulator' as const;
  readonly maxTextLength = 4096;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  parseInbound(payload: unknown): InboundMessage {
    const parsed = ZSimulatorInboundSchema.safeParse(payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw new BatonError('payload_invalid', `invalid simulator message: ${problems}`);
    }
    const body = parsed.data;
    return {
      channel: this.channel,
      from: body.from,
      displayName: body.name,
      providerMessageId: body.id ?? `sim-in-${randomUUID()}`,
      text: body.text,
      media: body.media,
      receivedAt: new Date().toISOString(),
    };
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const delivered: SimulatorPhoneMessage = {
      id: `sim-out-${randomUUID()}`,
      messageId: message.messageId,
      text: message.text,
      media: message.media,
      sentAt: new Date().toISOString(),
    };
    const key = this.phoneKey(message.to);
    await this.redis
      .multi()
      .rpush(key, JSON.stringify(delivered))
      .ltrim(key, -PHONE_CAPACITY, -1)
      .expire(key, PHONE_TTL_SECONDS)
      .exec();
    return { providerMessageId: delivered.id, status: 'delivered' };
  }

  /** What the simulated traveler's phone has received, oldest first. */
  async readPhone(address: string): Promise<SimulatorPhoneMessage[]> {
    const items = await this.redis.lrange(this.phoneKey(address), 0, -1);
    return items.map((item) => JSON.parse(item) as SimulatorPhoneMessage);
  }

  private phoneKey(address: string): string {
    return `${this.keyPrefix}:simulator:phone:${address}`;
  }
}
