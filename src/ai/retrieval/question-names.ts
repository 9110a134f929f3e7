import { analyze } from './normalize';

/** A proper name in a question ("Bronx Zoo", "KTX", "Gare du Nord") and its index terms. */
export interface QuestionName {
  text: string;
  terms: string[];
}

/** Lower-case words that stay inside a name: "Gare du Nord", "Bay of Pigs". */
const CONNECTORS = new Set([
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'of',
  'the',
  'y',
  'del',
  'da',
  'di',
  'von',
  'van',
  'am',
]);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.!?]/gu;

/**
 * The capitalised names of a question, as written: a run of capitalised words, joined by
 * connectors. The first word of each sentence is skipped (questions start with "Where", "Is",
 * "Can"), and so are names with no index term ("I", "I'm"). Pure.
 */
export function questionNames(question: string): QuestionName[] {
  const names: QuestionName[] = [];
  let run: string[] = [];
  let pendingConnectors: string[] = [];
  let sentenceStart = true;
  const close = () => {
    if (run.length > 0) {
      const text = run.join(' ');
      const terms = [...new Set(analyze(text))];
      if (terms.length > 0 && !names.some((name) => name.text === text)) names.push({ text, terms });
    }
    run = [];
    pendingConnectors = [];
  };
  for (const [word] of question.matchAll(WORD)) {
    if (/^[.!?]$/u.test(word)) {
      close();
      sentenceStart = true;
      continue;
    }
    const bare = word.replace(/^[dlDL]['’](?=\p{L})/u, '');
    const capitalised = /^\p{Lu}/u.test(bare);
    if (sentenceStart) {
      sentenceStart = false;
      continue;
    }
    if (capitalised) {
      run.push(...pendingConnectors, word);
      pendingConnectors = [];
    } else if (run.length > 0 && CONNECTORS.has(word.toLowerCase())) {
      pendingConnectors.push(word);
    } else {
      close();
    }
  }
  close();
  return names;
}

/**
 * The places a document is about, from its title: "Paris/7th arrondissement" is about Paris and
 * the 7th arrondissement, "Boston/Fenway-Kenmore" about Boston, Fenway and Kenmore. A
 * parenthesis only tells same-named places apart ("Cambridge (Massachusetts)"), so it is dropped.
 * Each place as its index terms; parts shorter than three letters are dropped.
 */
export function titlePlaces(title: string): string[][] {
  return title
    .replace(/\([^)]*\)/gu, ' ')
    .split(/[/–-]/u)
    .map((part) => part.trim())
    .filter((part) => part.replace(/[^\p{L}\p{N}]/gu, '').length >= 3)
    .map((part) => [...new Set(analyze(part))])
    .filter((terms) => terms.length > 0);
}
