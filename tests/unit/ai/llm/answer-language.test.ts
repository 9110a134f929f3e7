import { languageName, matchConfiguredLanguage } from '../../../../src/ai/llm/answer-language';

describe('matchConfiguredLanguage', () => {
  it.each([
    [undefined, ['en', 'fr'], undefined],
    ['fr', ['en', 'fr'], 'fr'],
    ['FR', ['en', 'fr'], 'fr'],
    ['fr-CA', ['en', 'fr'], 'fr'],
    ['pt', ['en', 'pt-BR'], 'pt-BR'],
    ['pt-BR', ['pt-PT', 'pt-BR'], 'pt-BR'],
    ['de', ['en', 'fr'], undefined],
  ])('%s in %j → %s', (language, languages, expected) => {
    expect(matchConfiguredLanguage(language, languages)).toBe(expected);
  });
});

describe('languageName', () => {
  it.each([
    ['fr', 'French'],
    ['pt-BR', 'Brazilian Portuguese'],
    ['not a code!', 'not a code!'],
  ])('%s → %s', (code, expected) => {
    expect(languageName(code)).toBe(expected);
  });
});
