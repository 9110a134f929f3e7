import fc from 'fast-check';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { SimulatorAdapter } from '../../../src/channels/simulator/simulator.adapter';
import { parseTwilioInbound } from '../../../src/channels/twilio/twilio-inbound';
import { verifyTwilioSignature } from '../../../src/channels/twilio/twilio-signature';
import { parseTwilioStatusCallback, twilioMessageStatuses } from '../../../src/channels/twilio/twilio-status';
import { BatonError } from '../../../src/core/errors';
import { computeTwilioSignature, twilioSid } from '../../support/twilio-signing';

/**
 * Property tests of the webhook edge beyond tests/unit/channels/twilio/twilio-inbound.property.test.ts
 * (which fuzzes inbound fields with ASCII strings): every parser either returns a consistent
 * result or throws BatonError(payload_invalid) — never another error a route would turn into
 * a 500 — for any Unicode, and Twilio signatures verify exactly when they should.
 */

/** Any text a traveler or a broken client could send: emoji, RTL, combining marks, controls, lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '👩‍👩‍👧‍👦 family trip 🇵🇹',
    'مرحبا، أين حقيبتي؟',
    'שלום \u200F(RTL mark)\u200E',
    'e\u0301\u0301\u0301 Zalgo',
    '\u0000nul\u0007bell',
    '\uD800 lone surrogate',
    '\uFEFFbom',
    ' '.repeat(5),
  ),
);

function expectPayloadInvalid(error: unknown): void {
  expect(error).toBeInstanceOf(BatonError);
  expect((error as BatonError).code).toBe('payload_invalid');
}

describe('parseTwilioInbound on Unicode', () => {
  it('keeps the body exactly as sent (no trimming, normalising or re-encoding)', () => {
    fc.assert(
      fc.property(anyText, anyText, (body, profileName) => {
        const message = parseTwilioInbound({
          MessageSid: twilioSid('SM', body),
          AccountSid: twilioSid('AC', 'acct'),
          From: 'whatsapp:+447700900123',
          To: 'whatsapp:+14155238886',
          Body: body,
          ProfileName: profileName,
        });
        expect(message.text).toBe(body);
        expect(message.displayName).toBe(profileName.trim() || undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only payload_invalid for arbitrary field names and values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(anyText, fc.oneof(anyText, fc.array(anyText, { maxLength: 3 })), { maxKeys: 8 }),
        (fields) => {
          try {
            parseTwilioInbound(fields);
          } catch (error) {
            expectPayloadInvalid(error);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parseTwilioStatusCallback on arbitrary fields', () => {
  const fields = fc.record(
    {
      MessageSid: fc.oneof(fc.constant(twilioSid('SM', 's')), anyText),
      MessageStatus: fc.oneof(fc.constantFrom(...twilioMessageStatuses), anyText),
      ErrorCode: fc.oneof(fc.constantFrom('30003', '21211', '99999', ''), anyText),
      ErrorMessage: anyText,
    },
    { requiredKeys: [] },
  );

  it('returns a known delivery state or throws payload_invalid', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fields, fc.dictionary(anyText, anyText, { maxKeys: 3 }), (known, extra) => {
        try {
          const update = parseTwilioStatusCallback({ ...extra, ...known });
          parsed++;
          expect(['accepted', 'sent', 'delivered', 'read', 'failed', 'undelivered']).toContain(update.status);
          expect(update.messageSid).toBe(known.MessageSid);
          if (update.errorMessage !== undefined) expect(update.errorMessage.length).toBeGreaterThan(0);
        } catch (error) {
          expectPayloadInvalid(error);
        }
      }),
      { numRuns: 3000 },
    );
    expect(parsed).toBeGreaterThan(100);
  });
});

describe('the simulator parser on any JSON', () => {
  const adapter = new SimulatorAdapter({} as never, 'unused');

  it('returns a message within its limits or throws payload_invalid', () => {
    const plausible = fc.record(
      {
        from: fc.oneof(anyText, fc.constant('alice')),
        text: fc.oneof(anyText, fc.string({ maxLength: 11_000 })),
        name: anyText,
        id: anyText,
        media: fc.array(fc.record({ url: fc.oneof(fc.webUrl(), anyText), contentType: anyText }), { maxLength: 12 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), plausible, fc.anything()), (payload) => {
        try {
          const message = adapter.parseInbound(payload);
          expect(message.channel).toBe('simulator');
          expect(message.from.length).toBeGreaterThan(0);
          expect(message.from.length).toBeLessThanOrEqual(64);
          expect(message.text.length).toBeLessThanOrEqual(10_000);
          expect(message.media.length).toBeLessThanOrEqual(10);
        } catch (error) {
          expectPayloadInvalid(error);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('verifyTwilioSignature', () => {
  const token = fc.string({ minLength: 16, maxLength: 32, unit: 'grapheme-ascii' });
  const params = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }),
    anyText.filter((v) => !/[\uD800-\uDFFF]/.test(v) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(v)),
    { maxKeys: 8 },
  );
  const url = fc.constantFrom(
    'https://baton.example.com/webhooks/twilio/messages',
    'https://baton.example.com/webhooks/twilio/status?mid=6f1c1f7e-1111-4222-8333-444455556666',
    'https://baton.example.com:8443/webhooks/twilio/messages',
  );

  it('accepts what Twilio signs (independent implementation), for any Unicode fields', () => {
    fc.assert(
      fc.property(token, url, params, (authToken, target, fields) => {
        const signature = computeTwilioSignature(authToken, target, fields);
        expect(verifyTwilioSignature({ authToken, url: target, params: fields, signature })).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses another token, another URL, a changed or added field, or an empty signature', () => {
    fc.assert(
      fc.property(token, token, url, params, anyText, (authToken, other, target, fields, extra) => {
        fc.pre(other !== authToken);
        const signature = computeTwilioSignature(authToken, target, fields);
        expect(verifyTwilioSignature({ authToken: other, url: target, params: fields, signature })).toBe(false);
        expect(verifyTwilioSignature({ authToken, url: `${target}x`, params: fields, signature })).toBe(false);
        expect(
          verifyTwilioSignature({ authToken, url: target, params: { ...fields, ZzAdded: extra }, signature }),
        ).toBe(false);
        const [first] = Object.keys(fields);
        if (first !== undefined) {
          const changed = { ...fields, [first]: `${fields[first]}!` };
          expect(verifyTwilioSignature({ authToken, url: target, params: changed, signature })).toBe(false);
        }
        expect(verifyTwilioSignature({ authToken, url: target, params: fields, signature: '' })).toBe(false);
        expect(verifyTwilioSignature({ authToken: '', url: target, params: fields, signature })).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('verifies repeated fields (MediaUrl sent twice) the way the SDK signs them', () => {
    fc.assert(
      fc.property(token, fc.array(anyText, { minLength: 2, maxLength: 4 }), (authToken, values) => {
        const target = 'https://baton.example.com/webhooks/twilio/messages';
        const fields = { Body: 'hi', MediaUrl: values };
        const signature = getExpectedTwilioSignature(authToken, target, fields);
        expect(verifyTwilioSignature({ authToken, url: target, params: fields, signature })).toBe(true);
        const reordered = { ...fields, MediaUrl: [...values].reverse() };
        const distinct = new Set(values).size > 1;
        if (distinct) {
          // Same values, another order: whether the SDK sorts them decides; it must not throw.
          expect(typeof verifyTwilioSignature({ authToken, url: target, params: reordered, signature })).toBe(
            'boolean',
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});
