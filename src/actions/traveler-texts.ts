import { pickText, type TLocalizedText, type TMessages } from '../config/baton-config.schema';
import { renderMessage } from '../core/render-message';
import type { AutomationSettings } from './automation-settings';
import { describeNextOpening, isWithinBusinessHours } from './business-hours';

/** A configured text in the traveler's language, with {company} and {assistantName} filled in. */
export function travelerText(
  settings: AutomationSettings,
  text: TLocalizedText,
  language: string | undefined,
  extra: Record<string, string> = {},
): string {
  const { assistant } = settings.config;
  return renderMessage(pickText(text, language, assistant.defaultLanguage), {
    company: assistant.company,
    assistantName: assistant.name,
    ...extra,
  });
}

export function configuredMessage(
  settings: AutomationSettings,
  name: keyof TMessages,
  language: string | undefined,
  extra: Record<string, string> = {},
): string {
  return travelerText(settings, settings.config.messages[name], language, extra);
}

/**
 * Told when a handoff opens. Outside business hours the handoff still opens, and the
 * traveler learns when a specialist will answer.
 */
export function handoffNoticeFor(settings: AutomationSettings, language: string | undefined): string {
  const hours = settings.config.businessHours;
  const now = settings.now();
  if (hours && !isWithinBusinessHours(hours, now)) {
    return configuredMessage(settings, 'outsideBusinessHours', language, {
      nextOpening: describeNextOpening(hours, now, language ?? settings.config.assistant.defaultLanguage),
    });
  }
  return configuredMessage(settings, 'handoffNotice', language);
}
