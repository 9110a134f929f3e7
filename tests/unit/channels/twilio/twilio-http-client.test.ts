import { rewriteTwilioUri, TwilioHttpClient } from '../../../../src/channels/twilio/twilio-http-client';

describe('rewriteTwilioUri', () => {
  it.each([
    [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json',
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json',
    ],
    [
      'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=20',
      'http://127.0.0.1:4010/',
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Messages.json?PageSize=20',
    ],
    [
      'https://api.dublin.ie1.twilio.com/2010-04-01/Accounts/AC1/Messages.json',
      'https://proxy.internal/twilio',
      'https://proxy.internal/twilio/2010-04-01/Accounts/AC1/Messages.json',
    ],
    [
      'https://messaging.twilio.com/v1/Services',
      'https://proxy.internal/twilio/',
      'https://proxy.internal/twilio/v1/Services',
    ],
    // TWILIO_API_URL left at Twilio: the SDK's own host for each API is kept.
    ['https://messaging.twilio.com/v1/Services', 'https://api.twilio.com', 'https://messaging.twilio.com/v1/Services'],
    // Not a Twilio host: nothing to rewrite.
    ['http://127.0.0.1:9/x', 'https://proxy.internal', 'http://127.0.0.1:9/x'],
    // A look-alike host is not Twilio.
    ['https://eviltwilio.com/x', 'https://proxy.internal', 'https://eviltwilio.com/x'],
  ])('%s via %s → %s', (uri, apiUrl, expected) => {
    expect(rewriteTwilioUri(uri, apiUrl)).toBe(expected);
  });
});

describe('TwilioHttpClient', () => {
  it.each(['not a url', 'localhost:4010', 'ftp://proxy.internal'])(
    'refuses apiUrl %j, naming TWILIO_API_URL',
    (apiUrl) => {
      expect(() => new TwilioHttpClient({ apiUrl })).toThrow(
        expect.objectContaining({ code: 'config_invalid', message: expect.stringContaining('TWILIO_API_URL') }),
      );
    },
  );

  it('accepts an http(s) apiUrl', () => {
    expect(() => new TwilioHttpClient({ apiUrl: 'http://127.0.0.1:4010' })).not.toThrow();
  });
});
