import { answerLocally } from '../../../../src/ai/answer/local-answerer';
import {
  type KnowledgeChunkInput,
  KnowledgeIndex,
  lexicalRelevance,
} from '../../../../src/ai/retrieval/knowledge-index';
import { fixtureChunks } from './fixture-chunks';
import { HashedEmbedder } from './hashed-embedder';

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

  it('says which concepts the chunk does not express, and how rare the rarest is', () => {
    const [top] = index.search('shuttle bus to the casino');
    expect(top?.missing).toEqual(['casino']);
    // "casino" is in no chunk: as rare as a term can be.
    expect(top?.missingRarity).toBe(1);
    expect(index.search('shuttle bus')[0]?.missingRarity).toBe(0);
    const missingTaxi = index.search('shuttle bus taxi')[0];
    expect(missingTaxi?.missing).toEqual(['taxi']);
    expect(missingTaxi?.missingRarity).toBeGreaterThan(0);
    expect(missingTaxi?.missingRarity).toBeLessThan(1);
  });

  it('ranks the documents about the places a question names before those that only mention them', () => {
    const chunks: KnowledgeChunkInput[] = [
      {
        id: 'verano-brewery',
        documentPath: 'verano.md',
        title: 'Verano',
        headingPath: 'Verano > Drink > Brewery tour',
        text: 'The brewery tour of Verano is the best brewery tour in the region: visitors from Almira come for the tour and its tasting.',
      },
      {
        id: 'almira-drink',
        documentPath: 'almira.md',
        title: 'Almira',
        headingPath: 'Almira > Drink',
        text: 'The harbour brewery of the old town offers a tour on Saturdays, and sells its beer at the market.',
      },
    ];
    const question = 'Is there a brewery tour in Almira?';
    const results = new KnowledgeIndex(chunks).search(question);
    const [first, second] = results;
    expect(results.map((result) => result.documentPath)).toEqual(['almira.md', 'verano.md']);
    // Verano's chunk repeats the words more (it is more relevant lexically), but it is not about Almira.
    expect(first && second && lexicalRelevance(second) > lexicalRelevance(first)).toBe(true);
    expect(results[1]?.unmatchedNames).toEqual(['Almira']);
    // Without the place, the chunk that repeats the question's words ranks first.
    expect(new KnowledgeIndex(chunks).search('Is there a brewery tour?')[0]?.documentPath).toBe('verano.md');
  });

  it('ranks the chunk that expresses the whole question above one BM25 prefers', () => {
    const chunks: KnowledgeChunkInput[] = [
      {
        id: 'tours',
        documentPath: 'day-tours.md',
        title: 'Day tours',
        headingPath: 'Day tours',
        text: 'Day tours can be booked by anyone. All day tours include pick-up from hotels in the old town.',
      },
      {
        id: 'day-4',
        documentPath: 'itinerary.md',
        title: 'Seven days on the coast',
        headingPath: 'Seven days on the coast > Day 4: Boat trip to the caves',
        text: 'A full-day boat trip along the cliffs, with two swimming stops.',
      },
    ];
    const [first, second] = new KnowledgeIndex(chunks).search('What happens on day 4 of the tour?');
    expect(first?.chunkId).toBe('day-4');
    expect(second?.score).toBeGreaterThan(first?.score ?? 0);
    expect(first?.coverage).toBeGreaterThan(second?.coverage ?? 1);
  });

  it('finds nothing for a question with no known word, or only stop words', () => {
    expect(index.search('snowmobile Lapland')).toEqual([]);
    expect(index.search('what is the')).toEqual([]);
  });

  it('respects the limit', () => {
    expect(index.search('the airport hotel tour boat taxi', { limit: 2 })).toHaveLength(2);
  });
});

describe('KnowledgeIndex.searchHybrid', () => {
  // The embedder "knows" kayaks are canoes and renting is hiring; no word is shared with the text.
  const embedder = new HashedEmbedder('hashed-bow', {
    dimensions: 256,
    aliases: { kayak: 'canoe', rent: 'hire', hired: 'hire' },
  });
  const chunks: KnowledgeChunkInput[] = [
    ...fixtureChunks,
    {
      id: 'canoes',
      documentPath: 'tours.md',
      title: 'Tours',
      headingPath: 'Tours > Marina',
      text: 'Canoes can be hired at the marina from 9am.',
    },
  ].map((chunk) => ({ ...chunk, embedding: embedder.vector(`${chunk.headingPath} ${chunk.text}`) }));
  const hybrid = new KnowledgeIndex(chunks);
  const ask = (question: string) => hybrid.searchHybrid(question, embedder.vector(question), { limit: 3 });

  it('finds by meaning what shares no word with the question, with its similarity', () => {
    expect(hybrid.search('Where can I rent a kayak?')).toEqual([]);
    const [first] = ask('Where can I rent a kayak?');
    expect(first).toMatchObject({ chunkId: 'canoes', score: 0, coverage: 0 });
    expect(first?.similarity).toBeGreaterThan(0.3);
  });

  it('keeps lexical evidence for confidence: a chunk found only by meaning is not answered from', () => {
    const question = 'Where can I rent a kayak?';
    expect(answerLocally(question, ask(question)).confident).toBe(false);
  });

  it('keeps the lexical winner first when both rankings agree', () => {
    const results = ask('How often does the shuttle bus leave the airport?');
    expect(results[0]).toMatchObject({ chunkId: 'transfers-1', coverage: expect.any(Number) });
    expect(results[0]?.score).toBeGreaterThan(0);
    expect(results[0]?.similarity).toBeGreaterThan(0);
  });

  it('is lexical search for a vector of another length, or an index without embeddings', () => {
    const question = 'How often does the shuttle bus leave the airport?';
    expect(hybrid.searchHybrid(question, new Float32Array(8).fill(1))).toEqual(hybrid.search(question));
    expect(index.searchHybrid(question, embedder.vector(question))).toEqual(index.search(question));
    expect(index.embeddedCount).toBe(0);
    expect(hybrid.embeddedCount).toBe(chunks.length);
    expect(hybrid.embeddingDimensions).toBe(256);
  });
});

const index = new KnowledgeIndex(fixtureChunks);

describe('KnowledgeIndex construction', () => {
  it('refuses two chunks with one id', () => {
    const [chunk] = fixtureChunks;
    expect(() => new KnowledgeIndex([chunk, chunk].filter((c) => c !== undefined))).toThrow(
      /duplicate chunk id transfers-1/,
    );
  });
});
