/** A heading section: the headings above it (outermost first) and its paragraphs and lists. */
export interface Section {
  titles: string[];
  blocks: string[];
}

/**
 * Joins runs of small sections under one parent heading into one section at the parent's path,
 * each member's own heading kept in the text ("By car: Take the A10…"). A three-line "By taxi"
 * section alone answers little and scores erratically; together with its siblings it is a
 * passage about getting in whose every heading stays searchable. A section of `mergeBelowWords`
 * words or more stays alone, a run stops before `maxWords`, and top-level sections (no parent
 * heading) are never joined, so every chunk keeps at least one heading above it. Pure.
 */
export function mergeSmallSections(sections: Section[], mergeBelowWords: number, maxWords: number): Section[] {
  const merged: Section[] = [];
  for (let i = 0; i < sections.length; ) {
    const first = sections[i] as Section;
    const firstWords = sectionWords(first);
    const next = sections[i + 1];
    const base = next && isUnder(next.titles, first.titles) ? first.titles : first.titles.slice(0, -1);
    if (firstWords === 0 || firstWords >= mergeBelowWords || base.length === 0) {
      merged.push(first);
      i += 1;
      continue;
    }
    const members = [first];
    let words = firstWords;
    let j = i + 1;
    for (; j < sections.length; j++) {
      const section = sections[j] as Section;
      const sectionSize = sectionWords(section);
      if (!isUnder(section.titles, base)) break;
      if (sectionSize === 0) continue;
      if (sectionSize >= mergeBelowWords || words + sectionSize > maxWords) break;
      members.push(section);
      words += sectionSize;
    }
    merged.push(members.length === 1 ? first : { titles: base, blocks: members.flatMap((m) => labelled(m, base)) });
    i = members.length === 1 ? i + 1 : j;
  }
  return merged;
}

function labelled(section: Section, base: string[]): string[] {
  const label = section.titles.slice(base.length).join(' > ');
  if (!label) return section.blocks;
  const [head, ...rest] = section.blocks;
  if (head === undefined) return [];
  const separator = /^\s*(?:[-*+•]|\d+[.)])\s+/.test(head) ? '\n' : ' ';
  return [`${label}:${separator}${head}`, ...rest];
}

function isUnder(titles: string[], base: string[]): boolean {
  return titles.length > base.length && base.every((title, i) => titles[i] === title);
}

function sectionWords(section: Section): number {
  return section.blocks.reduce((sum, block) => sum + block.split(/\s+/).filter(Boolean).length, 0);
}
