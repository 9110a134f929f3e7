import type { ActionsBlock, ButtonElement, SectionBlock } from '../../../../src/handoff/blocks/block-kit';
import {
  buildFindModal,
  buildFindResults,
  FIND_MODAL_CALLBACK_ID,
  FIND_QUERY_BLOCK_ID,
  FIND_RESULT_OPEN_ACTION_ID,
  FIND_RESULT_TAG_ACTION_ID,
  type FindResult,
  readFindSubmission,
} from '../../../../src/handoff/blocks/find-modal';
import { ViewSubmissionError } from '../../../../src/handoff/blocks/view-submission';
import { blockKitProblems, submitView } from './block-kit-check';

function result(index: number, overrides: Partial<FindResult> = {}): FindResult {
  return {
    conversationId: `conv_${index}`,
    travelerLabel: `Traveler ${index}`,
    channel: 'twilio_whatsapp',
    state: 'human',
    tags: ['urgent', 'group booking'],
    threadLink: `https://acme.slack.com/archives/C1/p17000000000${String(index).padStart(5, '0')}`,
    ...overrides,
  };
}

function caught(read: () => unknown): ViewSubmissionError {
  try {
    read();
  } catch (error) {
    if (error instanceof ViewSubmissionError) return error;
    throw error;
  }
  throw new Error('expected a ViewSubmissionError');
}

function buttonsOf(view: ReturnType<typeof buildFindResults>): ButtonElement[][] {
  return view.blocks
    .filter((block): block is ActionsBlock => block.type === 'actions')
    .map((block) => block.elements as ButtonElement[]);
}

describe('buildFindModal', () => {
  it('asks for a phone number, name or confirmation number', () => {
    const view = buildFindModal();
    expect(view).toMatchObject({ type: 'modal', callback_id: 'find_conversation_modal', submit: { text: 'Find' } });
    expect(view.blocks).toEqual([
      expect.objectContaining({
        type: 'input',
        block_id: 'query',
        label: expect.objectContaining({ text: 'Phone number, name or confirmation number' }),
        element: expect.objectContaining({ type: 'plain_text_input', action_id: 'query_input' }),
      }),
    ]);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });
});

describe('readFindSubmission', () => {
  it.each([
    ['ABC123', 'ABC123'],
    ['  +1 555 0100 \n', '+1 555 0100'],
    ['Ana Lima', 'Ana Lima'],
  ])('%j → %j', (typed, query) => {
    expect(readFindSubmission(submitView(buildFindModal(), { [FIND_QUERY_BLOCK_ID]: typed }))).toBe(query);
  });

  it.each([
    ['blank', '   ', /Type a phone number/],
    ['null', null, /Type a phone number/],
    ['too long', 'x'.repeat(201), /under 200 characters/],
  ])('a %s query is an error on the query block', (_name, typed, message) => {
    const error = caught(() => readFindSubmission(submitView(buildFindModal(), { query: typed })));
    expect(error.blockId).toBe('query');
    expect(error.responseErrors).toEqual({ query: expect.stringMatching(message) });
  });

  it.each([
    ['nothing', undefined],
    ['the tag modal', { callback_id: 'tag_conversation_modal', state: { values: {} } }],
    ['no query block', { callback_id: FIND_MODAL_CALLBACK_ID, state: { values: {} } }],
    [
      'a number instead of text',
      {
        callback_id: FIND_MODAL_CALLBACK_ID,
        state: { values: { query: { query_input: { type: 'plain_text_input', value: 5 } } } },
      },
    ],
    [
      'another element',
      {
        callback_id: FIND_MODAL_CALLBACK_ID,
        state: { values: { query: { query_input: { type: 'email_text_input', value: 'a@b' } } } },
      },
    ],
  ])('rejects %s as malformed, not as the person’s mistake', (_name, view) => {
    const error = caught(() => readFindSubmission(view));
    expect(error.blockId).toBeUndefined();
    expect(error.responseErrors).toEqual({});
  });
});

describe('buildFindResults', () => {
  it('lists each result with an Open thread link and a Tag button', () => {
    const view = buildFindResults({ query: 'Lima', results: [result(1), result(2, { threadLink: undefined })] });
    const sections = view.blocks.filter((block): block is SectionBlock => block.type === 'section');
    expect(sections.map((block) => block.text?.text)).toEqual([
      '*Traveler 1* · WhatsApp · :raising_hand: With a specialist\nTags: urgent, group booking',
      '*Traveler 2* · WhatsApp · :raising_hand: With a specialist\nTags: urgent, group booking',
    ]);
    expect(buttonsOf(view)).toEqual([
      [
        expect.objectContaining({ action_id: FIND_RESULT_OPEN_ACTION_ID, url: result(1).threadLink }),
        expect.objectContaining({ action_id: 'find_result_tag', value: 'conv_1' }),
      ],
      [expect.objectContaining({ action_id: FIND_RESULT_TAG_ACTION_ID, value: 'conv_2' })],
    ]);
    expect(JSON.stringify(view.blocks)).toContain('2 conversations matching “Lima”');
  });

  it('shows at most 20 results and says how many matched', () => {
    const view = buildFindResults({ query: 'a', results: Array.from({ length: 25 }, (_, index) => result(index)) });
    expect(buttonsOf(view)).toHaveLength(20);
    expect(JSON.stringify(view.blocks)).toContain('First 20 of 25 conversations matching “a”');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it('says when nothing matches, escaping the query', () => {
    const view = buildFindResults({ query: '<!channel> & co', results: [] });
    expect(JSON.stringify(view.blocks)).toContain('No conversation matches “&lt;!channel&gt; &amp; co”');
    expect(buttonsOf(view)).toEqual([]);
  });

  it('never makes a link button of a non-http thread link', () => {
    const view = buildFindResults({ query: 'x', results: [result(1, { threadLink: 'javascript:alert(1)' })] });
    expect(buttonsOf(view)[0]?.map((item) => item.action_id)).toEqual([FIND_RESULT_TAG_ACTION_ID]);
  });

  it('keeps the query in the modal so the search can be refined and submitted again', () => {
    const view = buildFindResults({ query: 'ABC123', results: [result(1)] });
    expect(view.callback_id).toBe(FIND_MODAL_CALLBACK_ID);
    expect(readFindSubmission(submitView(view))).toBe('ABC123');
    expect(readFindSubmission(submitView(view, { query: 'Lima' }))).toBe('Lima');
  });

  it('escapes labels and tags of results', () => {
    const view = buildFindResults({
      query: 'x',
      results: [result(1, { travelerLabel: '<@U0EVIL>', tags: ['a&b'] })],
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*&lt;@U0EVIL&gt;*');
    expect(text).toContain('Tags: a&amp;b');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });
});
