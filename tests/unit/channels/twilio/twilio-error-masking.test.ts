import pino from 'pino';
import { RestException } from 'twilio';
import { classifyTwilioError } from '../../../../src/channels/twilio/twilio-errors';

/** Twilio names the recipient in its error text; none of it may leave `classifyTwilioError` in clear. */
const TRAVELER = '+15557654321';

function restException(status: number, code: number, message: string): RestException {
  return new RestException({
    statusCode: status,
    body: JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
  });
}

/** Everything pino would print for the error, causes included. */
const logged = (error: Error) => JSON.stringify(pino.stdSerializers.err(error));

describe('classifyTwilioError masks phone numbers', () => {
  it.each([
    [400, 21211, `The 'To' number ${TRAVELER} is not a valid phone number.`],
    [400, 63003, `Channel could not find To address whatsapp:${TRAVELER}`],
    [500, 20500, `Internal error sending to ${TRAVELER}`],
  ])('HTTP %i, code %i', (status, code, message) => {
    const error = classifyTwilioError(restException(status, code, message));
    expect(error.message).toContain(`[Twilio ${code}: `);
    expect(error.message).toContain('+1••••••4321');
    for (const text of [error.message, logged(error)]) {
      expect(text).not.toContain(TRAVELER.slice(2));
      expect(text).not.toContain('55576');
    }
  });

  it('in network and timeout errors too', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT']) {
      const error = classifyTwilioError(Object.assign(new Error(`request for ${TRAVELER} failed`), { code }));
      expect(error.permanent).toBe(false);
      expect(logged(error)).not.toContain(TRAVELER.slice(2));
      expect(error.message).toContain('+1••••••4321');
    }
  });

  it('keeps the masked SDK error as the cause', () => {
    const original = restException(400, 21211, `The 'To' number ${TRAVELER} is not a valid phone number.`);
    const error = classifyTwilioError(original);
    expect(error.cause).toBe(original);
    expect(original.message).toBe("The 'To' number +1••••••4321 is not a valid phone number.");
    expect(original.stack ?? '').not.toContain(TRAVELER);
  });
});
