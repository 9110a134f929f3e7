import { baseLanguage, matchCandidate } from '../../../../src/ai/language/match-candidate';

describe('matchCandidate', () => {
  it.each([
    ['pt', ['en', 'pt-BR'], 'pt-BR'],
    ['pt-PT', ['pt-BR', 'pt-PT'], 'pt-PT'],
    ['pt-pt', ['pt-BR', 'pt-PT'], 'pt-PT'],
    ['pt', ['pt-BR', 'pt-PT'], 'pt-BR'],
    ['no', ['en', 'nb'], 'nb'],
    ['nn', ['no'], 'no'],
    ['he', ['iw'], 'iw'],
    ['EN', ['en'], 'en'],
    ['es', ['en', 'pt'], undefined],
    ['zh', [], undefined],
  ] as const)('%s among %j → %s', (language, candidates, expected) => {
    expect(matchCandidate(language, candidates)).toBe(expected);
  });
});

describe('baseLanguage', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['zh-Hant-TW', 'zh'],
    ['nb', 'no'],
    ['FR', 'fr'],
  ])('%s → %s', (code, expected) => {
    expect(baseLanguage(code)).toBe(expected);
  });
});
