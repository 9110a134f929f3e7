/**
 * The small document model both sources (Markdown, Slack mrkdwn) are parsed
 * into and every target (WhatsApp, SMS, plain) is rendered from. Keeping one
 * model means a new source or target is one parser or one renderer, not a
 * matrix of string rewrites.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'bold' | 'italic' | 'strike'; children: Inline[] }
  | { type: 'code'; text: string }
  /** `children` is the label; an empty label shows the URL alone. */
  | { type: 'link'; url: string; children: Inline[] };

export type Block =
  | { type: 'line'; content: Inline[] }
  | { type: 'heading'; content: Inline[] }
  /** `number` is set for numbered items; `depth` 0 is the outermost list. */
  | { type: 'item'; number?: string; depth: number; content: Inline[] }
  | { type: 'row'; cells: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'quote'; blocks: Block[] }
  | { type: 'blank' };

export type SourceFormat = 'markdown' | 'slack';
export type TargetFormat = 'sms' | 'whatsapp' | 'plain';

export interface InlineOptions {
  source: SourceFormat;
  /** Slack user id → display name; unresolved mentions are removed. */
  resolveMention?: (id: string) => string | undefined;
}
