import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { matchHandoffTrigger } from '../../src/actions/match-handoff-trigger';
import { loadBatonConfig } from '../../src/config/load-baton-config';

/**
 * The shipped example config, minus what would make a repeated question behave differently
 * over a run: business hours (the hour of the run would change the handoff texts), rules, and
 * the handoff after N unsure answers (travelers ask the sample questions again and again). The
 * message triggers stay: "agent" still hands off.
 */
export function writeBenchConfig(repoRoot: string, dir: string): string {
  const example = parse(readFileSync(path.join(repoRoot, 'baton.config.example.yml'), 'utf8')) as Record<
    string,
    unknown
  >;
  delete example.businessHours;
  example.rules = [];
  const handoff = (example.handoff ?? {}) as Record<string, unknown>;
  handoff.aiUnsure = { enabled: false };
  example.handoff = handoff;
  const file = path.join(dir, 'baton.bench.config.yml');
  writeFileSync(file, stringify(example));
  loadBatonConfig(file); // fails here, with the config's own message, if the schema moved on
  return file;
}

/**
 * What travelers ask: the sample knowledge base's own questions (Baton ingests the samples on
 * its first start), without any that would hand the conversation off.
 */
export function travelerQuestions(repoRoot: string, configFile: string): string[] {
  const triggers = loadBatonConfig(configFile).handoff;
  return readFileSync(path.join(repoRoot, 'examples', 'knowledge', 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { q: string }).q)
    .filter((question) => matchHandoffTrigger(question, triggers) === null);
}
