import { z } from 'zod';

/**
 * What the model is asked to reply (build-answer-prompt.ts). Lenient where models are
 * sloppy: a missing field takes its default, "2" or "[2]" counts as source 2, an empty
 * answer is no answer.
 */
export const ZLlmAnswerOutputSchema = z.object({
  answer: z
    .string()
    .nullish()
    .transform((answer) => (answer?.trim() ? answer.trim() : null)),
  unsure: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).default(false),
  sources: z
    .array(
      z.union([
        z.number().int(),
        z
          .string()
          .regex(/^\s*\[?\s*\d+\s*\]?\s*$/)
          .transform((value) => Number(value.replace(/\D/g, ''))),
      ]),
    )
    .default([]),
  language: z.string().trim().min(2).max(35).optional().catch(undefined),
});
export type TLlmAnswerOutput = z.output<typeof ZLlmAnswerOutputSchema>;

/**
 * The model's reply as an answer object, or null when it cannot be read. JSON mode is not
 * honoured by every OpenAI-compatible server, so a reply wrapped in a code fence or in a
 * sentence is accepted too. Pure.
 */
export function parseAnswerOutput(content: string | null | undefined): TLlmAnswerOutput | null {
  if (!content) return null;
  for (const candidate of jsonCandidates(content)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    const parsed = ZLlmAnswerOutputSchema.safeParse(value);
    if (parsed.success) return parsed.data;
  }
  return null;
}

function* jsonCandidates(content: string): Generator<string> {
  const trimmed = content.trim();
  yield trimmed;
  const fenced = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/.exec(trimmed)?.[1];
  if (fenced) yield fenced.trim();
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start >= 0 && end > start) yield trimmed.slice(start, end + 1);
}

/** Removes source markers the model put in the text anyway: "[1]", "[1, 2]", "[1][3]", "【1】". Pure. */
export function stripCitationMarkers(text: string): string {
  return text
    .replace(/\s*(?:\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\]|【\s*\d+[^】]*】)+/g, '')
    .replace(/[ \t]+([.,;:!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
