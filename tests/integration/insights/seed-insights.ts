import type { Prisma } from '@prisma/client';
import type { ChannelKind } from '../../../src/channels/channel-adapter';
import type { Db } from '../../../src/db/prisma-client';

/**
 * A week of conversations with known figures, for the insights tests. The report week is
 * Monday 2026-11-16 … Sunday 2026-11-22 in Europe/Paris (UTC+1): [2026-11-15T23:00Z,
 * 2026-11-22T23:00Z). The week before holds the trend's baseline. Expected figures are
 * worked out beside each conversation.
 */
export const parisWeek = {
  from: new Date('2026-11-15T23:00:00Z'),
  to: new Date('2026-11-22T23:00:00Z'),
  timeZone: 'Europe/Paris',
};

const at = (iso: string) => new Date(iso);
const plus = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000);

type State = 'bot' | 'pending' | 'human' | 'resolved';

export class InsightsSeeder {
  constructor(private readonly db: Db) {}

  async conversation(input: {
    address: string;
    channel?: ChannelKind;
    collected?: Prisma.InputJsonValue;
    createdAt?: Date;
  }): Promise<string> {
    const channel = input.channel ?? 'twilio_sms';
    const row = await this.db.conversation.create({
      data: {
        channel,
        collected: input.collected ?? {},
        createdAt: input.createdAt ?? at('2026-11-01T00:00:00Z'),
        contact: { create: { channel, address: input.address } },
      },
    });
    return row.id;
  }

  async inbound(conversationId: string, createdAt: Date, text: string): Promise<string> {
    const channel = await this.channelOf(conversationId);
    const row = await this.db.message.create({
      data: { conversationId, direction: 'inbound', author: 'traveler', text, channel, status: 'received', createdAt },
    });
    return row.id;
  }

  async outbound(
    conversationId: string,
    createdAt: Date,
    input: {
      author: 'ai' | 'specialist' | 'system';
      status?: 'delivered' | 'failed' | 'undelivered' | 'suppressed';
      inReplyToId?: string;
      errorCode?: string;
      errorMessage?: string;
    },
  ): Promise<void> {
    const channel = await this.channelOf(conversationId);
    await this.db.message.create({
      data: {
        conversationId,
        direction: 'outbound',
        author: input.author,
        text: `${input.author} says hello`,
        channel,
        status: input.status ?? 'delivered',
        inReplyToId: input.inReplyToId ?? null,
        errorCode: input.errorCode ?? null,
        errorMessage: input.errorMessage ?? null,
        createdAt,
      },
    });
  }

  async event(
    conversationId: string,
    createdAt: Date,
    input: {
      type: string;
      from?: State;
      to?: State;
      actorKind?: 'traveler' | 'ai' | 'specialist' | 'system';
      actorId?: string;
      reason?: string;
      data?: Prisma.InputJsonValue;
    },
  ): Promise<void> {
    await this.db.conversationEvent.create({
      data: {
        conversationId,
        type: input.type,
        fromState: input.from ?? null,
        toState: input.to ?? null,
        actorKind: input.actorKind ?? 'system',
        actorId: input.actorId ?? null,
        reason: input.reason ?? null,
        data: input.data ?? {},
        createdAt,
      },
    });
  }

  /** A tag on the conversation now, applied at `appliedAt` (as ConversationTag keeps it). */
  async tag(conversationId: string, name: string, appliedAt: Date): Promise<void> {
    const tag = await this.db.tag.upsert({ where: { name }, create: { name }, update: {} });
    await this.db.conversationTag.create({
      data: { conversationId, tagId: tag.id, appliedByKind: 'system', appliedBy: 'rule-x', appliedAt },
    });
  }

  private async channelOf(conversationId: string): Promise<ChannelKind> {
    const row = await this.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    return row.channel as ChannelKind;
  }
}

