import { type TBatonConfig, ZBatonConfigSchema } from '../config/baton-config.schema';
import { ConfigError } from '../core/errors';

/**
 * What the worker needs to apply the operator's automation: the validated config
 * (rules, handoff triggers, custom actions, business hours, traveler texts), the
 * webhook signing secrets resolved from the environment at boot, and a clock.
 */
export interface AutomationSettings {
  config: Pick<TBatonConfig, 'assistant' | 'messages' | 'businessHours' | 'tags' | 'rules' | 'handoff' | 'actions'>;
  /** Booking-webhook secrets by action id (from each webhook's `secretEnv`). */
  webhookSecrets: Readonly<Record<string, string>>;
  now: () => Date;
}

/**
 * No rules, no handoff triggers, no actions: the AI's decisions alone. The default for
 * embedders and tests that do not configure automation; `handoffNotice` is still told.
 */
export function inertAutomationSettings(handoffNotice?: string): AutomationSettings {
  const config = ZBatonConfigSchema.parse({
    handoff: { askForHuman: false, aiUnsure: false },
    ...(handoffNotice && { messages: { handoffNotice } }),
  });
  return { config, webhookSecrets: {}, now: () => new Date() };
}

/**
 * The settings for a loaded config; secrets come from `env` (process.env in production).
 * A webhook naming a secret variable that is not set is a boot error: unsigned requests
 * to a booking system that expects signed ones would fail one by one, much later.
 */
export function automationSettingsFrom(
  config: AutomationSettings['config'],
  env: Readonly<Record<string, string | undefined>>,
  now: () => Date = () => new Date(),
): AutomationSettings {
  const webhookSecrets: Record<string, string> = {};
  const problems: string[] = [];
  for (const action of config.actions) {
    const name = action.webhook?.secretEnv;
    if (!name) continue;
    const secret = env[name];
    if (secret) webhookSecrets[action.id] = secret;
    else
      problems.push(
        `${name}: not set, but the webhook of action "${action.id}" is signed with it. Fix: set ${name} in the environment (or .env), or remove secretEnv.`,
      );
  }
  if (problems.length > 0)
    throw new ConfigError('env_invalid', problems, 'Baton cannot start: a webhook secret is missing.');
  return { config, webhookSecrets, now };
}
