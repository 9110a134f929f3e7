import { mrkdwn, type SlackMessage } from './block-kit';

/**
 * What Baton posts in the handoff channel while its WhatsApp number (whatsapp-web.js) needs
 * linking: a message asking whoever has the company phone to scan the code, the codes as PNG
 * files in that message's thread, and a note once the phone is linked again. None of these
 * ever holds the QR payload itself: it is a linking credential, shown only as an image.
 */

export const WHATSAPP_QR_TEXT =
  ':iphone: WhatsApp needs re-linking: on the company phone open WhatsApp › Linked devices › Link a device and scan this code (it refreshes every ~20 s).';
export const WHATSAPP_LINKED_TEXT = 'WhatsApp linked again ✓';
export const WHATSAPP_QR_FILENAME = 'whatsapp-link-code.png';

/** The channel-level message; the codes follow in its thread. */
export function buildWhatsappQrMessage(options: { refreshSeconds: number }): SlackMessage {
  return {
    text: WHATSAPP_QR_TEXT,
    blocks: [
      { type: 'section', text: mrkdwn(WHATSAPP_QR_TEXT) },
      {
        type: 'context',
        elements: [
          mrkdwn(
            `:point_down: The code is in this thread; while WhatsApp waits, a newer one follows at most every ${everyLabel(options.refreshSeconds)}. Scan the newest: if the phone says it is invalid, wait for the next one. Whoever scans it can read and send the number's messages, so never share it outside this channel.`,
          ),
        ],
      },
    ],
  };
}

/** The title of one code's file: its time, so the newest is easy to tell. */
export function whatsappQrFileTitle(at: Date): string {
  return `WhatsApp link code, ${at.toISOString().slice(11, 19)} UTC`;
}

/** The thread note once the session is ready again. */
export function buildWhatsappLinkedNote(): SlackMessage {
  return {
    text: WHATSAPP_LINKED_TEXT,
    blocks: [{ type: 'context', elements: [mrkdwn(`:white_check_mark: ${WHATSAPP_LINKED_TEXT}`)] }],
  };
}

/** The channel-level message, updated once linked: nobody should scan the old codes any more. */
export function buildWhatsappLinkedMessage(): SlackMessage {
  const text = `:white_check_mark: ${WHATSAPP_LINKED_TEXT} The codes in this thread have expired; nothing to scan.`;
  return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
}

function everyLabel(seconds: number): string {
  if (seconds >= 60 && seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} s`;
}
