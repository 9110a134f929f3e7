import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AutomationSettings, automationSettingsFrom } from '../../../src/actions/automation-settings';
import { verifyBatonSignature } from '../../../src/actions/webhook/send-action-webhook';
import { parseBatonConfig } from '../../../src/config/load-baton-config';
import { EchoResponder } from '../../support/scripted-responders';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

/**
 * A completed form calls the booking system through the worker's actions queue: signed,
 * retried on 5xx, the response's fields mapped onto the conversation; a refusal is recorded
 * (and shown on the card) without holding up the handoff.
 */
interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

class BookingSystem {
  readonly received: Received[] = [];
  /** Status codes to answer with, in order; then 200 with `answer`. */
  failures: number[] = [];
  answer: unknown = { bookingStatus: 'change requested', internalNote: 'not for Baton' };
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BookingSystem> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const system = new BookingSystem(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/baton`);
    server.on('request', async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      system.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = system.failures.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify(system.answer) : '{"error":"no"}');
    });
    return system;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const SECRET = 'booking-secret-123';

describe('booking-system webhook of a custom action', () => {
  let booking: BookingSystem;
  let baton: TestBaton;
  let automation: AutomationSettings;

  beforeAll(async () => {
    booking = await BookingSystem.start();
    const config = parseBatonConfig(
      `
actions:
  - id: booking_ref
    title: Booking reference
    fields:
      - name: confirmationNumber
        label: Confirmation number
        type: pattern
        pattern: '^[A-Z0-9]{6}$'
        prompt: What is your confirmation number?
    webhook:
      url: ${booking.url}
      secretEnv: BOOKING_SECRET
      storeResponseFields: [bookingStatus]
    onComplete:
      handoff: true
rules:
  - id: booking
    when: { keywords: [my booking] }
    then: { startAction: booking_ref }
`,
      'booking-webhook.test.ts',
    );
    automation = automationSettingsFrom(config, { BOOKING_SECRET: SECRET });
    baton = await startTestBaton({ responder: new EchoResponder(), workerOptions: { automation } });
  });
  afterAll(async () => {
    await baton.close();
    await booking.close();
  });

  async function completeForm(address: string, code: string) {
    await baton.post('/simulator/messages', { from: address, text: 'about my booking' });
    await eventually(async () => (await phoneOf(baton, address)).length === 1);
    await baton.post('/simulator/messages', { from: address, text: code });
    await eventually(async () => (await phoneOf(baton, address)).length === 2);
    await baton.post('/simulator/messages', { from: address, text: 'yes' });
    await eventually(async () => (await phoneOf(baton, address)).length === 3);
  }
  const runOf = (address: string) =>
    baton.runtime.db.actionRun.findFirstOrThrow({
      where: { conversation: { contact: { address } } },
      include: { conversation: true },
    });

  it('posts the signed answers, stores the mapped response fields, and the handoff is already open', async () => {
    await completeForm('signed', 'K7Q2ZB');
    expect((await runOf('signed')).conversation.state).toBe('pending');
    const run = await eventually(async () => {
      const found = await runOf('signed');
      return found.webhookState === 'succeeded' && found;
    });
    expect(booking.received).toHaveLength(1);
    const [request] = booking.received;
    const timestamp = String(request?.headers['x-baton-timestamp']);
    expect(
      verifyBatonSignature({
        secret: SECRET,
        timestamp,
        body: request?.body ?? '',
        signature: String(request?.headers['x-baton-signature']),
      }),
    ).toBe(true);
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({
      event: 'action.completed',
      actionId: 'booking_ref',
      conversationId: run.conversationId,
      channel: 'simulator',
      fields: { confirmationNumber: 'K7Q2ZB' },
    });
    expect(run.conversation.collected).toMatchObject({
      confirmationNumber: { display: 'K7Q2ZB' },
      bookingStatus: { value: 'change requested' },
    });
    expect(run.conversation.collected).not.toHaveProperty('internalNote');
  });

  it('retries a booking system that fails with 5xx, through the queue', async () => {
    booking.failures = [503];
    const before = booking.received.length;
    await completeForm('retried', 'ABC123');
    const run = await eventually(async () => {
      const found = await runOf('retried');
      return found.webhookState === 'succeeded' && found;
    }, 15_000);
    expect(booking.received.length - before).toBe(2);
    expect(run.webhookAttempts).toBe(2);
  });

  it('records a refusal on the run without retrying it, and the handoff stays open', async () => {
    booking.failures = [422];
    const before = booking.received.length;
    await completeForm('refused', 'ZZZ999');
    const run = await eventually(async () => {
      const found = await runOf('refused');
      return found.webhookState === 'failed' && found;
    });
    expect(booking.received.length - before).toBe(1);
    expect(run.webhookStatus).toBe(422);
    expect(run.webhookError).toBeTruthy();
    expect(run.webhookError).not.toContain(SECRET);
    expect(run.conversation.state).toBe('pending');
  });
});
