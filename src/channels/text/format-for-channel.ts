import { toGsmFriendly } from './gsm-typography';
import { parseMarkdownBlocks } from './parse-markdown-blocks';
import { parseSlackBlocks } from './parse-slack-blocks';
import { renderBlocks, tidyText } from './render-text';
import type { SourceFormat, TargetFormat } from './text-model';

export type { SourceFormat, TargetFormat } from './text-model';

export interface FormatOptions {
  /** How `text` is written: Markdown (the AI, the default) or Slack mrkdwn (specialists). */
  source?: SourceFormat;
  /** Slack user id → display name, for `<@U123>` mentions; unresolved mentions are removed. */
  resolveMention?: (id: string) => string | undefined;
}

/**
 * Converts a reply into what the traveler's channel shows: WhatsApp's own
 * `*bold*`/`_italic_`/`~strike~`/```mono``` markup, or plain text for SMS and
 * `plain` (no markers; links as "label (url)"). SMS also swaps typographic
 * punctuation for GSM-7 equivalents so one curly quote does not double the
 * cost of a message. Words are never dropped; blank-line runs collapse to one.
 */
export function formatForChannel(text: string, target: TargetFormat, options: FormatOptions = {}): string {
  const source = options.source ?? 'markdown';
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks =
    source === 'slack'
      ? parseSlackBlocks(normalized, { source, resolveMention: options.resolveMention })
      : parseMarkdownBlocks(normalized);
  const rendered = renderBlocks(blocks, target);
  return tidyText(target === 'sms' ? toGsmFriendly(rendered) : rendered);
}
