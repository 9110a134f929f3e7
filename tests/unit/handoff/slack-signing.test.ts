import { isValidSlackRequest, verifySlackRequest } from '@slack/bolt';
import {
  blockActions,
  channelMessage,
  computeSlackSignature,
  eventCallback,
  signedSlackRequest,
  urlVerification,
  viewSubmission,
} from '../../support/slack-signing';

/**
 * The tests' Slack signer is written from Slack's documentation, not from Bolt; here it must
 * agree with Bolt's own verifier, so a passing integration test means Bolt accepted a request
 * signed the way Slack signs, and a tampered request is refused.
 */
const signingSecret = '8f742231b10e8888abcd99yyyzzz85a5';
const now = 1_700_000_000;

function boltAccepts(signed: { headers: Record<string, string | undefined>; body: string }, nowSeconds = now): boolean {
  return isValidSlackRequest({
    signingSecret,
    body: signed.body,
    headers: {
      'x-slack-signature': signed.headers['x-slack-signature'] as string,
      'x-slack-request-timestamp': Number(signed.headers['x-slack-request-timestamp']),
    },
    nowMilliseconds: nowSeconds * 1000,
  });
}

describe('test Slack signer', () => {
  it("matches Slack's documented example", () => {
    // From https://api.slack.com/authentication/verifying-requests-from-slack
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(computeSlackSignature(signingSecret, 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it.each([
    ['an event callback (JSON)', eventCallback(channelMessage({ channel: 'C1', text: 'hello' }))],
    ['url_verification (JSON)', urlVerification('challenge-1')],
    [
      'a block_actions form',
      blockActions({ actionId: 'claim', value: 'c1', user: { id: 'U1' }, channel: 'C1', message: { ts: '1.2' } }),
    ],
    ['a view_submission form', viewSubmission({ callbackId: 'tag', user: { id: 'U1' }, values: {} })],
  ])('agrees with Bolt on %s', (_name, built) => {
    const signed = signedSlackRequest({ signingSecret, timestamp: now, ...built });
    expect(boltAccepts(signed)).toBe(true);
    expect(() =>
      verifySlackRequest({
        signingSecret,
        body: signed.body,
        headers: {
          'x-slack-signature': signed.headers['x-slack-signature'],
          'x-slack-request-timestamp': Number(signed.headers['x-slack-request-timestamp']),
        },
        nowMilliseconds: now * 1000,
      }),
    ).not.toThrow();
  });

  it('is refused by Bolt when the body, the timestamp header or the secret differ', () => {
    const signed = signedSlackRequest({ signingSecret, timestamp: now, ...eventCallback({ type: 'app_mention' }) });
    expect(boltAccepts({ ...signed, body: signed.body.replace('app_mention', 'app_mentiom') })).toBe(false);
    expect(
      boltAccepts({ ...signed, headers: { ...signed.headers, 'x-slack-request-timestamp': String(now + 1) } }),
    ).toBe(false);
    const otherSecret = signedSlackRequest({
      signingSecret: `${signingSecret}x`,
      timestamp: now,
      ...eventCallback({ type: 'app_mention' }),
    });
    expect(boltAccepts(otherSecret)).toBe(false);
  });

  it('is refused by Bolt when older than five minutes', () => {
    const signed = signedSlackRequest({ signingSecret, timestamp: now - 10 * 60, ...urlVerification('c') });
    expect(boltAccepts(signed)).toBe(false);
    expect(boltAccepts(signed, now - 10 * 60 + 60)).toBe(true);
  });

  it('sends interactivity as a form with one JSON `payload` field, as Slack does', () => {
    const built = blockActions({
      actionId: 'claim',
      value: 'conv-1',
      user: { id: 'U1' },
      channel: 'C1',
      message: { ts: '1700000000.000100', threadTs: '1700000000.000100' },
    });
    expect(built.contentType).toBe('application/x-www-form-urlencoded');
    const payload = JSON.parse(new URLSearchParams(built.body).get('payload') ?? '{}');
    expect(payload).toEqual(built.payload);
    expect(payload.actions[0]).toMatchObject({ action_id: 'claim', value: 'conv-1', type: 'button' });
    expect(payload.container).toMatchObject({ channel_id: 'C1', message_ts: '1700000000.000100' });
  });
});
