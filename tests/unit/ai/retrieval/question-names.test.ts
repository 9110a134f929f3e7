import { questionNames, titlePlaces } from '../../../../src/ai/retrieval/question-names';

describe('questionNames', () => {
  it.each([
    ['How much does the Bronx Zoo charge for entry?', ['Bronx Zoo']],
    ['How do I get from Lille to Disneyland Paris?', ['Lille', 'Disneyland Paris']],
    ['Are hotels walkable from Gare du Nord?', ['Gare du Nord']],
    ['What is the baggage allowance on the KTX train?', ['KTX']],
    // The first word of a sentence is not a name, nor is "I".
    ['Where can I see hipsters? Is Bedford Avenue busy?', ['Bedford Avenue']],
    ["I'm 19, can I drink in the bars?", []],
    ['Which mornings is the market on?', []],
  ])('%j → %j', (question, expected) => {
    expect(questionNames(question).map((name) => name.text)).toEqual(expected);
  });

  it('gives each name its index terms', () => {
    expect(questionNames('Is the Musée d’Orsay near Bir-Hakeim?')).toEqual([
      { text: 'Musée d’Orsay', terms: ['muse', 'orsay'] },
      { text: 'Bir-Hakeim', terms: ['bir', 'hakeim'] },
    ]);
  });
});

describe('titlePlaces', () => {
  it.each([
    ['Paris/7th arrondissement', [['pari'], ['7', 'th', 'arrondiss']]],
    ['Boston/Fenway-Kenmore', [['boston'], ['fenway'], ['kenmor']]],
    // A parenthesis tells places apart; it is not what the document is about.
    ['Cambridge (Massachusetts)', [['cambridg']]],
    ['Airport transfers', [['airport', 'transfer']]],
  ])('%j → %j', (title, expected) => {
    expect(titlePlaces(title)).toEqual(expected);
  });
});
