import { analyze } from './normalize';
import type { QuestionName } from './question-names';
import { titlePlaces } from './question-names';

/**
 * The places documents are about, from their titles, to tell which names of a question a
 * document cannot answer for. When a question names the subject of some documents ("Lille",
 * "the Bronx Zoo", "near Seattle"), the answer must come from one of the documents about a place
 * it names: "the Bronx Zoo" is not answered from the Busan guide, nor "Lille to Disneyland Paris"
 * from the Nantes guide that mentions both. Other names (a museum, "KTX", "Tokyo") are concepts
 * like any word, weighed by coverage: requiring every known name in the answering document cost
 * answerable questions on the development sets ("the oldest observatory in East Asia" is "the
 * Far East") without making any unanswerable one unsure.
 *
 * A document also answers for the places its lead sentence locates it by: "Brookline is a town in
 * Massachusetts that is bordered on three sides by Boston" answers "kosher restaurants around
 * Boston", "Somerville is a city near Boston" a brass band festival "near Boston". Only the first
 * sentence counts: later ones compare the place with others ("after Paris, Marseille and Lyon").
 */
export class NamedPlaces {
  /** Title places, each with the documents it is the subject of. */
  private readonly subjects = new Map<string, { terms: string[]; documents: Set<string> }>();
  /** Each document's lead sentence, as index terms. */
  private readonly leads = new Map<string, ReadonlySet<string>>();

  addDocument(documentPath: string, title: string | null | undefined): void {
    for (const terms of titlePlaces(title ?? '')) {
      const key = terms.join(' ');
      const subject = this.subjects.get(key) ?? { terms, documents: new Set<string>() };
      subject.documents.add(documentPath);
      this.subjects.set(key, subject);
    }
  }

  /** The document's opening text (before its first sub-heading); only its first sentence is kept. */
  addLead(documentPath: string, text: string): void {
    if (!this.leads.has(documentPath)) this.leads.set(documentPath, new Set(analyze(firstSentence(text))));
  }

  /**
   * The question's names that are other documents' subjects, when this document is the subject of
   * none of the places the question names, nor locates itself by one in its lead; empty otherwise.
   */
  unmatched(names: readonly QuestionName[], documentPath: string): string[] {
    const naming = names.filter((name) => this.subjectsOf(name).length > 0);
    if (naming.some((name) => this.subjectsOf(name).includes(documentPath))) return [];
    const lead = this.leads.get(documentPath);
    if (lead && naming.some((name) => name.terms.every((term) => lead.has(term)))) return [];
    return naming.map((name) => name.text);
  }

  /** The documents whose title place the name contains ("Bronx Zoo" → the Bronx guide). */
  private subjectsOf(name: QuestionName): string[] {
    const documents: string[] = [];
    for (const subject of this.subjects.values()) {
      if (subject.terms.every((term) => name.terms.includes(term))) documents.push(...subject.documents);
    }
    return documents;
  }
}

/** The text up to its first sentence end; Markdown emphasis and italic notes ("*For other places…*") aside. */
function firstSentence(text: string): string {
  const prose = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !/^\*[^*].*\*$/u.test(line))
    .join(' ');
  const end = prose.search(/[.!?](?:\s|$)/u);
  return end >= 0 ? prose.slice(0, end + 1) : prose;
}
