/**
 * How travelers and travel documents say the same thing differently. Written as plain words
 * and phrases (analysed like any text); every entry of a group stands for the others. Applied
 * to questions only: a traveler's "toddler" also finds "child", "cash machine" also finds "ATM".
 * Keep groups tight: a synonym that is only related (hotel ~ breakfast) makes out-of-scope
 * questions look answered. Multi-word entries are recognised as phrases in questions.
 */
export const SYNONYM_GROUPS: string[][] = [
  // Getting there and around
  ['airport', 'terminal', 'flight', 'arrival', 'plane', 'fly'],
  ['flight', 'plane', 'airline', 'landing'],
  ['transfer', 'shuttle', 'pickup', 'pick up', 'collect'],
  ['bus', 'coach', 'shuttle'],
  ['train', 'rail', 'railway'],
  // A high-speed train is one country's: the KTX is not the TGV.
  ['ktx', 'high speed train', 'bullet train'],
  ['tgv', 'high speed train'],
  ['subway', 'metro', 'underground', 'tube', 'tram', 'tramway'],
  ['taxi', 'cab'],
  ['car', 'drive', 'rental', 'parking'],
  ['bike', 'bicycle', 'cycle', 'cycling'],
  ['boat', 'ferry', 'cruise'],
  ['walk', 'foot', 'hike', 'hiking', 'trek', 'stroll'],
  ['mountain', 'mount', 'peak', 'summit'],
  ['centre', 'center', 'central', 'downtown', 'city', 'town'],
  ['arrive', 'arrival', 'land', 'reach'],
  ['depart', 'departure', 'leave'],
  ['nearest', 'closest', 'nearby'],
  ['luggage', 'baggage', 'suitcase', 'bag'],
  ['elevator', 'lift'],
  ['harbour', 'harbor', 'port'],
  ['wheelchair', 'disabled', 'reduced mobility', 'accessible'],
  // Staying
  ['hotel', 'accommodation', 'lodging', 'hostel', 'guesthouse', 'guest house', 'motel', 'inn'],
  ['sleep', 'stay', 'overnight'],
  ['room', 'bedroom'],
  ['bed', 'bunk', 'berth'],
  ['toilet', 'restroom', 'bathroom', 'loo'],
  ['drain', 'sewer'],
  ['shut', 'closed'],
  // Paying and booking
  ['price', 'cost', 'fee', 'fare', 'charge', 'expensive', 'cheap', 'budget'],
  ['cheap', 'inexpensive', 'affordable', 'budget', 'low cost'],
  ['free', 'complimentary', 'no charge'],
  ['pay', 'payment', 'paid'],
  ['card', 'credit card', 'debit card', 'mastercard', 'amex', 'american express'],
  ['atm', 'cash machine', 'cashpoint'],
  ['cash', 'money', 'currency', 'funds'],
  ['tip', 'tipping', 'gratuity'],
  ['cancel', 'cancellation', 'refund'],
  ['book', 'booking', 'reservation', 'reserve'],
  ['change', 'swap', 'switch', 'modify', 'amend'],
  ['ticket', 'pass', 'admission', 'entrance'],
  // Papers and problems
  ['visa', 'entry', 'passport', 'immigration', 'customs', 'paperwork'],
  ['emergency', 'hospital', 'police', 'ambulance', 'doctor', 'clinic', 'medical', 'sick', 'ill', 'injured'],
  ['safe', 'safety', 'crime', 'danger', 'dangerous', 'pickpocket', 'theft', 'mugging'],
  ['steal', 'theft', 'thief', 'rob', 'pickpocket'],
  ['consulate', 'embassy'],
  // People
  ['child', 'kid', 'toddler', 'baby', 'infant', 'son', 'daughter', 'teenager', 'minor'],
  ['parent', 'father', 'mother', 'dad', 'mum', 'mom'],
  // Doing
  ['tour', 'excursion', 'outing', 'trip'],
  ['holiday', 'vacation', 'trip'],
  ['restaurant', 'eat', 'food', 'dine', 'dinner', 'lunch', 'meal', 'cuisine', 'dish'],
  ['bar', 'drink', 'pub', 'nightlife', 'beer', 'wine'],
  ['coffee', 'cafe', 'espresso'],
  ['cooking', 'cook', 'cuisine'],
  ['shop', 'buy', 'shopping', 'market', 'souvenir', 'store'],
  ['museum', 'gallery', 'exhibition'],
  ['statue', 'sculpture'],
  ['bookshop', 'bookstore', 'book store', 'bookseller'],
  ['born', 'birthplace'],
  ['sparkle', 'light show'],
  ['festival', 'fair', 'parade', 'carnival'],
  ['midsummer', 'summer solstice'],
  ['beach', 'sea', 'coast', 'seaside'],
  // Staying connected
  ['internet', 'wifi', 'wi fi', 'online'],
  ['phone', 'mobile', 'sim', 'esim', 'roaming'],
  ['charger', 'adapter', 'plug', 'socket'],
  ['weather', 'climate', 'rain', 'temperature'],
  ['warm', 'hot', 'temperature'],
  ['sunrise', 'dawn', 'early morning'],
  ['eu', 'european union', 'european'],
];

/**
 * Idioms and question phrases whose words mean little on their own: "call off" is a cancellation,
 * "how much" asks for a price. A `weak` phrase only widens the search (it is not something the
 * answer must contain); the others are concepts whose meaning the answer must express.
 */
export const TRAVELER_PHRASES: Array<{ phrase: string; meaning: string[]; weak?: boolean }> = [
  { phrase: 'call off', meaning: ['cancel', 'cancellation'] },
  { phrase: 'pull out', meaning: ['cancel', 'cancellation'] },
  { phrase: 'money back', meaning: ['refund', 'refunded'] },
  { phrase: 'show up', meaning: ['arrive', 'arrival'] },
  { phrase: 'drop off', meaning: ['leave', 'keep'] },
  { phrase: 'behind schedule', meaning: ['delay', 'late'] },
  { phrase: '# year old', meaning: ['child', 'age'] },
  { phrase: '# years old', meaning: ['child', 'age'] },
  { phrase: 'how much', meaning: ['price', 'cost', 'fee', 'fare'], weak: true },
  { phrase: 'how long', meaning: ['minutes', 'hours', 'days'], weak: true },
  { phrase: 'how far', meaning: ['km', 'minutes', 'distance'], weak: true },
  { phrase: 'how often', meaning: ['every', 'minutes', 'daily'], weak: true },
];
