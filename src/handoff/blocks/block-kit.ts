/**
 * The few Block Kit shapes Baton builds, typed here so the builders stay pure and need no
 * Slack SDK. They are structurally compatible with `@slack/types` (`KnownBlock`, `View`),
 * so a builder's result can be passed to `chat.postMessage`, `views.open` or
 * `views.publish` as is. Limits are Slack's documented ones; builders respect them so a
 * long traveler message or a big config never makes Slack reject a post with
 * `invalid_blocks`.
 */

export const slackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  /** Older `@slack/types` document 75, newer docs 150: the smaller one is safe with both. */
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  selectOptions: 100,
  placeholder: 150,
  inputLabel: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  blockId: 255,
  plainTextInput: 3000,
} as const;

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}

export type TextObject = PlainText | Mrkdwn;

export interface ConfirmDialog {
  title: PlainText;
  text: TextObject;
  confirm: PlainText;
  deny: PlainText;
  style?: 'primary' | 'danger';
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}

export interface OptionObject {
  text: PlainText;
  value: string;
  description?: PlainText;
}

export interface StaticSelectElement {
  type: 'static_select';
  action_id: string;
  placeholder?: PlainText;
  options: OptionObject[];
  initial_option?: OptionObject;
}

export interface MultiStaticSelectElement {
  type: 'multi_static_select';
  action_id: string;
  placeholder?: PlainText;
  options: OptionObject[];
  initial_options?: OptionObject[];
}

export interface PlainTextInputElement {
  type: 'plain_text_input';
  action_id: string;
  placeholder?: PlainText;
  initial_value?: string;
  max_length?: number;
  focus_on_load?: boolean;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
  block_id?: string;
}

export interface SectionBlock {
  type: 'section';
  block_id?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: ButtonElement;
}

export interface ContextBlock {
  type: 'context';
  block_id?: string;
  elements: TextObject[];
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface ActionsBlock {
  type: 'actions';
  block_id?: string;
  elements: Array<ButtonElement | StaticSelectElement>;
}

export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  element: PlainTextInputElement | MultiStaticSelectElement;
  optional?: boolean;
  hint?: PlainText;
}

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock | InputBlock;

/** A message for `chat.postMessage` / `chat.update`: `text` is the notification and accessibility fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  private_metadata?: string;
  blocks: Block[];
}

export interface HomeView {
  type: 'home';
  blocks: Block[];
}

/** Cuts plain text to `max` characters with "…", never splitting a surrogate pair. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A plain_text object (emoji shortcodes rendered), cut to `max` when given. */
export function plain(text: string, max?: number): PlainText {
  return { type: 'plain_text', text: max === undefined ? text : truncatePlain(text, max), emoji: true };
}

/** A mrkdwn object; the text must already be escaped (see `mrkdwn.ts`). */
export function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text };
}

export function button(options: {
  text: string;
  actionId: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
  confirm?: ConfirmDialog;
}): ButtonElement {
  if (options.value !== undefined && options.value.length > slackLimits.buttonValue) {
    // A cut value would name another conversation: refuse rather than act on the wrong one.
    throw new RangeError(
      `button value is ${options.value.length} characters; Slack allows ${slackLimits.buttonValue}.`,
    );
  }
  return {
    type: 'button',
    text: plain(options.text, slackLimits.buttonText),
    action_id: options.actionId,
    ...(options.value !== undefined && { value: options.value }),
    ...(options.url !== undefined && { url: options.url }),
    ...(options.style && { style: options.style }),
    ...(options.confirm && { confirm: options.confirm }),
  };
}

export function option(text: string, value: string, description?: string): OptionObject {
  return {
    text: plain(text, slackLimits.optionText),
    value,
    ...(description && { description: plain(description, slackLimits.optionDescription) }),
  };
}

/** A URL Slack accepts on a link button: http(s) and within the length limit, else none. */
export function buttonUrl(url: string | undefined): string | undefined {
  if (url === undefined || url.length > slackLimits.url || !/^https?:\/\//i.test(url)) return undefined;
  return url;
}
