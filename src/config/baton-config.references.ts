import type { TBatonConfigSections, TLocalizedText } from './baton-config.schema';
import { closestMatch, type ProblemPath } from './config-problems';

/**
 * Checks across sections of the config: names used in rules, triggers and actions must be
 * defined, ids unique, languages configured. A wrong reference would otherwise only show
 * up as a rule that silently never fires.
 */
export function checkConfigReferences(
  config: TBatonConfigSections,
  report: (path: ProblemPath, message: string) => void,
): void {
  const { assistant } = config;
  const languages = assistant.languages;

  const tagNames = config.tags.map((tag) => tag.name);
  const firstTag = new Map<string, number>();
  config.tags.forEach((tag, index) => {
    const first = firstTag.get(tag.name.toLowerCase());
    if (first !== undefined) {
      report(
        ['tags', index],
        `tag ${JSON.stringify(tag.name)} is defined twice (also tags[${first}]). Fix: keep one of them.`,
      );
    } else firstTag.set(tag.name.toLowerCase(), index);
  });
  const checkTag = (path: ProblemPath, name: string) => {
    if (tagNames.includes(name)) return;
    const guess = closestMatch(name, tagNames);
    report(
      path,
      `tag ${JSON.stringify(name)} is not defined under tags${guess ? `; did you mean ${JSON.stringify(guess)}?` : '.'} Fix: add it to tags, or correct the name.`,
    );
  };

  const actionIds = config.actions.map((action) => action.id);
  const checkAction = (path: ProblemPath, id: string) => {
    if (actionIds.includes(id)) return;
    const guess = closestMatch(id, actionIds);
    report(
      path,
      `action ${JSON.stringify(id)} is not defined under actions${guess ? `; did you mean ${JSON.stringify(guess)}?` : '.'} Fix: add it to actions, or correct the id.`,
    );
  };

  const checkLanguage = (path: ProblemPath, language: string) => {
    if (!languages.includes(language)) {
      report(
        path,
        `language ${JSON.stringify(language)} is not in assistant.languages (${languages.join(', ')}). Fix: add it there, or correct the code.`,
      );
    }
  };
  const checkText = (path: ProblemPath, value: TLocalizedText | undefined) => {
    if (value === undefined || typeof value === 'string') return;
    for (const language of Object.keys(value)) checkLanguage([...path, language], language);
    if (!(assistant.defaultLanguage in value)) {
      report(
        path,
        `has no text for the default language ${JSON.stringify(assistant.defaultLanguage)}, which is the fallback for every other language. Fix: add ${assistant.defaultLanguage}: "…".`,
      );
    }
  };

  for (const [name, value] of Object.entries(config.messages)) checkText(['messages', name], value);

  const checkUnique = (section: 'rules' | 'actions', ids: string[]) => {
    const first = new Map<string, number>();
    ids.forEach((id, index) => {
      const earlier = first.get(id);
      if (earlier !== undefined) {
        report(
          [section, index, 'id'],
          `id ${JSON.stringify(id)} is also used by ${section}[${earlier}]. Fix: give each one its own id.`,
        );
      } else first.set(id, index);
    });
  };
  checkUnique(
    'rules',
    config.rules.map((rule) => rule.id),
  );
  checkUnique('actions', actionIds);

  config.rules.forEach((rule, index) => {
    const at = (...rest: PropertyKey[]): ProblemPath => ['rules', index, ...rest];
    const { when, then } = rule;
    if (when.tagApplied !== undefined) checkTag(at('when', 'tagApplied'), when.tagApplied);
    if (when.actionCompleted !== undefined) checkAction(at('when', 'actionCompleted'), when.actionCompleted);
    for (const language of when.language ?? []) checkLanguage(at('when', 'language'), language);
    if (when.outsideBusinessHours !== undefined && config.businessHours === undefined) {
      report(
        at('when', 'outsideBusinessHours'),
        'needs business hours, but businessHours is not set (so Baton is always open). Fix: add a businessHours section, or remove this condition.',
      );
    }
    for (const tag of then.addTag ?? []) checkTag(at('then', 'addTag'), tag);
    for (const tag of then.removeTag ?? []) checkTag(at('then', 'removeTag'), tag);
    if (then.startAction !== undefined) checkAction(at('then', 'startAction'), then.startAction);
    checkText(at('then', 'sendMessage'), then.sendMessage);
  });

  config.handoff.tags.forEach((tag, index) => {
    checkTag(['handoff', 'tags', index], tag);
  });
  config.handoff.actions.forEach((id, index) => {
    checkAction(['handoff', 'actions', index], id);
  });
  for (const language of Object.keys(config.handoff.askForHuman.phrases)) {
    checkLanguage(['handoff', 'askForHuman', 'phrases', language], language);
  }

  config.actions.forEach((action, index) => {
    action.fields.forEach((field, fieldIndex) => {
      checkText(['actions', index, 'fields', fieldIndex, 'prompt'], field.prompt);
      checkText(['actions', index, 'fields', fieldIndex, 'invalidMessage'], field.invalidMessage);
    });
    for (const tag of action.onComplete.addTag ?? []) checkTag(['actions', index, 'onComplete', 'addTag'], tag);
    checkText(['actions', index, 'onComplete', 'sendMessage'], action.onComplete.sendMessage);
  });
}
