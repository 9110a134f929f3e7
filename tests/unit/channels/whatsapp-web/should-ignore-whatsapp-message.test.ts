import {
  shouldIgnoreWhatsappMessage,
  whatsappIgnoreReason,
} from '../../../../src/channels/whatsapp-web/whatsapp-web.adapter';
import { createFakeWhatsappMessage } from '../../../support/fake-whatsapp-web-client';

const traveler = '15551234567@c.us';

describe('which WhatsApp messages Baton ignores', () => {
  it.each([
    ['a text from a traveler', { from: traveler, body: 'hi' }],
    ['a photo', { from: traveler, media: { mimetype: 'image/jpeg', data: 'AAAA' } }],
    ['a voice note', { from: traveler, type: 'ptt', media: { mimetype: 'audio/ogg', data: 'AAAA' } }],
    ['a document', { from: traveler, type: 'document', media: { mimetype: 'application/pdf', data: 'AAAA' } }],
    ['a location', { from: traveler, type: 'location', location: { latitude: 1, longitude: 2 } }],
    ['a contact card', { from: traveler, type: 'vcard', body: 'BEGIN:VCARD' }],
    ['a sender behind a privacy id', { from: '123456789012345@lid', body: 'hi' }],
  ])('keeps %s', (_, input) => {
    expect(whatsappIgnoreReason(createFakeWhatsappMessage(input))).toBeNull();
    expect(shouldIgnoreWhatsappMessage(createFakeWhatsappMessage(input))).toBe(false);
  });

  it.each([
    ['a group message', { from: '120363025246125486@g.us', author: traveler, body: 'hi all' }, 'group'],
    ['a status update', { from: 'status@broadcast', body: 'my holiday' }, 'status'],
    ['a status flagged only by isStatus', { from: traveler, isStatus: true }, 'status'],
    ['our own message', { from: traveler, fromMe: true, body: 'sent from the phone' }, 'own'],
    ['a broadcast list', { from: '1234567890@broadcast', body: 'promo' }, 'broadcast'],
    ['a channel post', { from: '120363164400000000@newsletter', body: 'news' }, 'channel'],
    ['an encryption notice', { from: traveler, type: 'e2e_notification' }, 'system'],
    ['a security code change', { from: traveler, type: 'notification_template' }, 'system'],
    ['a call log', { from: traveler, type: 'call_log' }, 'system'],
    ['a deleted message', { from: traveler, type: 'revoked' }, 'system'],
    ['a message still encrypted', { from: traveler, type: 'ciphertext' }, 'system'],
    ['a group notice', { from: traveler, type: 'gp2' }, 'system'],
  ])('ignores %s', (_, input, reason) => {
    expect(whatsappIgnoreReason(createFakeWhatsappMessage(input))).toBe(reason);
    expect(shouldIgnoreWhatsappMessage(createFakeWhatsappMessage(input))).toBe(true);
  });

  it('treats an own message by its id too (the id carries fromMe)', () => {
    const message = { ...createFakeWhatsappMessage({ from: traveler }), fromMe: undefined, id: { fromMe: true } };
    expect(whatsappIgnoreReason(message)).toBe('own');
  });

  it.each([null, undefined, 'text', 42])('ignores %j, which is not a message', (value) => {
    expect(whatsappIgnoreReason(value)).toBe('not_a_message');
  });
});
