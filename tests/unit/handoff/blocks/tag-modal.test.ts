import type { InputBlock, MultiStaticSelectElement } from '../../../../src/handoff/blocks/block-kit';
import {
  buildTagModal,
  readTagModalSubmission,
  TAG_MODAL_ACTION_ID,
  TAG_MODAL_BLOCK_ID,
  TAG_MODAL_CALLBACK_ID,
  type TagModalInput,
} from '../../../../src/handoff/blocks/tag-modal';
import { ViewSubmissionError } from '../../../../src/handoff/blocks/view-submission';
import { blockKitProblems, submitView } from './block-kit-check';

const configuredTags: TagModalInput['tags'] = [
  { name: 'urgent', emoji: ':rotating_light:', description: 'Needs an answer within the hour' },
  { name: 'itinerary change' },
  { name: 'group booking', emoji: '👥' },
  { name: 'local emergency', emoji: ':ambulance:' },
];

function modalInput(overrides: Partial<TagModalInput> = {}): TagModalInput {
  return {
    conversationId: 'conv_123',
    travelerLabel: 'Ana Lima',
    tags: configuredTags,
    applied: ['urgent'],
    ...overrides,
  };
}

function select(view: ReturnType<typeof buildTagModal>): MultiStaticSelectElement {
  const input = view.blocks.find((block): block is InputBlock => block.type === 'input');
  if (input?.element.type !== 'multi_static_select') throw new Error('no multi-select in the modal');
  return input.element;
}

describe('buildTagModal', () => {
  it('is the tag_conversation_modal with the conversation in private_metadata', () => {
    const view = buildTagModal(modalInput());
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'tag_conversation_modal',
      title: { type: 'plain_text', text: 'Tag conversation' },
      submit: { text: 'Save' },
    });
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ conversationId: 'conv_123' });
    const input = view.blocks.find((block) => block.type === 'input');
    expect(input).toMatchObject({ block_id: 'tags', optional: true, element: { action_id: 'tags_select' } });
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it('offers every configured tag as "emoji name", with the applied ones selected', () => {
    const element = select(buildTagModal(modalInput({ applied: ['urgent', 'group booking'] })));
    expect(element.options.map((item) => [item.text.text, item.value])).toEqual([
      [':rotating_light: urgent', 'urgent'],
      ['itinerary change', 'itinerary change'],
      ['👥 group booking', 'group booking'],
      [':ambulance: local emergency', 'local emergency'],
    ]);
    expect(element.options[0]?.description?.text).toBe('Needs an answer within the hour');
    expect(element.initial_options?.map((item) => item.value)).toEqual(['urgent', 'group booking']);
  });

  it('leaves initial_options out when nothing is applied', () => {
    expect(select(buildTagModal(modalInput({ applied: [] }))).initial_options).toBeUndefined();
  });

  it('still offers an applied tag the config no longer lists, so it can be removed', () => {
    const element = select(buildTagModal(modalInput({ applied: ['vip'] })));
    expect(element.options.at(-1)?.value).toBe('vip');
    expect(element.initial_options?.map((item) => item.value)).toEqual(['vip']);
  });

  it('escapes the traveler label', () => {
    const view = buildTagModal(modalInput({ travelerLabel: '<!here> & co' }));
    expect(JSON.stringify(view.blocks[0])).toContain('Tags for *&lt;!here&gt; &amp; co*');
  });

  it('explains instead of offering an empty select when no tags exist', () => {
    const view = buildTagModal(modalInput({ tags: [], applied: [] }));
    expect(view.blocks.some((block) => block.type === 'input')).toBe(false);
    expect(view.submit).toBeUndefined();
    expect(JSON.stringify(view.blocks)).toContain('No tags are configured yet');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
  });

  it('stays within 100 options, offering the applied tags first', () => {
    const many = Array.from({ length: 150 }, (_, index) => ({ name: `tag ${index}` }));
    const view = buildTagModal(modalInput({ tags: many, applied: ['tag 140', 'tag 3'] }));
    const element = select(view);
    expect(element.options).toHaveLength(100);
    expect(element.options.map((item) => item.value)).toEqual(expect.arrayContaining(['tag 140', 'tag 3']));
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    expect(readTagModalSubmission(submitView(view)).tags.sort()).toEqual(['tag 140', 'tag 3']);
  });
});

