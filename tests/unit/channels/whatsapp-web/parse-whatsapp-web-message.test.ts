import { WhatsappWebAdapter } from '../../../../src/channels/whatsapp-web/whatsapp-web.adapter';
import { BatonError } from '../../../../src/core/errors';
import { createFakeWhatsappMessage } from '../../../support/fake-whatsapp-web-client';

const adapter = new WhatsappWebAdapter({ getClient: () => undefined });

describe('whatsapp-web.js message parsing', () => {
  it('maps a library message to an InboundMessage', () => {
    const message = createFakeWhatsappMessage({
      from: '15551234567@c.us',
      body: 'Is breakfast included?',
      id: '3EB0C767D26A1D8A',
      notifyName: ' Ana ',
      timestamp: 1_767_225_600,
    });
    expect(adapter.parseInbound(message)).toEqual({
      channel: 'whatsapp_web',
      from: '+15551234567',
      displayName: 'Ana',
      providerMessageId: 'false_15551234567@c.us_3EB0C767D26A1D8A',
      text: 'Is breakfast included?',
      media: [],
      receivedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('leaves displayName out when WhatsApp gives no name', () => {
    const parsed = adapter.parseInbound(createFakeWhatsappMessage({ from: '15551234567@c.us', body: 'x' }));
    expect(parsed).not.toHaveProperty('displayName');
  });

  it('gives a media message its caption as text and an empty media list (the runner fills it)', () => {
    const parsed = adapter.parseInbound(
      createFakeWhatsappMessage({ from: '15551234567@c.us', media: { mimetype: 'image/jpeg', data: 'AAAA' } }),
    );
    expect(parsed).toMatchObject({ text: '', media: [] });
  });

  it('writes a location as coordinates, not the thumbnail the body holds', () => {
    const message = {
      ...createFakeWhatsappMessage({
        from: '15551234567@c.us',
        type: 'location',
        location: { latitude: 41.3851, longitude: 2.1734, name: 'Hotel Arts' },
      }),
      body: '/9j/4AAQSkZJRgABAQAAAQABAAD',
    };
    expect(adapter.parseInbound(message).text).toBe('Location: 41.3851,2.1734 (Hotel Arts)');
  });

  it('keeps a privacy-id sender as a lid: address', () => {
    const parsed = adapter.parseInbound(createFakeWhatsappMessage({ from: '98765432109876@lid', body: 'x' }));
    expect(parsed.from).toBe('lid:98765432109876');
  });

  it('reads a plain object with the same fields (what a job or a test replays)', () => {
    const parsed = adapter.parseInbound({
      id: { _serialized: 'abc' },
      from: '447700900123@c.us',
      body: 'x',
      type: 'chat',
    });
    expect(parsed).toMatchObject({ from: '+447700900123', providerMessageId: 'abc', text: 'x' });
  });

  it.each([
    [null, 'message'],
    ['a string', 'message'],
    [{ from: '15551234567@c.us', body: 'x', type: 'chat' }, 'id'],
    [{ id: {}, from: '15551234567@c.us', body: 'x', type: 'chat' }, 'id._serialized'],
    [{ id: { _serialized: 'a' }, body: 'x', type: 'chat' }, 'from'],
    [{ id: { _serialized: 'a' }, from: '15551234567@c.us', body: 42, type: 'chat' }, 'body'],
    [{ id: { _serialized: 'a' }, from: '15551234567@c.us', body: 'x' }, 'type'],
    [{ id: { _serialized: 'a' }, from: '120363025246125486@g.us', body: 'x', type: 'chat' }, 'from'],
    [{ id: { _serialized: 'a' }, from: 'status@broadcast', body: 'x', type: 'chat' }, 'from'],
  ])('rejects %j with payload_invalid naming %s', (payload, field) => {
    const attempt = () => adapter.parseInbound(payload);
    expect(attempt).toThrow(BatonError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'payload_invalid' }));
    expect(attempt).toThrow(new RegExp(`${field.replace('.', '\\.')}:`));
  });
});
