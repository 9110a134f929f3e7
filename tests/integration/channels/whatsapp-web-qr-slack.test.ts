import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import {
  WHATSAPP_LINKED_TEXT,
  WHATSAPP_QR_FILENAME,
  WHATSAPP_QR_TEXT,
} from '../../../src/handoff/blocks/whatsapp-qr-message';
import { createWhatsappQrPoster, renderWhatsappQrPng } from '../../../src/handoff/post-whatsapp-qr';
import { webClientSlackApi } from '../../../src/handoff/slack/slack-api';
import { createSlackWebClient } from '../../../src/handoff/slack/slack-app';
import { type RunningWhatsappWeb, startWhatsappWeb, whatsappQrToSlack } from '../../../src/runtime/start-whatsapp-web';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { type FakeInitializeStep, fakeClientFactory } from '../../support/fake-whatsapp-web-client';
import { eventually, startTestBaton, type TestBaton } from '../../support/test-baton';

const HANDOFF_CHANNEL = 'C0HANDOFF1';
const INTERVAL_MS = 1_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A payload shaped like WhatsApp's (ref,publicKey,identityKey,advSecret): a credential. */
const qrCode = (n: number) =>
  `2@QRREF${n}${'x'.repeat(40)},PUBKEY${n}aGVsbG8gd29ybGQ=,IDKEY${n}c2VjcmV0IGtleQ==,ADV${n}YWR2IHNlY3JldA==`;

/**
 * The session needs (re)linking: whatsapp-web.js emits a QR about every 20 s. Baton posts it to
 * the Slack handoff channel (a message, the code as a PNG in its thread, rate-limited) and says
 * when the phone is linked again. WhatsApp is the fake client, Slack the fake Web API reached by
 * the real WebClient; the QR payload must never appear as text in Slack or in the logs.
 */