describe('tag modal round trip', () => {
  it.each([
    ['untouched', undefined, ['urgent']],
    ['adds and removes', ['itinerary change', 'local emergency'], ['itinerary change', 'local emergency']],
    ['clears every tag', [], []],
  ])('%s', (_name, chosen, expected) => {
    const view = buildTagModal(modalInput());
    const submitted = submitView(view, chosen === undefined ? {} : { [TAG_MODAL_BLOCK_ID]: chosen });
    expect(readTagModalSubmission(submitted)).toEqual({ conversationId: 'conv_123', tags: expected });
  });

  it('keeps applied tags whose names are too long for a Slack option', () => {
    const long = `a tag with a very long name ${'x'.repeat(60)}`;
    const view = buildTagModal(modalInput({ tags: [...configuredTags, { name: long }], applied: ['urgent', long] }));
    expect(select(view).options.map((item) => item.value)).not.toContain(long);
    expect(JSON.stringify(view.blocks)).toContain('Also applied, not editable here');
    expect(readTagModalSubmission(submitView(view, { tags: [] }))).toEqual({
      conversationId: 'conv_123',
      tags: [long],
    });
  });

  it('accepts a multi-select Slack sent without selected_options', () => {
    const view = buildTagModal(modalInput());
    const submitted = submitView(view, { tags: [] }) as { state: { values: Record<string, Record<string, object>> } };
    submitted.state.values[TAG_MODAL_BLOCK_ID] = { [TAG_MODAL_ACTION_ID]: { type: 'multi_static_select' } };
    expect(readTagModalSubmission(submitted).tags).toEqual([]);
  });
});

describe('readTagModalSubmission rejects what buildTagModal did not make', () => {
  const good = () => submitView(buildTagModal(modalInput())) as Record<string, unknown>;
  const withState = (value: unknown) => ({ ...good(), state: { values: { tags: { tags_select: value } } } });
  const cases: Array<[string, unknown, RegExp]> = [
    ['null', null, /malformed/],
    ['a string', 'view', /malformed/],
    ['no state', { ...good(), state: undefined }, /malformed \(state/],
    [
      'another modal',
      { ...good(), callback_id: 'find_conversation_modal' },
      /expected a submission of the tag_conversation_modal view/,
    ],
    ['no tags block', { ...good(), state: { values: {} } }, /no state value at tags\.tags_select/],
    [
      'a single select',
      withState({ type: 'static_select', selected_option: { value: 'urgent' } }),
      /tags\.tags_select is malformed/,
    ],
    [
      'options without values',
      withState({ type: 'multi_static_select', selected_options: [{}] }),
      /selected_options\.0\.value/,
    ],
    ['metadata not JSON', { ...good(), private_metadata: 'conv_123' }, /private_metadata is not JSON/],
    [
      'metadata without a conversation',
      { ...good(), private_metadata: '{}' },
      /private_metadata is malformed \(conversationId/,
    ],
    ['no metadata', { ...good(), private_metadata: undefined }, /private_metadata is not JSON/],
  ];
  it.each(cases)('%s', (_name, view, message) => {
    let thrown: unknown;
    try {
      readTagModalSubmission(view);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ViewSubmissionError);
    expect((thrown as ViewSubmissionError).code).toBe('payload_invalid');
    expect((thrown as ViewSubmissionError).blockId).toBeUndefined();
    expect((thrown as Error).message).toMatch(message);
  });

  it('matches the documented ids', () => {
    expect([TAG_MODAL_CALLBACK_ID, TAG_MODAL_BLOCK_ID, TAG_MODAL_ACTION_ID]).toEqual([
      'tag_conversation_modal',
      'tags',
      'tags_select',
    ]);
  });
});
