import { NamedPlaces } from '../../../../src/ai/retrieval/named-places';
import { questionNames } from '../../../../src/ai/retrieval/question-names';

const places = new NamedPlaces();
places.addDocument('bronx.md', 'Bronx');
places.addDocument('busan.md', 'Busan');
places.addDocument('busan-haeundae.md', 'Busan/Haeundae');
places.addDocument('lille.md', 'Lille');
places.addDocument('nantes.md', 'Nantes');
places.addDocument('faq.md', null);
const unmatched = (question: string, documentPath: string) => places.unmatched(questionNames(question), documentPath);

describe('NamedPlaces', () => {
  it.each([
    ['How much does the Bronx Zoo charge for entry?', 'busan-haeundae.md', ['Bronx Zoo']],
    ['How much does the Bronx Zoo charge for entry?', 'bronx.md', []],
    // Every document titled with the place is about it: Busan's guide and its Haeundae district's.
    ['Does it snow in Busan in winter?', 'busan-haeundae.md', []],
    // One of the named places is enough: a trip names where it starts and where it ends.
    ['How long is the train from Lille to Nantes?', 'nantes.md', []],
    ['How do I get from Lille to Disneyland Paris?', 'nantes.md', ['Lille']],
    // Names that are no document's subject are left to coverage.
    ['What is the baggage allowance on the KTX train?', 'lille.md', []],
    ['Where is the cafe from the film?', 'faq.md', []],
  ])('%j from %s → %j', (question, documentPath, expected) => {
    expect(unmatched(question, documentPath)).toEqual(expected);
  });
});

describe('NamedPlaces: the places a document locates itself by', () => {
  const near = new NamedPlaces();
  near.addDocument('boston-fenway.md', 'Boston/Fenway-Kenmore');
  near.addDocument('brookline.md', 'Brookline');
  near.addLead(
    'brookline.md',
    '**Brookline** is a town in Massachusetts that is bordered on three sides by Boston. Paris is far.',
  );
  near.addDocument('toulouse.md', 'Toulouse');
  near.addLead(
    'toulouse.md',
    '*For other places, see Toulouse (disambiguation).*\n**Toulouse** is a city in France. It is the fourth largest after Boston.',
  );
  near.addDocument('paris.md', 'Paris');

  it.each([
    // The lead's first sentence locates Brookline by Boston: it answers for Boston too.
    ['Where are the kosher restaurants around Boston?', 'brookline.md', []],
    // Only the first sentence counts, not a comparison after it.
    ['Is there a rugby club in Boston?', 'toulouse.md', ['Boston']],
    ['Is there a cafe in Paris?', 'brookline.md', ['Paris']],
  ])('%j from %s → %j', (question, documentPath, expected) => {
    expect(near.unmatched(questionNames(question), documentPath)).toEqual(expected);
  });
});
