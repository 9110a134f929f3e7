import { type AssistantSettings, buildAnswerPrompt, languageRule } from '../../../../src/ai/llm/build-answer-prompt';
import type { RetrievalResult } from '../../../../src/ai/retrieval/knowledge-index';

const assistant: AssistantSettings = {
  name: 'Marina',
  company: 'Azul Travel',
  defaultLanguage: 'en',
  languages: ['en', 'fr', 'es'],
  instructions: 'Never promise refunds.',
};

const result = (documentPath: string, headingPath: string, text: string): RetrievalResult => ({
  chunkId: documentPath,
  documentPath,
  headingPath,
  text,
  score: 40,
  coverage: 0.8,
  missing: [],
});

function prompt(overrides: Partial<Parameters<typeof buildAnswerPrompt>[0]> = {}) {
  const [system, user] = buildAnswerPrompt({
    question: 'How often does the shuttle leave?',
    sources: [
      result('transfers.md', 'Airport transfers > Shuttle bus', 'The shuttle bus leaves\nevery 20 minutes.'),
      result('emergencies.md', 'Emergencies > Numbers', 'Dial 112.'),
    ],
    assistant,
    maxLength: 320,
    ...overrides,
  });
  return { system: String(system?.content), user: String(user?.content), roles: [system?.role, user?.role] };
}

describe('buildAnswerPrompt', () => {
  it('asks for a grounded JSON answer as the assistant, within the length, with the company instructions', () => {
    const { system, roles } = prompt();
    expect(roles).toEqual(['system', 'user']);
    expect(system).toContain('You are Marina, the travel assistant of Azul Travel');
    expect(system).toContain('Answer ONLY from the numbered sources');
    expect(system).toContain('at most 320 characters');
    expect(system).toContain('no source markers such as [1]');
    expect(system).toContain('Instructions from Azul Travel: Never promise refunds.');
    expect(system).toContain('{"answer": string or null, "unsure": boolean, "sources"');
    expect(system).not.toContain('call that tool');
  });

  it('numbers the sources with where they come from, then the question', () => {
    expect(prompt().user).toBe(
      [
        'Sources:',
        '[1] transfers.md › Airport transfers > Shuttle bus',
        'The shuttle bus leaves every 20 minutes.',
        '',
        '[2] emergencies.md › Emergencies > Numbers',
        'Dial 112.',
        '',
        "Traveler's question:",
        'How often does the shuttle leave?',
      ].join('\n'),
    );
  });

  it('says when there are no sources', () => {
    expect(prompt({ sources: [] }).user).toMatch(/^Sources:\n\(none found\)\n\nTraveler's question:/);
  });

  it('puts the recent history before the sources as a transcript, without system messages', () => {
    const history = [
      ...Array.from({ length: 10 }, (_, i) => ({ author: 'traveler' as const, text: `old ${i}` })),
      { author: 'system' as const, text: 'Conversation handed off' },
      { author: 'specialist' as const, text: 'Hi, Ana here.' },
      { author: 'ai' as const, text: `A long answer ${'x'.repeat(400)}` },
    ];
    const { user } = prompt({ history });
    const transcript = user.split('\n\nSources:')[0] ?? '';
    const lines = transcript.split('\n');
    expect(lines[0]).toBe('Conversation so far (oldest first):');
    expect(lines.slice(1, 4)).toEqual(['Traveler: old 4', 'Traveler: old 5', 'Traveler: old 6']);
    expect(lines).toHaveLength(9);
    expect(lines[7]).toBe('Specialist: Hi, Ana here.');
    expect(lines[8]?.length).toBeLessThanOrEqual('Assistant: '.length + 300);
    expect(transcript).not.toContain('handed off');
  });

  it('mentions tools only when actions are offered', () => {
    expect(prompt({ hasTools: true }).system).toContain('call that tool instead of answering');
  });
});

describe('languageRule', () => {
  it.each([
    ['a known configured language', 'fr', assistant.languages, 'Answer in French (language code "fr").'],
    ['a known base language', 'es-MX', assistant.languages, 'Answer in Spanish (language code "es").'],
    ['a known language not configured', 'de', assistant.languages, 'Answer in English (language code "en").'],
    ['one configured language', undefined, ['en'], 'Answer in English (language code "en").'],
    [
      'an unknown language',
      undefined,
      assistant.languages,
      'Answer in the language of the traveler\'s question when it is one of English (en), French (fr), Spanish (es); otherwise in English (language code "en").',
    ],
  ])('%s', (_case, language, languages, expected) => {
    expect(languageRule({ ...assistant, languages }, language)).toBe(expected);
  });
});
