import type OpenAI from 'openai';
import type { TAction } from '../../config/baton-config.schema';

/** OpenAI's rule for function names; action ids (lower-case letters, digits, "_", "-") fit unless longer. */
const functionName = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * One function per configured action, without parameters: the action itself asks the
 * traveler for its fields once started. The model reads the description to decide. Pure.
 */
export function actionTools(
  actions: readonly Pick<TAction, 'id' | 'title' | 'description'>[],
): OpenAI.Chat.ChatCompletionFunctionTool[] {
  return actions
    .filter((action) => functionName.test(action.id))
    .map((action) => ({
      type: 'function',
      function: {
        name: action.id,
        description: action.description ?? action.title,
        parameters: { type: 'object', properties: {}, additionalProperties: false },
      },
    }));
}

/**
 * The action the model chose, from the reply's tool calls: the first call of a configured
 * action's function; `unknown` when it called only functions that were not offered.
 */
export function chosenAction(
  message: Pick<OpenAI.Chat.ChatCompletionMessage, 'tool_calls'>,
  actions: readonly Pick<TAction, 'id'>[],
): { actionId: string } | 'unknown' | undefined {
  const calls = (message.tool_calls ?? []).flatMap((call) => (call.type === 'function' ? [call.function.name] : []));
  if (calls.length === 0) return undefined;
  const known = calls.find((name) => actions.some((action) => action.id === name));
  return known === undefined ? 'unknown' : { actionId: known };
}
