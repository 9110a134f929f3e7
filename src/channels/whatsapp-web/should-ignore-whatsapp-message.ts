/**
 * Which library messages are not a traveler talking to Baton. The `message`
 * event also fires for group chats, status updates and system notices
 * (encryption changes, call logs, revoked messages), and a linked device can
 * see the phone's own messages; none of those may open a conversation.
 */
export type WhatsappIgnoreReason = 'not_a_message' | 'own' | 'status' | 'group' | 'broadcast' | 'channel' | 'system';

/** Message types a traveler sends. Everything else (e2e_notification, call_log, revoked, ciphertext…) is system noise. */
export const TRAVELER_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'chat',
  'image',
  'video',
  'audio',
  'ptt',
  'document',
  'sticker',
  'location',
  'vcard',
  'multi_vcard',
]);

interface IgnorableShape {
  from?: unknown;
  fromMe?: unknown;
  isStatus?: unknown;
  type?: unknown;
  id?: { fromMe?: unknown; remote?: unknown } | null;
}

export function whatsappIgnoreReason(message: unknown): WhatsappIgnoreReason | null {
  if (typeof message !== 'object' || message === null) return 'not_a_message';
  const m = message as IgnorableShape;
  if (m.fromMe === true || m.id?.fromMe === true) return 'own';
  const from = typeof m.from === 'string' ? m.from : '';
  if (m.isStatus === true || from === 'status@broadcast' || m.id?.remote === 'status@broadcast') return 'status';
  if (from.endsWith('@g.us')) return 'group';
  if (from.endsWith('@broadcast')) return 'broadcast';
  if (from.endsWith('@newsletter')) return 'channel';
  if (typeof m.type !== 'string' || !TRAVELER_MESSAGE_TYPES.has(m.type)) return 'system';
  return null;
}

export function shouldIgnoreWhatsappMessage(message: unknown): boolean {
  return whatsappIgnoreReason(message) !== null;
}