/** The seeded week; returns the conversations' ids. */
export async function seedInsightsWeek(db: Db): Promise<Record<string, string>> {
  const seed = new InsightsSeeder(db);

  // A (SMS, destination France, tag urgent): AI unsure, then handed off by the AI; a specialist
  // replies after 10 min, resolves 1 h after the handoff opened. Mon 09:00 Paris.
  const a = await seed.conversation({
    address: '+15550000001',
    collected: { destination: { label: 'Destination', value: 'France', display: 'France', action: 'quote' } },
    createdAt: at('2026-11-16T08:00:00Z'),
  });
  const a1 = await seed.inbound(a, at('2026-11-16T08:00:00Z'), 'Can I bring my dog on the tour?');
  await seed.event(a, at('2026-11-16T08:00:05Z'), { type: 'ai_unsure', actorKind: 'ai', data: { messageId: a1 } });
  await seed.outbound(a, at('2026-11-16T08:00:06Z'), { author: 'ai', inReplyToId: a1 });
  await seed.inbound(a, at('2026-11-16T08:05:00Z'), 'Are dogs allowed on the excursion?');
  const aOpened = '2026-11-16T08:05:05Z';
  await seed.event(a, at(aOpened), {
    type: 'handoff_opened',
    from: 'bot',
    to: 'pending',
    actorKind: 'ai',
    reason: 'AI unsure 2 times',
  });
  await seed.outbound(a, plus(aOpened, 1), { author: 'system' }); // the handoff notice
  await seed.event(a, plus(aOpened, 600), { type: 'claimed', from: 'pending', to: 'human', actorKind: 'specialist' });
  await seed.outbound(a, plus(aOpened, 600), { author: 'specialist' });
  await seed.event(a, plus(aOpened, 3600), {
    type: 'resolved',
    from: 'human',
    to: 'resolved',
    actorKind: 'specialist',
  });
  await seed.tag(a, 'urgent', at('2026-11-16T08:00:01Z'));
  // After the period: not counted.
  await seed.inbound(a, at('2026-11-23T10:00:00Z'), 'One more thing about my dog');
  await seed.event(a, at('2026-11-23T10:00:05Z'), {
    type: 'handoff_opened',
    from: 'resolved',
    to: 'pending',
    reason: 'keyword "dog"',
  });

  // B (WhatsApp, tag refund): keyword handoff at 23:30 UTC on Tuesday, i.e. 00:30 on Wednesday
  // in Paris; the specialist's reply 30 min later fails; handed back to the AI after 1 h.
  const b = await seed.conversation({ address: 'whatsapp:+15550000002', channel: 'twilio_whatsapp' });
  await seed.inbound(b, at('2026-11-17T23:30:00Z'), 'I want a refund for my cancelled booking');
  const bOpened = '2026-11-17T23:30:05Z';
  await seed.event(b, at(bOpened), {
    type: 'handoff_opened',
    from: 'bot',
    to: 'pending',
    reason: 'keyword "refund"',
  });
  await seed.tag(b, 'refund', at(bOpened));
  await seed.outbound(b, plus(bOpened, 1800), {
    author: 'specialist',
    status: 'failed',
    errorCode: '63016',
    errorMessage: 'Outside the 24 hour window',
  });
  await seed.event(b, plus(bOpened, 3600), {
    type: 'handed_back',
    from: 'pending',
    to: 'bot',
    actorKind: 'specialist',
  });

  // C (simulator, tag France): asked for a person, nobody replied yet (still open). Two
  // undelivered messages with code 30003, one suppressed (not sent: not counted).
  const c = await seed.conversation({ address: 'sim-c', channel: 'simulator' });
  await seed.inbound(c, at('2026-11-19T10:00:00Z'), 'agent please');
  await seed.event(c, at('2026-11-19T10:00:05Z'), {
    type: 'handoff_opened',
    from: 'bot',
    to: 'pending',
    reason: 'traveler asked for a person',
  });
  await seed.outbound(c, at('2026-11-19T10:00:06Z'), {
    author: 'system',
    status: 'undelivered',
    errorCode: '30003',
    errorMessage: 'Unreachable destination handset',
  });
  await seed.outbound(c, at('2026-11-19T10:00:07Z'), {
    author: 'system',
    status: 'undelivered',
    errorCode: '30003',
    errorMessage: 'Unreachable destination handset',
  });
  await seed.outbound(c, at('2026-11-19T10:00:08Z'), {
    author: 'system',
    status: 'undelivered',
    errorCode: '30003',
    errorMessage: 'Unreachable',
  });
  await seed.outbound(c, at('2026-11-19T10:00:09Z'), { author: 'system', status: 'suppressed' });
  await seed.tag(c, 'France', at('2026-11-01T00:00:00Z'));

  // D (SMS): the week before, tagged urgent and refund; this week only a "vip" tag_added event
  // (the tag was removed since, so only its event remains).
  const d = await seed.conversation({ address: '+15550000004' });
  await seed.inbound(d, at('2026-11-10T09:00:00Z'), 'Hello from last week');
  await seed.tag(d, 'urgent', at('2026-11-10T09:00:01Z'));
  await seed.tag(d, 'refund', at('2026-11-10T09:00:02Z'));
  await seed.event(d, at('2026-11-20T09:00:00Z'), { type: 'tag_added', data: { tag: 'vip' } });

  // E (SMS, tag urgent): a specialist takes the conversation straight from the AI (Fri 13:00 Paris).
  const e = await seed.conversation({ address: '+15550000005' });
  await seed.inbound(e, at('2026-11-20T12:00:00Z'), 'Hello?');
  await seed.event(e, at('2026-11-20T12:00:10Z'), {
    type: 'claimed',
    from: 'bot',
    to: 'human',
    actorKind: 'specialist',
    actorId: 'U0SPEC',
  });
  await seed.outbound(e, at('2026-11-20T12:00:10Z'), { author: 'specialist' });
  await seed.tag(e, 'urgent', at('2026-11-20T12:00:01Z'));

  // F (SMS): a rule hands off; a specialist replies after 2 h and resolves after 3 h (Sat 11:00 Paris).
  const f = await seed.conversation({ address: '+15550000006' });
  await seed.inbound(f, at('2026-11-21T10:00:00Z'), 'What is the price of the Seoul food tour?');
  const fOpened = '2026-11-21T10:00:05Z';
  await seed.event(f, at(fOpened), {
    type: 'handoff_opened',
    from: 'bot',
    to: 'pending',
    actorId: 'vip-pricing',
    reason: 'Pricing questions go to sales',
  });
  await seed.outbound(f, plus(fOpened, 7200), { author: 'specialist' });
  await seed.event(f, plus(fOpened, 10800), {
    type: 'resolved',
    from: 'human',
    to: 'resolved',
    actorKind: 'specialist',
  });

  // G (SMS): one message at 23:30 UTC on Sunday 15th — already Monday 00:30 in Paris, so in
  // the Paris week but not in the UTC week starting Monday 00:00 UTC.
  const g = await seed.conversation({ address: '+15550000007' });
  await seed.inbound(g, at('2026-11-15T23:30:00Z'), 'Bonjour');

  return { a, b, c, d, e, f, g };
}
