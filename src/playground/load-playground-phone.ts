import type { SimulatorAdapter } from '../channels/simulator/simulator.adapter';
import type { Db } from '../db/prisma-client';
import type { PlaygroundPhone, PlaygroundPhoneMessage } from './playground-api';

/** The newest messages the traveler wrote that the phone shows. */
const SENT_SHOWN = 200;

/**
 * A simulated traveler's phone, both ways: what the traveler wrote (as Baton stored it)
 * and what Baton delivered to the phone (the simulator's inbox in Redis), oldest first.
 */
export async function loadPlaygroundPhone(
  deps: { db: Db; simulator: Pick<SimulatorAdapter, 'readPhone'> },
  address: string,
): Promise<PlaygroundPhone> {
  const [contact, received] = await Promise.all([
    deps.db.contact.findUnique({
      where: { channel_address: { channel: 'simulator', address } },
      select: {
        conversation: {
          select: {
            id: true,
            messages: {
              where: { direction: 'inbound' },
              orderBy: { seq: 'desc' },
              take: SENT_SHOWN,
              select: { id: true, text: true, createdAt: true, providerMessageId: true },
            },
          },
        },
      },
    }),
    deps.simulator.readPhone(address),
  ]);
  const conversation = contact?.conversation;
  const sent = (conversation?.messages ?? []).map(
    (message): PlaygroundPhoneMessage => ({
      id: message.id,
      from: 'traveler',
      text: message.text,
      at: message.createdAt.toISOString(),
      ...(message.providerMessageId && { clientId: message.providerMessageId }),
    }),
  );
  const delivered = received.map(
    (message): PlaygroundPhoneMessage => ({ id: message.id, from: 'baton', text: message.text, at: message.sentAt }),
  );
  const messages = [...sent, ...delivered].sort((a, b) => a.at.localeCompare(b.at));
  return { address, ...(conversation && { conversationId: conversation.id }), messages };
}
