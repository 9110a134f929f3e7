import type { KnowledgeChunkInput } from '../../../../src/ai/retrieval/knowledge-index';

/** A small fictional destination (Porto Azul) written for these tests. */
export const fixtureChunks: KnowledgeChunkInput[] = [
  {
    id: 'transfers-1',
    documentPath: 'transfers.md',
    title: 'Airport transfers',
    headingPath: 'Airport transfers > Shuttle bus',
    text: 'The shuttle bus leaves the arrivals hall of Porto Azul airport every 20 minutes between 6am and midnight. It stops at the central station and at the main hotels on the seafront. A one-way ticket costs 8 euros and is sold by the driver.',
  },
  {
    id: 'transfers-2',
    documentPath: 'transfers.md',
    title: 'Airport transfers',
    headingPath: 'Airport transfers > Private taxi',
    text: 'Licensed taxis wait outside Terminal 2. A ride to the old town takes about 25 minutes and costs around 35 euros at night.',
  },
  {
    id: 'visas-1',
    documentPath: 'entry/visas.md',
    title: 'Visas and entry',
    headingPath: 'Visas and entry > Who needs a visa',
    text: 'Citizens of the European Union enter with a national identity card. Other travellers need a passport valid for six months after arrival; most nationalities receive a free 90-day tourist stamp at the border.',
  },
  {
    id: 'emergency-1',
    documentPath: 'emergencies.md',
    title: 'Emergencies',
    headingPath: 'Emergencies > Numbers',
    text: 'Dial 112 for an ambulance, the police or the fire brigade. The Santa Clara hospital near the harbour has an English-speaking emergency ward open day and night.',
  },
  {
    id: 'tours-1',
    documentPath: 'tours.md',
    title: 'Tours',
    headingPath: 'Tours > Boat trip to the caves',
    text: 'The boat trip to the sea caves leaves the marina at 10am daily from May to October. The trip lasts three hours; bring a swimsuit, as the boat stops at a quiet cove for a swim.',
  },
  {
    id: 'tours-2',
    documentPath: 'tours.md',
    title: 'Tours',
    headingPath: 'Tours > Cancellations',
    text: 'Tours cancelled because of bad weather are refunded in full. If you cancel yourself, tell us 24 hours before departure to get your money back.',
  },
  {
    id: 'hotels-1',
    documentPath: 'hotels.md',
    title: 'Hotels',
    headingPath: 'Hotels > Check-in',
    text: 'Check-in at our partner hotels starts at 3pm. Luggage can be left at reception from the morning if you arrive early.',
  },
];
