import type { SectionBlock, SlackMessage } from '../../../../src/handoff/blocks/block-kit';
import {
  buildClaimedNote,
  buildDeleteNote,
  buildDeliveryFailureNote,
  buildEditNote,
  buildHandedBackNote,
  buildPrivateNoteHint,
  buildResolvedNote,
  buildTravelerMessagePost,
  buildTravelerMessagePosts,
  DELIVERED_REACTION,
  type TravelerBurstMessage,
} from '../../../../src/handoff/blocks/thread-notes';
import { blockKitProblems } from './block-kit-check';

const at = new Date('2025-06-01T14:05:00Z');
const stamp = `*<!date^${at.getTime() / 1000}^{time}|2025-06-01 14:05 UTC>*`;

function message(text: string, media: TravelerBurstMessage['media'] = []): TravelerBurstMessage {
  return { text, at, media };
}

function sectionTexts(post: SlackMessage): string[] {
  return post.blocks.map((block) => (block as SectionBlock).text?.text ?? '');
}

describe('buildTravelerMessagePost', () => {
  it('coalesces a burst into one post that keeps every message and every line', () => {
    const input = {
      travelerLabel: 'Ana Lima',
      messages: [message('hi'), message('my flight\nwas cancelled\n\ntwice'), message('help?')],
    };
    const post = buildTravelerMessagePost(input);
    expect(sectionTexts(post)).toEqual([
      `${stamp}\nhi\n\n${stamp}\nmy flight\nwas cancelled\n\ntwice\n\n${stamp}\nhelp?`,
    ]);
    expect(post.text).toBe('Ana Lima: hi (+2 more)');
    expect(blockKitProblems(post.blocks, 50)).toEqual([]);
    expect(buildTravelerMessagePosts(input)).toEqual([post]);
  });

  it('lists media as links under the text', () => {
    const post = buildTravelerMessagePost({
      messages: [
        message('my bag', [
          { url: 'https://baton.example/media/1?sig=a&exp=2', contentType: 'image/jpeg' },
          { url: 'https://baton.example/media/2|x', contentType: '' },
        ]),
        message('', [{ url: 'https://baton.example/media/3', contentType: 'audio/ogg' }]),
      ],
    });
    expect(sectionTexts(post)).toEqual([
      [
        `${stamp}\nmy bag\n:paperclip: <https://baton.example/media/1?sig=a&amp;exp=2|image/jpeg>`,
        ':paperclip: <https://baton.example/media/2%7Cx|attachment>',
        '',
        `${stamp}\n:paperclip: <https://baton.example/media/3|audio/ogg>`,
      ].join('\n'),
    ]);
    expect(post.text).toBe('Traveler: my bag (+1 more)');
  });

  it('escapes traveler text so it cannot mention or link', () => {
    const post = buildTravelerMessagePost({ messages: [message('<!channel> call me & <@U0EVIL>')] });
    expect(sectionTexts(post)).toEqual([`${stamp}\n&lt;!channel&gt; call me &amp; &lt;@U0EVIL&gt;`]);
    expect(post.text).toBe('Traveler: &lt;!channel&gt; call me &amp; &lt;@U0EVIL&gt;');
  });

  it('packs whole messages into sections of at most 3000 characters', () => {
    const messages = Array.from({ length: 10 }, (_, index) => message(`${index}`.padEnd(1000, '.')));
    const post = buildTravelerMessagePost({ messages });
    const texts = sectionTexts(post);
    expect(texts).toHaveLength(5);
    expect(texts.join('\n\n')).toBe(messages.map((item) => `${stamp}\n${item.text}`).join('\n\n'));
    expect(blockKitProblems(post.blocks, 50)).toEqual([]);
  });

  it('continues a long message in the next section without losing a character', () => {
    const words = Array.from({ length: 1500 }, (_, index) => `w${index}&`).join(' ');
    const post = buildTravelerMessagePost({ messages: [message('short'), message(words)] });
    const [first, ...rest] = sectionTexts(post);
    expect(first).toBe(`${stamp}\nshort`);
    expect(rest.length).toBeGreaterThan(3);
    expect(rest.join('')).toBe(`${stamp}\n${words.replace(/&/g, '&amp;')}`);
    expect(blockKitProblems(post.blocks, 50)).toEqual([]);
  });

  it('warns in the post when a burst exceeds what one post can hold', () => {
    const messages = Array.from({ length: 120 }, (_, index) => message(`${index}`.padEnd(2000, '.')));
    const post = buildTravelerMessagePost({ messages });
    expect(post.blocks).toHaveLength(50);
    expect(post.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: ':warning: 71 more messages from the traveler did not fit in this post (Slack allows 50 blocks per message).',
        },
      ],
    });
    expect(blockKitProblems(post.blocks, 50)).toEqual([]);
  });

  it('refuses to build a post of no messages', () => {
    expect(() => buildTravelerMessagePost({ messages: [] })).toThrow(RangeError);
  });

  it('marks an empty message', () => {
    expect(sectionTexts(buildTravelerMessagePost({ messages: [message('')] }))).toEqual([
      `${stamp}\n_(empty message)_`,
    ]);
  });
});

