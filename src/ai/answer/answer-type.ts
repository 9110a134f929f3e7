/**
 * What kind of fact a question asks for, and whether a passage states one. "How much is the
 * ferry to Jeju?" is only answered by a passage with a price in it: the words ferry and Jeju
 * alone are not an answer. Detected from the question's wording only; null when it asks for
 * no particular kind of fact (where, which, is there…). Pure.
 */
export type AnswerType = 'price' | 'clock' | 'date' | 'frequency' | 'duration' | 'distance' | 'phone' | 'number';

const DIGIT_WORD =
  '(?:\\d+(?:[.,]\\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an?|few|several)';
const DURATION_UNIT = '(?:min|mins|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|nights?)';
const DISTANCE_UNIT = '(?:km|kilomet(?:er|re)s?|miles?|mi|m|met(?:er|re)s?|feet|ft|blocks?)';
const DAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|m|tu|w|th|f|sa|su)';

const PRICE = new RegExp(
  [
    '[€$£¥₩]\\s?\\d',
    '\\d\\s?[€$£¥₩]',
    '\\d+(?:[.,]\\d+)?\\s?(?:euros?|eur|dollars?|usd|won|cents?|yen|pounds?|francs?)\\b',
    '\\b(?:free|no charge|complimentary|gratis)\\b',
    '\\d\\s?%',
  ].join('|'),
  'iu',
);
const CLOCK = new RegExp(
  [
    '\\b\\d{1,2}(?:[:.h]\\d{2})?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
    '\\b\\d{1,2}[:h]\\d{2}\\b',
    '\\b(?:noon|midday|midnight|dawn|dusk|sunrise|sunset)\\b',
    '\\b24 ?(?:hours|hrs|h)\\b',
    '\\bround the clock\\b',
    `\\b${DAY}\\s?[-–]\\s?${DAY}\\b`,
    '\\b(?:daily|every day|nightly)\\b',
    `\\b${DIGIT_WORD}\\s?(?:hours?|minutes?|mins?)\\s(?:before|after|earlier|later|ahead)\\b`,
  ].join('|'),
  'iu',
);
const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const DATE = new RegExp(
  [
    `\\b${MONTH}\\b`,
    '\\b(?:spring|summer|autumn|fall|winter|christmas|easter)\\b',
    '\\b(?:1\\d{3}|20\\d{2})s?\\b',
    '\\b\\d{1,2}(?:st|nd|rd|th)? century\\b',
    '\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|weekends?)s?\\b',
    '\\b(?:every|each|annual|annually|yearly)\\b',
    '\\bday \\d+\\b',
  ].join('|'),
  'iu',
);
const FREQUENCY = new RegExp(
  [
    '\\bevery\\b',
    '\\b(?:daily|hourly|weekly|nightly)\\b',
    '\\b(?:once|twice|\\d+ times?|several times)\\s+(?:a|an|per|each)\\b',
    '\\bper (?:day|hour|week)\\b',
    `\\b\\d+\\s?${DURATION_UNIT}\\b`,
    '\\b(?:frequent|frequently|regular|regularly)\\b',
  ].join('|'),
  'iu',
);
const DURATION = new RegExp(
  [
    `\\b${DIGIT_WORD}(?:\\s?(?:-|–|to)\\s?\\d+)?\\s?${DURATION_UNIT}\\b`,
    '\\b\\d+h\\d*\\b',
    '\\bhour and a half\\b',
    '\\bovernight\\b',
    `\\b\\d+(?:[.,]\\d+)?\\s?${DISTANCE_UNIT}\\b`,
  ].join('|'),
  'iu',
);
const DISTANCE = new RegExp(
  [
    `\\b\\d+(?:[.,]\\d+)?\\s?${DISTANCE_UNIT}\\b`,
    `\\b${DIGIT_WORD}(?:\\s?(?:-|–|to)\\s?\\d+)?\\s?${DURATION_UNIT}\\b`,
    "\\b(?:walking distance|short walk|stone's throw|next to|nearby|close to|around the corner)\\b",
  ].join('|'),
  'iu',
);
const PHONE = /☎|\+\d[\d\s().-]{5,}\d|\b\d{3,}(?:[\s-]\d{2,})*\b/u;
const NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?)\b/iu;

const PATTERNS: Record<AnswerType, RegExp> = {
  price: PRICE,
  clock: CLOCK,
  date: new RegExp(`${DATE.source}|${CLOCK.source}`, 'iu'),
  frequency: FREQUENCY,
  duration: DURATION,
  distance: DISTANCE,
  phone: PHONE,
  number: NUMBER,
};

/** "How much luggage…" asks for an amount of something, not a price. */
const NOT_MONEY = /^how much (?:time|luggage|baggage|weight|wine|alcohol|cash|money|data|water|snow|rain)\b/iu;

/** Question patterns, first match wins (so "how much does it cost" is a price, not a number). */
const QUESTION_TYPES: Array<[RegExp, AnswerType]> = [
  [
    /\b(?:phone number|telephone|number (?:to|should i|do i|can i) call|who (?:do|should|can) i call|what number)\b/iu,
    'phone',
  ],
  [/\bhow much\b|\b(?:cost|costs|price|prices|priced|fee|fees|fare|fares)\b/iu, 'price'],
  [/\bhow often\b|\bhow frequent(?:ly)?\b/iu, 'frequency'],
  [/\bhow far\b/iu, 'distance'],
  [/\bhow long\b|\bhow many (?:hours|minutes|days|nights|weeks)\b/iu, 'duration'],
  [
    /\bwhat time\b|\bopening hours\b|\bwhat are the hours\b|\b(?:when|what time) (?:does|do|is|are|will)\b.*\b(?:open|opens|close|closes|start|starts|leave|leaves|depart|departs|begin|begins)\b/iu,
    'clock',
  ],
  [
    /^when\b|[,;]\s*when\b|\b(?:what|which) (?:year|month|day|days|date|season|mornings?|evenings?|nights?)\b|\bwhat days?\b/iu,
    'date',
  ],
  [/\bhow (?:many|tall|high|big|deep|old|fast|wide|large)\b/iu, 'number'],
];

/** The kind of fact the question asks for, or null when it asks for none in particular. */
export function expectedAnswerType(question: string): AnswerType | null {
  const text = question.trim();
  for (const [pattern, type] of QUESTION_TYPES) {
    if (!pattern.test(text)) continue;
    if (type === 'price' && /\bhow much\b/iu.test(text) && NOT_MONEY.test(text.slice(text.search(/how much/iu)))) {
      if (!/\b(?:cost|costs|price|prices|fee|fees|fare|fares)\b/iu.test(text)) continue;
    }
    return type;
  }
  return null;
}

/** Whether the text states a fact of this kind: a price, a time, a duration… */
export function expressesAnswerType(type: AnswerType, text: string): boolean {
  return PATTERNS[type].test(text);
}
