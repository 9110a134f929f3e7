import {
  assertTwilioAccount,
  isFromTwilioAccount,
  parseTwilioInbound,
} from '../../../../src/channels/twilio/twilio-inbound';
import { BatonError } from '../../../../src/core/errors';
import { twilioInboundParams, twilioSid } from '../../../support/twilio-signing';

const accountSid = twilioSid('AC', 'acct');
const fixedNow = () => new Date('2026-11-25T10:00:00.000Z');
const sms = twilioInboundParams({
  accountSid,
  from: '+15551234567',
  to: '+15550009999',
  body: 'Is my transfer at 9?',
  messageSid: twilioSid('SM', 'sms'),
});
const whatsapp = twilioInboundParams({
  accountSid,
  from: 'whatsapp:+447700900123',
  to: 'whatsapp:+14155238886',
  body: 'Hola',
  profileName: 'Ana García',
  messageSid: twilioSid('SM', 'wa'),
});

function parseError(params: unknown): BatonError {
  try {
    parseTwilioInbound(params, fixedNow);
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseTwilioInbound', () => {
  it('normalizes an SMS', () => {
    expect(parseTwilioInbound(sms, fixedNow)).toEqual({
      channel: 'twilio_sms',
      from: '+15551234567',
      providerMessageId: twilioSid('SM', 'sms'),
      text: 'Is my transfer at 9?',
      media: [],
      receivedAt: '2026-11-25T10:00:00.000Z',
    });
  });

  it('normalizes a WhatsApp message, keeping the whatsapp: address and the profile name', () => {
    expect(parseTwilioInbound(whatsapp, fixedNow)).toEqual({
      channel: 'twilio_whatsapp',
      from: 'whatsapp:+447700900123',
      displayName: 'Ana García',
      providerMessageId: twilioSid('SM', 'wa'),
      text: 'Hola',
      media: [],
      receivedAt: '2026-11-25T10:00:00.000Z',
    });
  });

  it('lists the media of an MMS in order', () => {
    const mms = twilioInboundParams({
      accountSid,
      from: '+15551234567',
      to: '+15550009999',
      body: '',
      messageSid: twilioSid('MM', 'mms'),
      media: [
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
        {
          url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
          contentType: 'application/pdf',
        },
      ],
    });
    const message = parseTwilioInbound(mms, fixedNow);
    expect(message.text).toBe('');
    expect(message.providerMessageId).toBe(twilioSid('MM', 'mms'));
    expect(message.media).toEqual([
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2', contentType: 'application/pdf' },
    ]);
  });

  it('reads a message without Body or NumMedia as empty text and no media', () => {
    const { Body: _body, NumMedia: _numMedia, ...rest } = sms;
    expect(parseTwilioInbound(rest, fixedNow)).toMatchObject({ text: '', media: [] });
  });

  it('leaves out an empty ProfileName and keeps unknown fields from failing', () => {
    const message = parseTwilioInbound({ ...whatsapp, ProfileName: ' ', ReferralNumMedia: '0', ButtonText: 'Yes' });
    expect(message).not.toHaveProperty('displayName');
  });

  it.each<[string, unknown, RegExp]>([
    ['missing MessageSid', { ...sms, MessageSid: undefined }, /MessageSid/],
    ['a malformed MessageSid', { ...sms, MessageSid: 'conf-1' }, /MessageSid: must be a Twilio message SID/],
    ['missing From', { ...sms, From: undefined }, /From/],
    ['an empty From', { ...sms, From: '  ' }, /From: must not be empty/],
    ['missing To', { ...sms, To: undefined }, /To/],
    ['missing AccountSid', { ...sms, AccountSid: undefined }, /AccountSid/],
    ['NumMedia that is not a number', { ...sms, NumMedia: 'two' }, /NumMedia: must be a whole number from 0 to 10/],
    ['NumMedia above 10', { ...sms, NumMedia: '11' }, /NumMedia/],
    ['NumMedia 1 without MediaUrl0', { ...sms, NumMedia: '1' }, /MediaUrl0: NumMedia is 1 but MediaUrl0 is missing/],
    [
      'a MediaUrl beyond NumMedia',
      { ...sms, NumMedia: '0', MediaUrl0: 'https://x.test/a', MediaContentType0: 'image/png' },
      /MediaUrl0: present but NumMedia is 0/,
    ],
    ['a MediaUrl without content type', { ...sms, NumMedia: '1', MediaUrl0: 'https://x.test/a' }, /MediaContentType0/],
    [
      'a MediaUrl that is not http(s)',
      { ...sms, NumMedia: '1', MediaUrl0: 'file:///etc/passwd', MediaContentType0: 'text/plain' },
      /MediaUrl0/,
    ],
    [
      'a channel Baton cannot answer on',
      { ...sms, From: 'messenger:1234567' },
      /From: channel "messenger" is not supported/,
    ],
    ['a repeated field (array)', { ...sms, Body: ['a', 'b'] }, /Body/],
    ['a string', 'From=+1555', /body/],
    ['null', null, /body/],
  ])('rejects %s with payload_invalid naming the field', (_case, params, pattern) => {
    const error = parseError(params);
    expect(error.code).toBe('payload_invalid');
    expect(error.message).toMatch(/^invalid Twilio inbound message: /);
    expect(error.message).toMatch(pattern);
  });

  it('names every bad field at once', () => {
    const error = parseError({ Body: 'x' });
    for (const field of ['MessageSid', 'AccountSid', 'From', 'To']) expect(error.message).toContain(field);
  });
});

describe('Twilio account check', () => {
  it('accepts a webhook for the configured account', () => {
    expect(isFromTwilioAccount(sms, accountSid)).toBe(true);
    expect(() => assertTwilioAccount(sms, accountSid)).not.toThrow();
  });

  it.each([
    ['another account', { ...sms, AccountSid: twilioSid('AC', 'other') }, twilioSid('AC', 'other')],
    ['no AccountSid', { ...sms, AccountSid: undefined }, '(none)'],
    ['not an object', 'x', '(none)'],
  ])('refuses %s with signature_invalid, naming both accounts', (_case, params, got) => {
    expect(isFromTwilioAccount(params, accountSid)).toBe(false);
    expect(() => assertTwilioAccount(params, accountSid)).toThrow(
      expect.objectContaining({
        code: 'signature_invalid',
        message: expect.stringContaining(`account ${got}, not TWILIO_ACCOUNT_SID ${accountSid}`),
      }),
    );
  });
});
