import { BatonError } from '../../core/errors';

export interface TagPlanInput {
  /** Names of the tags the conversation has now. */
  applied: readonly string[];
  /** The full set it should have after the change. */
  wanted: readonly string[];
  /** Names of the tags the config lists. */
  configured: readonly string[];
}

export interface TagChanges {
  added: string[];
  removed: string[];
}

/**
 * The difference between the tags a conversation has and the ones a person wants, in the
 * order they were given. Only configured tags can be added: a tag the config no longer
 * lists stays where it is applied (and can be removed) but is never added again, since the
 * rules and the card only know configured tags. Throws `payload_invalid` naming the
 * offending tags, changing nothing.
 */
export function planTagChanges(input: TagPlanInput): TagChanges {
  const applied = new Set(input.applied);
  const wanted = [...new Set(input.wanted)];
  const configured = new Set(input.configured);
  const unknown = wanted.filter((name) => !applied.has(name) && !configured.has(name));
  if (unknown.length > 0) {
    const names = unknown.map((name) => JSON.stringify(name)).join(', ');
    throw new BatonError(
      'payload_invalid',
      `${unknown.length === 1 ? 'tag' : 'tags'} ${names} ${unknown.length === 1 ? 'is' : 'are'} not configured. Fix: add ${unknown.length === 1 ? 'it' : 'them'} under \`tags:\` in the Baton config, or pick a configured tag.`,
    );
  }
  const keep = new Set(wanted);
  return {
    added: wanted.filter((name) => !applied.has(name)),
    removed: [...new Set(input.applied)].filter((name) => !keep.has(name)),
  };
}
