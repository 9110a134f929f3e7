import type { Block, ModalView, OptionObject } from '../../../../src/handoff/blocks/block-kit';

/**
 * Test helpers: Slack's documented Block Kit limits checked independently of the builders'
 * own constants (a wrong constant there must fail here), and a view_submission shaped like
 * the one Slack sends for a modal.
 */

const limits = {
  header: 150,
  section: 3000,
  fields: 10,
  field: 2000,
  context: 10,
  actions: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 75,
  options: 100,
  label: 2000,
};

type Json = Record<string, unknown>;

/** mrkdwn with a half token or half entity left by a cut, or an unescaped `&`, `<`, `>`. */
function mrkdwnProblem(text: string): string | undefined {
  const withoutTokens = text.replace(
    /<(?:@[UW][A-Z0-9]+|!date\^\d+\^[^|<>]*\|[^<>]*|https?:\/\/[^<>|\s]+\|[^<>]*)>/g,
    '',
  );
  const withoutQuotes = withoutTokens.replace(/^>/gm, '');
  if (/[<>]/.test(withoutQuotes)) return `stray < or > in ${JSON.stringify(text.slice(0, 80))}`;
  if (/&(?!amp;|lt;|gt;)/.test(withoutTokens)) return `raw & in ${JSON.stringify(text.slice(0, 80))}`;
  return undefined;
}

function checkText(problems: string[], where: string, text: unknown, max: number): void {
  if (!text || typeof text !== 'object') return void problems.push(`${where}: no text object`);
  const { type, text: value } = text as Json;
  if (typeof value !== 'string') return void problems.push(`${where}: text is not a string`);
  if (value.length > max) problems.push(`${where}: ${value.length} > ${max} characters`);
  if (type === 'mrkdwn') {
    const problem = mrkdwnProblem(value);
    if (problem) problems.push(`${where}: ${problem}`);
  }
}

function checkOptions(problems: string[], where: string, element: Json): void {
  const options = element.options as OptionObject[];
  if (!Array.isArray(options) || options.length === 0) return void problems.push(`${where}: no options`);
  if (options.length > limits.options) problems.push(`${where}: ${options.length} options`);
  const values = new Set<string>();
  for (const item of options) {
    checkText(problems, `${where}.option`, item.text, limits.optionText);
    if (item.value.length > limits.optionValue) problems.push(`${where}: option value ${item.value.length} long`);
    if (values.has(item.value)) problems.push(`${where}: duplicate option value ${item.value}`);
    values.add(item.value);
  }
  const initial = [
    ...((element.initial_options as OptionObject[] | undefined) ?? []),
    ...(element.initial_option ? [element.initial_option as OptionObject] : []),
  ];
  for (const item of initial) {
    // Slack requires initial options to be exactly equal to offered ones.
    if (!options.some((offered) => JSON.stringify(offered) === JSON.stringify(item))) {
      problems.push(`${where}: initial option ${item.value} is not among the options`);
    }
  }
}

function checkElement(problems: string[], where: string, element: Json): void {
  if (element.type === 'button') {
    checkText(problems, `${where}.text`, element.text, limits.buttonText);
    if (typeof element.value === 'string' && element.value.length > limits.buttonValue)
      problems.push(`${where}: value`);
    if (typeof element.url === 'string' && (element.url.length > limits.url || !/^https?:/.test(element.url))) {
      problems.push(`${where}: url`);
    }
  } else if (element.type === 'static_select' || element.type === 'multi_static_select') {
    checkOptions(problems, where, element);
  }
}

/** Every limit problem in `blocks`, for a message (50 blocks) or a view (100). */
export function blockKitProblems(blocks: Block[], maxBlocks: 50 | 100): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks > ${maxBlocks}`);
  blocks.forEach((block, index) => {
    const where = `blocks[${index}] ${block.type}`;
    const json = block as unknown as Json;
    switch (block.type) {
      case 'header':
        checkText(problems, where, block.text, limits.header);
        break;
      case 'section':
        if (block.text) checkText(problems, where, block.text, limits.section);
        if (block.fields && block.fields.length > limits.fields)
          problems.push(`${where}: ${block.fields.length} fields`);
        for (const field of block.fields ?? []) checkText(problems, `${where} field`, field, limits.field);
        if (!block.text && !block.fields?.length) problems.push(`${where}: neither text nor fields`);
        if (block.accessory) checkElement(problems, `${where} accessory`, block.accessory as unknown as Json);
        break;
      case 'context':
        if (block.elements.length === 0 || block.elements.length > limits.context) problems.push(`${where}: elements`);
        for (const element of block.elements) checkText(problems, where, element, limits.section);
        break;
      case 'actions':
        if (block.elements.length === 0 || block.elements.length > limits.actions) problems.push(`${where}: elements`);
        for (const element of block.elements) checkElement(problems, where, element as unknown as Json);
        break;
      case 'input':
        checkText(problems, where, block.label, limits.label);
        checkElement(problems, where, block.element as unknown as Json);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unknown block ${String(json.type)}`);
    }
  });
  return problems;
}

/** What a person did in the modal, by block id: chosen option values, or typed text. */
export type ModalInput = Record<string, string[] | string | null>;

/**
 * The `view` of a view_submission as Slack sends it: the view Baton built plus `id`, `hash`
 * and `state.values[block_id][action_id]`. Untouched inputs keep their initial value, as in
 * Slack; a value the modal does not offer throws, as Slack's UI cannot produce it.
 */
export function submitView(view: ModalView, input: ModalInput = {}): Json {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const element = block.element;
    const given = input[block.block_id];
    if (element.type === 'multi_static_select') {
      const chosen = Array.isArray(given) ? given : (element.initial_options ?? []).map((item) => item.value);
      const selected = chosen.map((value) => {
        const offered = element.options.find((item) => item.value === value);
        if (!offered) throw new Error(`the modal offers no option ${value}`);
        return offered;
      });
      values[block.block_id] = { [element.action_id]: { type: element.type, selected_options: selected } };
    } else {
      const value = typeof given === 'string' || given === null ? given : (element.initial_value ?? null);
      values[block.block_id] = { [element.action_id]: { type: element.type, value } };
    }
  }
  return {
    id: 'V0123456789',
    team_id: 'T0123456789',
    app_id: 'A0123456789',
    hash: '1712345678.abcdef',
    ...view,
    state: { values },
  };
}
