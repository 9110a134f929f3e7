/**
 * Traveler addresses on the whatsapp_web channel, and the library's chat ids:
 *
 *   "+15551234567"  ↔  "15551234567@c.us"   (a phone number, E.164)
 *   "lid:123456789" ↔  "123456789@lid"      (a privacy id WhatsApp uses when it
 *                                            hides the number; kept only when
 *                                            it cannot be resolved to a phone)
 *
 * Anything else (groups, broadcasts, channels) is not a traveler.
 */
const PHONE_CHAT_ID = /^([1-9]\d{6,14})@c\.us$/;
const LID_CHAT_ID = /^(\d{1,30})@lid$/;
const PHONE_ADDRESS = /^\+([1-9]\d{6,14})$/;
const LID_ADDRESS = /^lid:(\d{1,30})$/;

export function chatIdToAddress(chatId: string): string | null {
  const phone = PHONE_CHAT_ID.exec(chatId);
  if (phone) return `+${phone[1]}`;
  const lid = LID_CHAT_ID.exec(chatId);
  if (lid) return `lid:${lid[1]}`;
  return null;
}

export function addressToChatId(address: string): string | null {
  const phone = PHONE_ADDRESS.exec(address);
  if (phone) return `${phone[1]}@c.us`;
  const lid = LID_ADDRESS.exec(address);
  if (lid) return `${lid[1]}@lid`;
  return null;
}

export function isPhoneChatId(chatId: string): boolean {
  return PHONE_CHAT_ID.test(chatId);
}
