import { type SummaryMessage, summarizeExtractively } from '../../../../src/ai/summary/extractive-summary';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const traveler = (minute: number, text: string): SummaryMessage => ({ author: 'traveler', text, at: at(minute) });
const ai = (minute: number, text: string): SummaryMessage => ({ author: 'ai', text, at: at(minute) });

const flightChange = [
  traveler(0, 'Hi there'),
  traveler(1, 'I need to change my flight to Lisbon on 12 May. Thanks!'),
  ai(2, "I'm not sure about that one. Would you like me to connect you with a specialist?"),
  traveler(3, 'My booking code is ABC123 and we are two adults. I need to change my flight to Lisbon on 12 May'),
  traveler(4, 'Also can the hotel in Lisbon give us a late checkout?'),
  traveler(5, 'ok'),
];

describe('summarizeExtractively', () => {
  it.each<[string, SummaryMessage[], number | undefined, string]>([
    [
      'the first request, the informative later sentences in order, repeats and small talk dropped, the AI note',
      flightChange,
      undefined,
      "Traveler: I need to change my flight to Lisbon on 12 May. My booking code is ABC123 and we are two adults. Also can the hotel in Lisbon give us a late checkout? AI answered: I'm not sure about that one. Would you like me to connect you with a specialist?",
    ],
    [
      'a tight limit keeps the first request and the most informative sentence that fits (codes weigh more)',
      flightChange,
      160,
      "Traveler: I need to change my flight to Lisbon on 12 May. My booking code is ABC123 and we are two adults. AI answered: I'm not sure about that one.",
    ],
    [
      'messages out of order are read by time',
      [
        traveler(9, 'The transfer should wait at Terminal 2.'),
        traveler(1, 'Please book an airport transfer for Friday.'),
      ],
      undefined,
      'Traveler: Please book an airport transfer for Friday. The transfer should wait at Terminal 2.',
    ],
    [
      'the later sentence adding most new terms wins the last slot',
      [
        traveler(0, 'We land in Porto Azul on Friday evening.'),
        traveler(1, 'Landing Friday.'),
        traveler(2, 'Can you arrange a wheelchair and assistance at arrivals?'),
      ],
      110,
      'Traveler: We land in Porto Azul on Friday evening. Can you arrange a wheelchair and assistance at arrivals?',
    ],
    ['only small talk is kept as is', [traveler(0, 'hi'), traveler(1, 'thanks')], undefined, 'Traveler: hi. thanks.'],
    ['no messages', [], undefined, 'No messages yet.'],
    [
      'specialist and system messages are left out',
      [
        traveler(0, 'Is breakfast included at the Hotel Mar?'),
        { author: 'specialist', text: 'Yes, from 7 to 10.', at: at(1) },
        { author: 'system', text: 'Handed off to Ana.', at: at(2) },
      ],
      undefined,
      'Traveler: Is breakfast included at the Hotel Mar?',
    ],
  ])('%s', (_case, messages, maxLength, expected) => {
    expect(summarizeExtractively(messages, maxLength)).toBe(expected);
  });

  it.each([40, 80, 120, 200, 400])('never exceeds %i characters', (maxLength) => {
    expect(summarizeExtractively(flightChange, maxLength).length).toBeLessThanOrEqual(maxLength);
  });

  it('is deterministic', () => {
    expect(summarizeExtractively([...flightChange].reverse())).toBe(summarizeExtractively(flightChange));
  });
});
