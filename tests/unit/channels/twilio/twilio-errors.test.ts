import { RestException } from 'twilio';
import { DeliveryError } from '../../../../src/channels/delivery-error';
import { classifyTwilioError, describeTwilioErrorCode } from '../../../../src/channels/twilio/twilio-errors';

/** The SDK's own exception, built from a response the way the SDK builds it. */
function restException(status: number, body?: { code: number; message: string }): RestException {
  return new RestException({
    statusCode: status,
    body: body ? JSON.stringify({ ...body, more_info: `https://www.twilio.com/docs/errors/${body.code}`, status }) : '',
  });
}

describe('classifyTwilioError', () => {
  it.each<[number, number, boolean, RegExp]>([
    [401, 20003, true, /TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/],
    [400, 21211, true, /not a valid phone number/],
    [400, 21408, true, /Geo Permissions/],
    [400, 21610, true, /unsubscribed \(replied STOP\).*START/],
    [400, 21612, true, /cannot route/],
    [400, 21614, true, /not a mobile number/],
    [400, 63016, true, /24 hours.*template/],
    [400, 63003, true, /WhatsApp could not find this recipient/],
    [400, 63024, true, /Invalid WhatsApp recipient/],
    [400, 30003, true, /unreachable/],
    [400, 30004, true, /blocked/],
    [400, 30005, true, /no longer in service/],
    [400, 30006, true, /landline/],
    [400, 30007, true, /spam/],
    [400, 30008, true, /unknown delivery error/],
    [429, 20429, false, /rate-limiting/],
    [400, 63018, false, /rate-limiting/],
    [404, 20404, true, /Twilio refused the message \(HTTP 404\)/],
    [500, 20500, false, /Twilio refused the message \(HTTP 500\)/],
    [503, 20503, false, /Twilio refused the message \(HTTP 503\)/],
  ])('HTTP %i with code %i → permanent %s, with a reason', (status, code, permanent, reason) => {
    const error = classifyTwilioError(restException(status, { code, message: `twilio says ${code}` }));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(permanent);
    expect(error.code).toBe(permanent ? 'delivery_failed_permanent' : 'delivery_failed_transient');
    expect(error.providerCode).toBe(String(code));
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(`[Twilio ${code}: twilio says ${code}]`);
  });

  it.each([
    [429, false],
    [500, false],
    [502, false],
    [503, false],
    [400, true],
    [403, true],
    [404, true],
  ])('HTTP %i without a Twilio body → permanent %s', (status, permanent) => {
    const error = classifyTwilioError(restException(status));
    expect(error.permanent).toBe(permanent);
    expect(error.providerCode).toBeUndefined();
    expect(error.message).toMatch(new RegExp(`HTTP ${status}`));
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN'])('network error %s → transient', (code) => {
    const error = classifyTwilioError(Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code }));
    expect(error.permanent).toBe(false);
    expect(error.providerCode).toBeUndefined();
    expect(error.message).toBe(`Could not reach Twilio; the message will be retried. [connect ${code} 127.0.0.1:9]`);
  });

  it.each([
    ['ECONNABORTED', 'timeout of 300ms exceeded'],
    ['ETIMEDOUT', 'socket hang up'],
  ])('timeout (%s) → transient, said to be a timeout', (code, message) => {
    const error = classifyTwilioError(Object.assign(new Error(message), { code }));
    expect(error.permanent).toBe(false);
    expect(error.message).toBe(`Twilio did not answer in time; the message will be retried. [${message}]`);
  });

  it('keeps the original error as the cause', () => {
    const original = restException(400, { code: 21211, message: 'bad' });
    expect(classifyTwilioError(original).cause).toBe(original);
  });

  it('passes a DeliveryError through unchanged', () => {
    const original = new DeliveryError('already classified', true, '21610');
    expect(classifyTwilioError(original)).toBe(original);
  });

  it('treats something unforeseen as transient', () => {
    expect(classifyTwilioError('weird').permanent).toBe(false);
  });
});

describe('describeTwilioErrorCode', () => {
  it('gives the reason of a known code, numeric or string', () => {
    expect(describeTwilioErrorCode(21610)).toBe(describeTwilioErrorCode('21610'));
    expect(describeTwilioErrorCode('21610')).toMatch(/START/);
  });

  it('links the Twilio dictionary for an unknown code', () => {
    expect(describeTwilioErrorCode('12345')).toBe(
      'Twilio error 12345 (see https://www.twilio.com/docs/api/errors/12345).',
    );
  });
});
