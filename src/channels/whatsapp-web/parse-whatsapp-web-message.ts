import { z } from 'zod';
import { BatonError } from '../../core/errors';
import type { InboundMessage } from '../channel-adapter';
import { chatIdToAddress } from './whatsapp-address';

/**
 * The fields of a whatsapp-web.js `Message` that Baton reads. The library hands
 * us class instances; zod reads their own properties and ignores the rest.
 */
export const ZWhatsappWebMessageSchema = z.object({
  id: z.object({ _serialized: z.string().min(1) }),
  from: z.string().min(1),
  body: z.string().nullish(),
  type: z.string().min(1),
  /** Seconds since the epoch. */
  timestamp: z.number().nonnegative().nullish(),
  hasMedia: z.boolean().nullish(),
  location: z
    .object({
      latitude: z.coerce.number(),
      longitude: z.coerce.number(),
      name: z.string().nullish(),
      address: z.string().nullish(),
    })
    .nullish(),
  /** The raw model: `notifyName` is the name the traveler set in WhatsApp. */
  _data: z.object({ notifyName: z.string().nullish() }).nullish(),
});
export type TWhatsappWebMessage = z.infer<typeof ZWhatsappWebMessageSchema>;

/** Maps one library message to Baton's message. Media are downloaded and filled in by the runner. */
export function parseWhatsappWebMessage(payload: unknown): InboundMessage {
  const parsed = ZWhatsappWebMessageSchema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
    throw new BatonError('payload_invalid', `invalid whatsapp-web.js message: ${problems}`);
  }
  const message = parsed.data;
  const from = chatIdToAddress(message.from);
  if (!from) {
    throw new BatonError(
      'payload_invalid',
      'invalid whatsapp-web.js message: from: not a one-to-one chat id (expected <digits>@c.us or <digits>@lid)',
    );
  }
  const displayName = message._data?.notifyName?.trim();
  return {
    channel: 'whatsapp_web',
    from,
    ...(displayName && { displayName }),
    providerMessageId: message.id._serialized,
    text: textOf(message),
    media: [],
    receivedAt: new Date(message.timestamp ? message.timestamp * 1000 : Date.now()).toISOString(),
  };
}

function textOf(message: TWhatsappWebMessage): string {
  // A location message's body is a base64 JPEG thumbnail, not words.
  if (message.type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location;
    const label = [name, address].filter(Boolean).join(', ');
    return `Location: ${latitude},${longitude}${label ? ` (${label})` : ''}`;
  }
  return message.body ?? '';
}
