import { analyze } from './normalize';

/**
 * Everyday words that frame a question more than they say what it is about: "Everything seems
 * shut on Sunday, where can I still get a meal?" is about Sunday and a meal, "seems" is framing.
 * Being rare in a knowledge base makes such a word weigh much (IDF) without making it matter, so
 * coverage counts it at GENERAL_WORD_WEIGHT. Stop words (normalize.ts) are dropped altogether;
 * these stay searchable. Nouns of things, places, prices and times are never listed here.
 */
const GENERAL_WORDS = `
  seem seems seemed look looks looking feel feels sure certain make makes making made come comes coming
  bring brings bringing put keep try trying tried give gives show say says said mean means think wonder
  hope plan planning worry manage manages hang hanging use using used able allowed allow let lets
  must ought normal usual usually typical typically actually basically whole real really proper properly
  big bigger biggest huge large larger small little tiny new newer old older main famous popular well-known
  known worth right wrong fine okay easy easier hard harder difficult better worse different same
  certain particular special one ones thing stuff kind sort bit part place places somewhere elsewhere
  anywhere everywhere around back away again already even always never sometimes soon later early
  near nearby next last first second kinds lot
`;

/** Weight of a general word relative to a content word of the same rarity. */
export const GENERAL_WORD_WEIGHT = 0.3;

const GENERAL_TERMS: ReadonlySet<string> = new Set(analyze(GENERAL_WORDS));

/** Whether an index term is a general, question-framing word (see GENERAL_WORDS). */
export function isGeneralTerm(term: string): boolean {
  return GENERAL_TERMS.has(term);
}
