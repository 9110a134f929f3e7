import { parseTwilioStatusCallback, twilioMessageStatuses } from '../../../../src/channels/twilio/twilio-status';
import { twilioSid, twilioStatusParams } from '../../../support/twilio-signing';

const accountSid = twilioSid('AC', 'acct');
const messageSid = twilioSid('SM', 'out');
const callback = (status: string, errorCode?: string) =>
  twilioStatusParams({ accountSid, messageSid, status, errorCode, to: '+15551234567', from: '+15550009999' });

describe('parseTwilioStatusCallback', () => {
  it.each([
    ['accepted', 'accepted'],
    ['scheduled', 'accepted'],
    ['queued', 'accepted'],
    ['sending', 'accepted'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['receiving', 'accepted'],
    ['received', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['partially_delivered', 'undelivered'],
  ])('maps MessageStatus %s to %s', (twilioStatus, status) => {
    expect(parseTwilioStatusCallback(callback(twilioStatus)).status).toBe(status);
  });

  it('covers every status Twilio documents', () => {
    expect([...twilioMessageStatuses].sort()).toEqual(
      [
        'accepted',
        'canceled',
        'delivered',
        'failed',
        'partially_delivered',
        'queued',
        'read',
        'received',
        'receiving',
        'scheduled',
        'sending',
        'sent',
        'undelivered',
      ].sort(),
    );
  });

  it('reports a plain delivery without error fields', () => {
    expect(parseTwilioStatusCallback(callback('delivered'))).toEqual({ messageSid, status: 'delivered' });
  });

  it.each([
    ['undelivered', '30003', 'undelivered', /phone is unreachable/],
    ['undelivered', '30005', 'undelivered', /unknown to their carrier/],
    ['undelivered', '30006', 'undelivered', /landline/],
    ['undelivered', '30007', 'undelivered', /spam/],
    ['failed', '21610', 'failed', /replied STOP/],
    ['failed', '63016', 'failed', /24 hours/],
    [
      'failed',
      '99999',
      'failed',
      /^Twilio error 99999 \(see https:\/\/www\.twilio\.com\/docs\/api\/errors\/99999\)\.$/,
    ],
  ])('keeps the error code of a %s message (%s) with a human reason', (twilioStatus, code, status, reason) => {
    const update = parseTwilioStatusCallback(callback(twilioStatus, code));
    expect(update).toEqual({ messageSid, status, errorCode: code, errorMessage: expect.stringMatching(reason) });
  });

  it("uses Twilio's ErrorMessage for a code Baton does not know", () => {
    const update = parseTwilioStatusCallback({ ...callback('failed', '12345'), ErrorMessage: 'Something specific' });
    expect(update.errorMessage).toBe('Something specific (Twilio 12345)');
  });

  it('masks a phone number in that ErrorMessage before it is stored or shown', () => {
    const update = parseTwilioStatusCallback({
      ...callback('undelivered', '12345'),
      ErrorMessage: 'Handset +14155550123 unreachable',
    });
    expect(update.errorMessage).not.toContain('4155550123');
    expect(update.errorMessage).toMatch(/Handset \+1•+0123 unreachable \(Twilio 12345\)/);
  });

  it('explains a canceled message that carries no code', () => {
    expect(parseTwilioStatusCallback(callback('canceled'))).toEqual({
      messageSid,
      status: 'failed',
      errorMessage: 'Twilio canceled the message before sending it.',
    });
  });

  it('ignores an empty ErrorCode', () => {
    expect(parseTwilioStatusCallback(callback('sent', ''))).toEqual({ messageSid, status: 'sent' });
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown status', callback('exploded'), /MessageStatus: must be one of accepted/],
    ['no status', { MessageSid: messageSid }, /MessageStatus/],
    ['no MessageSid', { MessageStatus: 'sent' }, /MessageSid/],
    ['a malformed MessageSid', { MessageSid: 'x', MessageStatus: 'sent' }, /MessageSid: must be a Twilio message SID/],
    ['not an object', 'MessageStatus=sent', /body/],
  ])('rejects %s with payload_invalid', (_case, params, pattern) => {
    expect(() => parseTwilioStatusCallback(params)).toThrow(
      expect.objectContaining({ code: 'payload_invalid', message: expect.stringMatching(pattern) }),
    );
  });
});