describe('WhatsApp linking QR in the Slack handoff channel', () => {
  let slack: FakeSlackServer;
  let baton: TestBaton;
  const logLines: string[] = [];
  const allQrs: string[] = [];

  beforeAll(async () => {
    // The first render loads the PNG encoder: not part of what is timed here.
    await renderWhatsappQrPng('warm-up');
    slack = await FakeSlackServer.start();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    baton = await startTestBaton({
      worker: false,
      runtime: {
        whatsappWeb: true,
        logger: pino({ level: 'trace' }, sink),
        slack: {
          botToken: slack.botToken,
          signingSecret: 'unused-here',
          socketMode: false,
          handoffChannel: HANDOFF_CHANNEL,
          apiUrl: slack.apiUrl,
        },
      },
    });
  });
  afterAll(async () => {
    await baton?.close();
    await slack?.close();
  });
  afterEach(() => {
    // The credential never leaves as text: not in any Slack request, not in any log line.
    const requests = JSON.stringify(slack.calls());
    const logs = logLines.join('');
    for (const qr of allQrs) {
      expect(requests).not.toContain(qr.slice(0, 20));
      expect(logs).not.toContain(qr.slice(0, 20));
    }
  });

  const startWhatsapp = (steps: (index: number) => FakeInitializeStep[] | undefined) => {
    const clients = fakeClientFactory(steps);
    return {
      clients,
      start: (): Promise<RunningWhatsappWeb> =>
        startWhatsappWeb(baton.runtime, {
          dataPath: mkdtempSync(path.join(tmpdir(), 'baton-wa-qr-')),
          executablePath: '/nonexistent/chromium',
          clientFactory: clients.create,
          lock: { ttlMs: 3000, retryEveryMs: 50 },
          printQr: false,
          linking: whatsappQrToSlack(baton.runtime, HANDOFF_CHANNEL, { minIntervalMs: INTERVAL_MS }),
        }),
    };
  };
  const showQr = (client: { emit(event: string, qr: string): boolean } | undefined, n: number) => {
    const qr = qrCode(n);
    allQrs.push(qr);
    client?.emit('qr', qr);
    return qr;
  };
  const channelPosts = () => slack.posts(HANDOFF_CHANNEL).filter((p) => p.threadTs === undefined);

  it('posts nothing when the saved session is restored (no QR)', async () => {
    const { start } = startWhatsapp(() => undefined); // authenticated, ready
    const whatsapp = await start();
    try {
      await eventually(async () => whatsapp.channel.status().state === 'ready');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(slack.calls()).toEqual([]);
    } finally {
      await whatsapp.close();
    }
  });

  it('posts the first code at once, then the newest at most once per interval in its thread, then "linked again"', async () => {
    slack.reset();
    const { clients, start } = startWhatsapp(() => []); // initialize() loads the page; the test shows the QRs
    const whatsapp = await start();
    try {
      await eventually(async () => clients.latest()?.initializeCalls === 1);
      const client = clients.latest();

      // WhatsApp shows a code, then rotates it twice before the interval is up: the first goes at
      // once, the second never, the newest (third) once the interval is up.
      const shownAt = Date.now();
      const first = showQr(client, 1);
      showQr(client, 2);
      const third = showQr(client, 3);
      const [anchor] = await eventually(async () => channelPosts().length === 1 && channelPosts());
      expect(anchor?.text).toBe(WHATSAPP_QR_TEXT);
      expect(JSON.stringify(anchor?.blocks)).toContain('Link a device');
      const firstUpload = await eventually(async () => slack.uploads().find((u) => u.completed));
      expect(firstUpload).toMatchObject({
        channelId: HANDOFF_CHANNEL,
        threadTs: anchor?.ts,
        filename: WHATSAPP_QR_FILENAME,
      });
      expect(firstUpload.data?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(firstUpload.data).toEqual(await renderWhatsappQrPng(first));

      const uploads = await eventually(async () => {
        const done = slack.uploads().filter((u) => u.completed);
        return done.length === 2 && done;
      });
      const secondUploadCall = slack.calls('files.getUploadURLExternal')[1];
      expect((secondUploadCall?.at ?? 0) - shownAt).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
      expect(uploads[1]).toMatchObject({ channelId: HANDOFF_CHANNEL, threadTs: anchor?.ts });
      expect(uploads[1]?.data).toEqual(await renderWhatsappQrPng(third));
      expect(channelPosts()).toHaveLength(1); // still one message in the channel

      // The operator scans it: the phone links the device.
      client?.emit('authenticated');
      client?.emit('ready');
      const linked = await eventually(async () =>
        slack.posts(HANDOFF_CHANNEL).find((p) => p.threadTs === anchor?.ts && p.text === WHATSAPP_LINKED_TEXT),
      );
      expect(linked).toBeDefined();
      await eventually(async () =>
        String(slack.message(HANDOFF_CHANNEL, anchor?.ts ?? '')?.text).includes(WHATSAPP_LINKED_TEXT),
      );
      // A code still due when the phone linked is dropped.
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
      expect(slack.uploads()).toHaveLength(2);
    } finally {
      await whatsapp.close();
    }
  });

  it('asks again in a new message when the phone unlinks Baton later', async () => {
    slack.reset();
    // First client: restored session; the next one (after LOGOUT) needs a QR.
    const { clients, start } = startWhatsapp((index) => (index === 0 ? undefined : []));
    const whatsapp = await start();
    try {
      await eventually(async () => whatsapp.channel.status().state === 'ready');
      clients.latest()?.disconnect('LOGOUT');
      await eventually(async () => clients.clients.length === 2 && clients.clients[1]?.initializeCalls === 1, 10_000);
      const qr = showQr(clients.latest(), 4);
      const [anchor] = await eventually(async () => channelPosts().length === 1 && channelPosts());
      expect(anchor?.text).toBe(WHATSAPP_QR_TEXT);
      const upload = await eventually(async () => slack.uploads().find((u) => u.completed));
      expect(upload.threadTs).toBe(anchor?.ts);
      expect(upload.data).toEqual(await renderWhatsappQrPng(qr));
    } finally {
      await whatsapp.close();
    }
  });

  it('logs what Slack answered, never the code, and tries again with a later code', async () => {
    slack.reset();
    const lines: string[] = [];
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const poster = createWhatsappQrPoster({
      slack: webClientSlackApi(createSlackWebClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger })),
      channel: HANDOFF_CHANNEL,
      logger,
      minIntervalMs: 200,
    });
    slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const first = qrCode(5);
    const second = qrCode(6);
    allQrs.push(first, second);
    poster.onQr(first);
    await eventually(async () => lines.some((l) => l.includes('not_in_channel')));
    expect(lines.join('')).toMatch(/invite @Baton/);
    expect(slack.uploads()).toHaveLength(0);
    poster.onQr(second);
    const upload = await eventually(async () => slack.uploads().find((u) => u.completed));
    expect(upload.data).toEqual(await renderWhatsappQrPng(second));
    expect(channelPosts().map((p) => p.text)).toEqual([WHATSAPP_QR_TEXT]);
    await poster.close();
    expect(lines.join('')).not.toContain(first.slice(0, 20));
    expect(lines.join('')).not.toContain(second.slice(0, 20));
  });
});
