import fc from 'fast-check';
import { addressToChatId, chatIdToAddress } from '../../../../src/channels/whatsapp-web/whatsapp-address';

describe('WhatsApp chat id ↔ traveler address', () => {
  it.each([
    ['15551234567@c.us', '+15551234567'],
    ['447700900123@c.us', '+447700900123'],
    ['5511987654321@c.us', '+5511987654321'],
    ['123456789012345@lid', 'lid:123456789012345'],
  ])('%s ↔ %s', (chatId, address) => {
    expect(chatIdToAddress(chatId)).toBe(address);
    expect(addressToChatId(address)).toBe(chatId);
  });

  it.each([
    '120363025246125486@g.us',
    'status@broadcast',
    '1234567890@broadcast',
    '120363164400000000@newsletter',
    '15551234567@s.whatsapp.net',
    '015551234567@c.us',
    '123@c.us',
    '1234567890123456@c.us',
    '+15551234567@c.us',
    '',
  ])('%j is not a traveler chat', (chatId) => {
    expect(chatIdToAddress(chatId)).toBeNull();
  });

  it.each(['15551234567', 'whatsapp:+15551234567', '+1 555 123 4567', '+0155512345', '+123', 'lid:', 'alice'])(
    '%j is not an address this channel can send to',
    (address) => {
      expect(addressToChatId(address)).toBeNull();
    },
  );

  it('round-trips every E.164 number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{6,14}$/), (address) => {
        const chatId = addressToChatId(address);
        expect(chatId).toBe(`${address.slice(1)}@c.us`);
        expect(chatIdToAddress(chatId as string)).toBe(address);
      }),
    );
  });
});
