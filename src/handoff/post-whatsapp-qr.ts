import { toBuffer } from 'qrcode';
import type { Logger } from '../core/logger';
import {
  buildWhatsappLinkedMessage,
  buildWhatsappLinkedNote,
  buildWhatsappQrMessage,
  WHATSAPP_QR_FILENAME,
  whatsappQrFileTitle,
} from './blocks/whatsapp-qr-message';
import type { SlackApi } from './slack/slack-api';
import { slackAuthRemedy, slackErrorInfo } from './slack/slack-error-info';

export interface WhatsappQrPosterOptions {
  slack: Pick<SlackApi, 'postMessage' | 'updateMessage' | 'uploadFile'>;
  /** The handoff channel's id. */
  channel: string;
  logger: Logger;
  /** WhatsApp shows a new code every ~20 s; Slack gets one at most this often. Default 60 s. */
  minIntervalMs?: number;
  now?: () => number;
}

/** The whatsapp-web.js channel's linking events, as `startWhatsappWeb` passes them on. */
export interface WhatsappQrPoster {
  onQr(qr: string): void;
  onReady(): void;
  /** Drops a code still waiting for its turn and waits for Slack calls in flight. */
  close(): Promise<void>;
}

/**
 * pngjs (inside qrcode) tries five row filters per row unless told one; for a two-colour image
 * the "up" filter compresses nearly as well for a fifth of the work. (Untyped in @types/qrcode.)
 */
const pngOptions = { deflateLevel: 9, filterType: 2 };

/** The QR as a PNG, large enough for a phone to read from a laptop screen. */
export function renderWhatsappQrPng(qr: string): Promise<Buffer> {
  return toBuffer(qr, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8, rendererOpts: pngOptions });
}

/**
 * Shows the WhatsApp linking QR to the people in the handoff channel, so whoever holds the
 * company phone can re-link Baton without access to its terminal: the first code at once (a
 * message, and the code as a PNG in its thread), then the newest code at most once per
 * `minIntervalMs` in the same thread, and "WhatsApp linked again ✓" once the session is ready.
 * A restart that reuses the saved session posts nothing.
 *
 * The QR payload is a credential (whoever scans it controls the number): it goes to Slack only
 * as an image and never reaches a log line. Slack failures are logged and never reach the
 * channel; the next code (a minute later) tries again.
 */
export function createWhatsappQrPoster(options: WhatsappQrPosterOptions): WhatsappQrPoster {
  const { slack, channel } = options;
  const log = options.logger.child({ component: 'whatsapp-qr-to-slack' });
  const minIntervalMs = options.minIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  /** The channel-level message whose thread holds the codes, once posted. */
  let anchor: { channel: string; ts: string } | undefined;
  let lastPostAt: number | undefined;
  let pending: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // Slack calls run one at a time, in order: a code never overtakes the message it belongs under.
  let work: Promise<void> = Promise.resolve();
  const enqueue = (step: () => Promise<void>, what: string) => {
    work = work.then(step).catch((error: unknown) => logFailure(log, error, what));
  };

  const postNewest = () => {
    timer = undefined;
    const qr = pending;
    pending = undefined;
    if (qr === undefined || closed) return;
    lastPostAt = now();
    const at = new Date(lastPostAt);
    enqueue(async () => {
      const png = await renderWhatsappQrPng(qr);
      if (!anchor) {
        const message = buildWhatsappQrMessage({ refreshSeconds: Math.max(1, Math.round(minIntervalMs / 1000)) });
        anchor = await slack.postMessage({ channel, ...message });
        log.warn({ channel: anchor.channel, ts: anchor.ts }, 'asked the handoff channel to re-link WhatsApp');
      }
      await slack.uploadFile({
        channel: anchor.channel,
        threadTs: anchor.ts,
        filename: WHATSAPP_QR_FILENAME,
        data: png,
        title: whatsappQrFileTitle(at),
      });
      log.info({ channel: anchor.channel, threadTs: anchor.ts }, 'posted the WhatsApp link code to Slack');
    }, 'post the WhatsApp link code');
  };

  return {
    onQr(qr) {
      if (closed) return;
      pending = qr;
      if (timer) return; // the newest code goes when the minute is up
      const wait = lastPostAt === undefined ? 0 : lastPostAt + minIntervalMs - now();
      if (wait <= 0) postNewest();
      else {
        timer = setTimeout(postNewest, wait);
        timer.unref();
      }
    },
    onReady() {
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      if (lastPostAt === undefined) return; // no code was shown: nothing to close
      lastPostAt = undefined;
      enqueue(async () => {
        const linked = anchor;
        anchor = undefined;
        if (!linked) return;
        await slack.postMessage({ channel: linked.channel, threadTs: linked.ts, ...buildWhatsappLinkedNote() });
        await slack.updateMessage({ channel: linked.channel, ts: linked.ts, ...buildWhatsappLinkedMessage() });
        log.info({ channel: linked.channel, threadTs: linked.ts }, 'told the handoff channel WhatsApp is linked');
      }, 'tell Slack WhatsApp is linked');
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      pending = undefined;
      await work;
    },
  };
}

function logFailure(log: Logger, error: unknown, what: string): void {
  const info = slackErrorInfo(error);
  const code = info.kind === 'auth' || info.kind === 'permanent' ? info.code : info.kind;
  const fix =
    info.kind === 'auth'
      ? slackAuthRemedy(info.code)
      : 'the next code tries again; the QR is also in the terminal and in `baton whatsapp`';
  // Only Slack's answer is logged: the error's request data could carry the upload.
  log.error({ slack: code }, `could not ${what} (Slack answered ${code}): ${fix}`);
}
