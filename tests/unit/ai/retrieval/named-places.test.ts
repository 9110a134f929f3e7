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
