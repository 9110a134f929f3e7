import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { computeSlackSignature, eventCallback, nextSlackTs, threadReply } from '../../tests/support/slack-signing';
import { computeTwilioSignature, twilioInboundParams, twilioSid } from '../../tests/support/twilio-signing';

export interface Ack {
  /** HTTP status, or 0 when the request failed (connection refused, reset, timeout). */
  status: number;
  /** performance.now() when the request was started. */
  sentAt: number;
  ackMs: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

/** One POST over a keep-alive agent; the latency is from the call until the whole answer was read. */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<Ack> {
  const sentAt = performance.now();
  return new Promise((resolve) => {
    const done = (status: number) => resolve({ status, sentAt, ackMs: performance.now() - sentAt });
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
    req.end(body);
  });
}

/**
 * Twilio's incoming-message webhook as Twilio sends it: form fields of an SMS, a unique
 * MessageSid, and X-Twilio-Signature computed over PUBLIC_URL + path (tests/support's
 * independent implementation of Twilio's algorithm).
 */
export class TwilioWebhookSender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 128 });
  private readonly runId = randomBytes(4).toString('hex');
  private counter = 0;
  private readonly path = '/webhooks/twilio/messages';

  constructor(
    private readonly options: { baseUrl: string; publicUrl: string; accountSid: string; authToken: string; to: string },
  ) {}

  send(from: string, text: string): Promise<Ack> {
    this.counter += 1;
    const params = twilioInboundParams({
      accountSid: this.options.accountSid,
      from,
      to: this.options.to,
      body: text,
      messageSid: twilioSid('SM', `${this.runId}:${this.counter}`),
    });
    const signature = computeTwilioSignature(this.options.authToken, `${this.options.publicUrl}${this.path}`, params);
    return post(
      this.agent,
      new URL(this.path, this.options.baseUrl),
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      new URLSearchParams(params).toString(),
    );
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A specialist's reply in a handoff thread, as a signed Events API request (X-Slack-Signature v0). */
export class SlackEventSender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(private readonly options: { baseUrl: string; signingSecret: string }) {}

  threadReply(input: { channel: string; threadTs: string; user: string; text: string }): Promise<Ack> {
    const event = threadReply({ ...input, ts: nextSlackTs() });
    const { body } = eventCallback(event);
    const timestamp = Math.floor(Date.now() / 1000);
    return post(
      this.agent,
      new URL('/slack/events', this.options.baseUrl),
      {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': computeSlackSignature(this.options.signingSecret, timestamp, body),
      },
      body,
    );
  }

  close(): void {
    this.agent.destroy();
  }
}
