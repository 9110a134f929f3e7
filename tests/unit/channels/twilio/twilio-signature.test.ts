import { verifyTwilioSignature } from '../../../../src/channels/twilio/twilio-signature';
import { computeTwilioSignature, twilioInboundParams, twilioSid } from '../../../support/twilio-signing';

const authToken = '12345678901234567890123456789012';
const url = 'https://baton.example.com/webhooks/twilio/messages';
const params = twilioInboundParams({
  accountSid: twilioSid('AC', 'acct'),
  from: '+15551234567',
  to: '+15550009999',
  body: 'Is my transfer at 9?',
});
const signature = computeTwilioSignature(authToken, url, params);

describe('verifyTwilioSignature', () => {
  it('accepts a request signed the way Twilio documents it', () => {
    expect(verifyTwilioSignature({ authToken, url, params, signature })).toBe(true);
  });

  it('matches the example in Twilio’s security documentation', () => {
    // Token, URL, fields and signature of Twilio's published example
    // (TwilioDevEd/api-snippets, security/signature_validation).
    const docParams = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    };
    const docUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const docToken = '12345';
    const docSignature = computeTwilioSignature(docToken, docUrl, docParams);
    expect(docSignature).toBe('GvWf1cFY/Q7PnoempGyD5oXAezc=');
    expect(
      verifyTwilioSignature({ authToken: docToken, url: docUrl, params: docParams, signature: docSignature }),
    ).toBe(true);
  });

  it.each([
    ['another auth token', { authToken: 'abcdefabcdefabcdefabcdefabcdefab' }],
    ['a tampered Body', { params: { ...params, Body: 'Cancel my booking' } }],
    ['an added field', { params: { ...params, Extra: '1' } }],
    ['a removed field', { params: Object.fromEntries(Object.entries(params).filter(([name]) => name !== 'Body')) }],
    ['another path', { url: 'https://baton.example.com/webhooks/twilio/status' }],
    ['another host', { url: 'https://evil.example.com/webhooks/twilio/messages' }],
    ['http instead of https', { url: 'http://baton.example.com/webhooks/twilio/messages' }],
    ['a query string added', { url: `${url}?x=1` }],
    ['a missing signature', { signature: undefined }],
    ['an empty signature', { signature: '' }],
    [
      'a signature of the right length but wrong bytes',
      { signature: (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1) },
    ],
    ['a malformed URL', { url: 'not a url' }],
  ])('rejects %s', (_case, change) => {
    expect(verifyTwilioSignature({ authToken, url, params, signature, ...change })).toBe(false);
  });

  it('accepts the URL with the default port Twilio may have signed', () => {
    const withPort = 'https://baton.example.com:443/webhooks/twilio/messages';
    const signedWithPort = computeTwilioSignature(authToken, withPort, params);
    expect(verifyTwilioSignature({ authToken, url, params, signature: signedWithPort })).toBe(true);
  });
});
