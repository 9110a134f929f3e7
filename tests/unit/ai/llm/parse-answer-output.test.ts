import { parseAnswerOutput, stripCitationMarkers } from '../../../../src/ai/llm/parse-answer-output';

describe('parseAnswerOutput', () => {
  it.each([
    [
      'plain JSON',
      '{"answer":"Every 20 minutes.","unsure":false,"sources":[1],"language":"en"}',
      { answer: 'Every 20 minutes.', unsure: false, sources: [1], language: 'en' },
    ],
    [
      'a json code fence',
      '```json\n{"answer":"Dial 112.","unsure":false,"sources":[2],"language":"en"}\n```',
      { answer: 'Dial 112.', unsure: false, sources: [2], language: 'en' },
    ],
    [
      'JSON inside a sentence',
      'Here you go: {"answer": "Yes.", "unsure": false, "sources": [1, 3]} Hope it helps!',
      { answer: 'Yes.', unsure: false, sources: [1, 3], language: undefined },
    ],
    [
      'sloppy fields: string sources, string boolean, empty answer',
      '{"answer":"  ","unsure":"true","sources":["[2]","3"],"language":"fr"}',
      { answer: null, unsure: true, sources: [2, 3], language: 'fr' },
    ],
    [
      'missing fields take their defaults',
      '{"answer":null}',
      { answer: null, unsure: false, sources: [], language: undefined },
    ],
    [
      'an implausible language is dropped, not fatal',
      '{"answer":"Oui.","sources":[1],"language":"x"}',
      { answer: 'Oui.', unsure: false, sources: [1], language: undefined },
    ],
  ])('reads %s', (_case, content, expected) => {
    expect(parseAnswerOutput(content)).toEqual(expected);
  });

  it.each([
    ['null content', null],
    ['empty content', ''],
    ['prose', 'The shuttle leaves every 20 minutes.'],
    ['truncated JSON', '{"answer":"The shuttle leaves ev'],
    ['a JSON array', '[1, 2]'],
    ['a non-string answer', '{"answer": 42, "sources": [1]}'],
    ['non-numeric sources', '{"answer": "Yes", "sources": ["transfers.md"]}'],
  ])('gives null for %s', (_case, content) => {
    expect(parseAnswerOutput(content)).toBeNull();
  });
});

describe('stripCitationMarkers', () => {
  it.each([
    ['The bus leaves every 20 minutes [1].', 'The bus leaves every 20 minutes.'],
    ['Dial 112 [1, 2] or go to Santa Clara [3][4].', 'Dial 112 or go to Santa Clara.'],
    ['Bring a swimsuit【1†source】.', 'Bring a swimsuit.'],
    ['Room [12B] is upstairs.', 'Room [12B] is upstairs.'],
    ['No markers here.', 'No markers here.'],
  ])('%j → %j', (text, expected) => {
    expect(stripCitationMarkers(text)).toBe(expected);
  });
});