describe('buildTravelerMessagePosts', () => {
  it('spreads an extraordinary burst over several posts, never dropping a message', () => {
    const messages = Array.from({ length: 120 }, (_, index) => message(`${index}`.padEnd(2000, '.')));
    const posts = buildTravelerMessagePosts({ messages });
    expect(posts.map((post) => post.blocks.length)).toEqual([50, 50, 20]);
    expect(posts.flatMap(sectionTexts)).toEqual(messages.map((item) => `${stamp}\n${item.text}`));
    expect(posts[1]?.text).toBe('Traveler: (continued)');
    for (const post of posts) expect(blockKitProblems(post.blocks, 50)).toEqual([]);
  });

  it('posts nothing for no messages', () => {
    expect(buildTravelerMessagePosts({ messages: [] })).toEqual([]);
  });
});

describe('buildDeliveryFailureNote', () => {
  it.each([
    ['21610', /opted out/],
    ['63016', /write again/],
    ['21211', /Check the number/],
    ['63024', /Check the number/],
    ['99999', /did not reach the traveler/],
    [undefined, /did not reach the traveler/],
  ])('code %s → advice %s', (code, advice) => {
    const note = buildDeliveryFailureNote({ reason: 'Something <bad> & sad.', ...(code && { code }) });
    const section = note.blocks[0] as SectionBlock;
    expect(section.text?.text).toMatch(
      /^:warning: \*Not delivered to the traveler\.\* Something &lt;bad&gt; &amp; sad\.\n/,
    );
    expect(section.text?.text).toMatch(advice);
    expect(note.text).toBe(':warning: Not delivered to the traveler: Something &lt;bad&gt; &amp; sad.');
    expect(JSON.stringify(note.blocks)).toEqual(
      code ? expect.stringContaining(`Provider code ${code}`) : expect.not.stringContaining('Provider code'),
    );
    expect(blockKitProblems(note.blocks, 50)).toEqual([]);
  });
});

describe('thread notes', () => {
  it('uses the white check mark for delivered replies', () => {
    expect(DELIVERED_REACTION).toBe('white_check_mark');
  });

  it.each([
    ['edit', buildEditNote(), 'Edits are not relayed: the traveler already has the original message.'],
    ['delete', buildDeleteNote(), 'Deletions are not relayed: the traveler already has the message.'],
    [
      'private note hint',
      buildPrivateNoteHint({ prefix: '!' }),
      'Replies in this thread go to the traveler. Start a reply with `!` to keep it in Slack as a private note.',
    ],
    [
      'claimed',
      buildClaimedNote({ by: 'U0AAA1111' }),
      ':raising_hand: <@U0AAA1111> claimed this conversation: the AI stays silent until it is handed back.',
    ],
    [
      'handed back by a person',
      buildHandedBackNote({ by: 'U0AAA1111' }),
      ':robot_face: <@U0AAA1111> handed the conversation back to the AI.',
    ],
    ['handed back by Baton', buildHandedBackNote({}), ':robot_face: Baton handed the conversation back to the AI.'],
    [
      'resolved',
      buildResolvedNote({ by: 'U0AAA1111' }),
      ':white_check_mark: <@U0AAA1111> resolved this conversation. If the traveler writes again, a new thread starts.',
    ],
    [
      'resolved by something not a user id',
      buildResolvedNote({ by: '<!channel>' }),
      ':white_check_mark: &lt;!channel&gt; resolved this conversation. If the traveler writes again, a new thread starts.',
    ],
  ])('%s', (_name, note, expected) => {
    expect(note.text).toBe(expected);
    expect(note.blocks).toEqual([{ type: 'context', elements: [{ type: 'mrkdwn', text: expected }] }]);
  });
});
