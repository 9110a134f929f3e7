import fc from 'fast-check';
import { parseTwilioInbound } from '../../../../src/channels/twilio/twilio-inbound';
import { BatonError } from '../../../../src/core/errors';
import { twilioSid } from '../../../support/twilio-signing';

/** Each field is usually plausible and sometimes garbage, so parsing often gets past the schema. */
const either = (...plausible: string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...plausible) }, fc.string());
const mediaUrl = either(
  'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
  'http://x',
  'ftp://x/y',
);

const twilioFields = fc.record(
  {
    MessageSid: either(twilioSid('SM', 'p'), twilioSid('MM', 'p'), 'SM123'),
    AccountSid: either(twilioSid('AC', 'p')),
    From: either('+15551234567', 'whatsapp:+447700900123', 'messenger:1', 'whatsapp:', ' '),
    To: either('+15550009999', 'whatsapp:+14155238886'),
    Body: fc.string(),
    ProfileName: fc.string(),
    WaId: fc.string(),
  },
  { requiredKeys: ['MessageSid', 'AccountSid', 'From', 'To'] },
);

/** Media fields for n items, with NumMedia usually n and sometimes anything. */
const mediaFields = fc.integer({ min: 0, max: 3 }).chain((n) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(String(n)) },
        fc.constantFrom('0', '1', '10', '11', '-1', ' 1', '1.5', ''),
        fc.string(),
      ),
      fc.array(fc.tuple(mediaUrl, either('image/jpeg', 'application/pdf', ' ')), { minLength: n, maxLength: n }),
    )
    .map(([numMedia, items]) => {
      const fields: Record<string, string> = { NumMedia: numMedia };
      items.forEach(([url, contentType], i) => {
        fields[`MediaUrl${i}`] = url;
        fields[`MediaContentType${i}`] = contentType;
      });
      return fields;
    }),
);

/** Unknown extra fields, and now and then one required field dropped. */
const formFields = fc
  .tuple(
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }),
    twilioFields,
    mediaFields,
    fc.constantFrom(undefined, undefined, undefined, undefined, 'MessageSid', 'AccountSid', 'From', 'To'),
  )
  .map(([extra, fields, media, dropped]) => {
    const all: Record<string, string> = { ...extra, ...fields, ...media };
    if (dropped) delete all[dropped];
    return all;
  });

describe('parseTwilioInbound on arbitrary form fields', () => {
  it('returns a consistent message or throws BatonError(payload_invalid), nothing else', () => {
    let parsed = 0;
    fc.assert(
      fc.property(formFields, (fields) => {
        let message: ReturnType<typeof parseTwilioInbound>;
        try {
          message = parseTwilioInbound(fields);
        } catch (error) {
          expect(error).toBeInstanceOf(BatonError);
          expect((error as BatonError).code).toBe('payload_invalid');
          return;
        }
        parsed++;
        expect(message.channel).toBe(fields.From?.startsWith('whatsapp:') ? 'twilio_whatsapp' : 'twilio_sms');
        expect(message.providerMessageId).toBe(fields.MessageSid);
        expect(message.text).toBe(fields.Body ?? '');
        expect(message.media).toHaveLength(Number(fields.NumMedia ?? '0'));
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the success path too, or the property says little.
    expect(parsed).toBeGreaterThan(50);
  });
});
