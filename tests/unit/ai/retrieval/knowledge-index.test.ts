import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import { fixtureChunks } from './fixture-chunks';

describe('KnowledgeIndex.search', () => {
  const index = new KnowledgeIndex(fixtureChunks);

  it.each([
    // direct: shares the text's words
    ['How often does the shuttle bus leave the airport?', 'transfers-1'],
    ['Which number do I dial for an ambulance?', 'emergency-1'],
    ['When does the boat trip to the sea caves leave?', 'tours-1'],
    ['How long does a taxi to the old town take?', 'transfers-2'],
    // paraphrased: few or no shared words, found through synonyms and headings
    ['Is there a pickup from my plane to the city?', 'transfers-1'],
    ['Do I need a visa?', 'visas-1'],
    ['Can I get a refund if I cancel my tour?', 'tours-2'],
    ['Where can I leave my suitcase before check-in?', 'hotels-1'],
    ['What is the cost of a cab at night?', 'transfers-2'],
  ])('%s → %s first', (question, chunkId) => {
    expect(index.search(question)[0]?.chunkId).toBe(chunkId);
  });

  it('returns chunks best first with their document and heading', () => {
    const results = index.search('shuttle bus airport', { limit: 3 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0]).toMatchObject({
      chunkId: 'transfers-1',
      documentPath: 'transfers.md',
      headingPath: 'Airport transfers > Shuttle bus',
    });
    const scores = results.map((result) => result.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('weights coverage by rarity: a question fully contained in the chunk covers 1', () => {
    expect(index.search('shuttle bus')[0]?.coverage).toBeCloseTo(1);
    expect(index.search('shuttle bus to the casino')[0]?.coverage).toBeLessThan(0.6);
  });

  it('finds nothing for a question with no known word, or only stop words', () => {
    expect(index.search('snowmobile Lapland')).toEqual([]);
    expect(index.search('what is the')).toEqual([]);
  });

  it('respects the limit', () => {
    expect(index.search('the airport hotel tour boat taxi', { limit: 2 })).toHaveLength(2);
  });
});
