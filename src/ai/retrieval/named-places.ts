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
 */
export class NamedPlaces {
  /** Title places, each with the documents it is the subject of. */
  private readonly subjects = new Map<string, { terms: string[]; documents: Set<string> }>();

  addDocument(documentPath: string, title: string | null | undefined): void {
    for (const terms of titlePlaces(title ?? '')) {
      const key = terms.join(' ');
      const subject = this.subjects.get(key) ?? { terms, documents: new Set<string>() };
      subject.documents.add(documentPath);
      this.subjects.set(key, subject);
    }
  }

  /**
   * The question's names that are other documents' subjects, when this document is the subject of
   * none of the places the question names; empty otherwise.
   */
  unmatched(names: readonly QuestionName[], documentPath: string): string[] {
    const naming = names.filter((name) => this.subjectsOf(name).length > 0);
    if (naming.some((name) => this.subjectsOf(name).includes(documentPath))) return [];
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
