import type OpenAI from 'openai';
import type { Db } from '../../db/prisma-client';
import type { WarnLogger } from '../llm/describe-llm-failure';
import { summarizeConversation } from './summarize-conversation';

/** The newest messages a summary reads; older ones rarely change what the specialist needs. */
const SUMMARY_MESSAGES = 40;

/**
 * The handoff card's summary for a stored conversation: the LLM when one is configured,
 * else (and whenever it fails) the extractive summary.
 */
export function createConversationSummarizer(
  db: Db,
  options: { llm?: { client: OpenAI; model: string }; logger?: WarnLogger } = {},
): (conversationId: string) => Promise<string | undefined> {
  return async (conversationId) => {
    const rows = await db.message.findMany({
      where: { conversationId },
      orderBy: { seq: 'desc' },
      take: SUMMARY_MESSAGES,
      select: { author: true, text: true, createdAt: true },
    });
    if (rows.length === 0) return undefined;
    const messages = rows.reverse().map((row) => ({ author: row.author, text: row.text, at: row.createdAt }));
    const summary = await summarizeConversation(messages, options);
    return summary.trim() || undefined;
  };
}
