import path from 'node:path';
import { pickText } from '../../../src/config/baton-config.schema';
import { loadBatonConfig, parseBatonConfig } from '../../../src/config/load-baton-config';
import { ConfigError } from '../../../src/core/errors';

const examplePath = path.resolve(__dirname, '../../../baton.config.example.yml');

function problemsOf(yamlText: string, sourceName = 'test.yml'): string[] {
  try {
    parseBatonConfig(yamlText, sourceName);
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.code).toBe('config_invalid');
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected parseBatonConfig to throw');
}

describe('baton.config.example.yml', () => {
  const config = loadBatonConfig(examplePath);

  it('defines the seed tags', () => {
    expect(config.tags.map((tag) => tag.name)).toEqual([
      'urgent',
      'itinerary change',
      'group booking',
      'local emergency',
    ]);
  });

  it('tags lost luggage urgent and alerts support staff', () => {
    const rule = config.rules.find((r) => r.id === 'lost-luggage');
    expect(rule?.when.keywords).toContain('lost luggage');
    expect(rule?.then.addTag).toEqual(['urgent']);
    expect(rule?.then.alert?.usergroup).toMatch(/^S/);
  });

  it('collects a confirmation number and travel dates, then hands off', () => {
    const action = config.actions.find((a) => a.id === 'booking_change');
    const fields = action?.fields.map((f) => [f.name, f.type, f.pattern]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['confirmationNumber', 'pattern', '^[A-Z0-9]{6}$'],
        ['travelDates', 'dateRange', undefined],
      ]),
    );
    expect(action?.onComplete.handoff).toBe(true);
    expect(config.handoff.actions).toContain('booking_change');
  });

  it('has handoff triggers and business hours', () => {
    expect(config.handoff.tags).toEqual(['local emergency']);
    expect(config.handoff.askForHuman.phrases.en).toEqual(expect.arrayContaining(['agent', 'human', 'real person']));
    expect(config.handoff.askForHuman.phrases.ko?.length).toBeGreaterThan(0);
    expect(config.businessHours?.timeZone).toBe('Europe/Paris');
    expect(config.businessHours?.weekly.mon).toEqual([{ from: '08:00', to: '20:00', fromMinute: 480, toMinute: 1200 }]);
    expect(config.businessHours?.weekly.sun).toEqual([]);
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rules[0]?.then)).toBe(true);
  });
});

describe('defaults', () => {
  it.each(['', '# only a comment\n', '{}\n', 'version: 1\n', 'tags:\n#  - urgent\nrules:\nhandoff:\n'])(
    'a nearly empty file (%j) is a full config',
    (text) => {
      const config = parseBatonConfig(text, 'empty.yml');
      expect(config.assistant).toEqual({
        name: 'Baton',
        company: 'our travel team',
        defaultLanguage: 'en',
        languages: ['en'],
      });
      expect(config.messages.handoffNotice).toMatch(/specialist/);
      expect(config.businessHours).toBeUndefined();
      expect(config.tags).toEqual([]);
      expect(config.rules).toEqual([]);
      expect(config.actions).toEqual([]);
      expect(config.handoff.aiUnsure).toEqual({ enabled: true, afterCount: 2 });
      expect(config.handoff.askForHuman.enabled).toBe(true);
      expect(config.handoff.askForHuman.phrases.en).toEqual(
        expect.arrayContaining(['agent', 'human', 'speak to someone', 'real person']),
      );
      expect(config.slack).toEqual({ privateNotePrefix: '!', signWithFirstName: true });
      expect(config.channels).toEqual({ sms: { maxLength: 1600 }, whatsapp: { maxLength: 4096 } });
    },
  );

  it('fills defaults inside partly written sections and normalizes short forms', () => {
    const config = parseBatonConfig(
      `
assistant: { defaultLanguage: es, languages: [es, pt-BR, ko] }
tags: [urgent]
rules:
  - id: r
    when: { keywords: lost bag }
    then: { addTag: urgent, handoff: true }
handoff:
  askForHuman: { phrases: { ko: [상담원] } }
  aiUnsure: false
actions:
  - id: a
    title: A
    fields: [{ name: n, prompt: { es: "¿Nombre?" } }]
channels: { sms: { maxLength: 320 } }
`,
      'partial.yml',
    );
    expect(config.rules[0]).toEqual({
      id: 'r',
      enabled: true,
      when: { keywords: ['lost bag'] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's YAML key.
      then: { addTag: ['urgent'], handoff: { reason: 'rule r' } },
    });
    expect(config.tags).toEqual([{ name: 'urgent' }]);
    expect(config.handoff.aiUnsure).toEqual({ enabled: false, afterCount: 2 });
    expect(Object.keys(config.handoff.askForHuman.phrases)).toEqual(['es', 'pt-BR', 'ko']);
    expect(config.handoff.askForHuman.phrases.ko).toEqual(['상담원']);
    expect(config.handoff.askForHuman.phrases['pt-BR']).toContain('atendente');
    expect(config.actions[0]).toMatchObject({
      cancelWord: 'cancel',
      timeoutMinutes: 30,
      onComplete: { handoff: false },
      fields: [{ name: 'n', type: 'text', optional: false }],
    });
    expect(config.channels).toEqual({ sms: { maxLength: 320 }, whatsapp: { maxLength: 4096 } });
  });
});

describe('errors point at the YAML path', () => {
  const tagged = 'tags: [urgent]\n';
  const action = 'actions:\n  - id: booking_change\n    title: T\n    fields: [{ name: n, prompt: p }]\n';

  it.each([
    [
      'invalid regex',
      'rules:\n  - id: r\n    when: { regex: "(" }\n    then: { sendMessage: hi }\n',
      'rules[0].when.regex: invalid regular expression "(": Unterminated group.',
    ],
    [
      'invalid field pattern',
      'actions:\n  - id: a\n    title: T\n    fields: [{ name: n, prompt: p, type: pattern, pattern: "[a-" }]\n',
      'actions[0].fields[0].pattern: invalid regular expression "[a-":',
    ],
    [
      'unknown key, with a suggestion',
      'rules:\n  - id: r\n    when: { keywrods: [x] }\n    then: { sendMessage: hi }\n',
      'rules[0].when: unknown key "keywrods"; did you mean "keywords"?',
    ],
    ['unknown top-level key', 'rule: []\n', '(top level): unknown key "rule"; did you mean "rules"?'],
    [
      'unknown key, no close match',
      'slack: { colour: red }\n',
      'slack: unknown key "colour"; allowed keys: handoffChannel, privateNotePrefix, signWithFirstName.',
    ],
    [
      'undefined tag in a rule',
      `${tagged}rules:\n  - id: r\n    when: { keywords: x }\n    then: { addTag: urgnt }\n`,
      'rules[0].then.addTag: tag "urgnt" is not defined under tags; did you mean "urgent"?',
    ],
    [
      'undefined tag in tagApplied',
      `${tagged}rules:\n  - id: r\n    when: { tagApplied: vip }\n    then: { sendMessage: hi }\n`,
      'rules[0].when.tagApplied: tag "vip" is not defined under tags.',
    ],
    [
      'undefined action in a rule',
      `${action}rules:\n  - id: r\n    when: { keywords: x }\n    then: { startAction: booking_chnage }\n`,
      'rules[0].then.startAction: action "booking_chnage" is not defined under actions; did you mean "booking_change"?',
    ],
    [
      'undefined action completed',
      'rules:\n  - id: r\n    when: { actionCompleted: nope }\n    then: { sendMessage: hi }\n',
      'rules[0].when.actionCompleted: action "nope" is not defined under actions.',
    ],
    [
      'undefined tag in handoff trigger',
      'handoff: { tags: [vip] }\n',
      'handoff.tags[0]: tag "vip" is not defined under tags.',
    ],
    [
      'undefined action in handoff trigger',
      'handoff: { actions: [nope] }\n',
      'handoff.actions[0]: action "nope" is not defined under actions.',
    ],
    ['duplicate tag', 'tags: [urgent, Urgent]\n', 'tags[1]: tag "Urgent" is defined twice (also tags[0]).'],
    [
      'duplicate rule id',
      'rules:\n  - { id: r, when: { aiUnsure: true }, then: { handoff: true } }\n  - { id: r, when: { aiUnsure: true }, then: { handoff: true } }\n',
      'rules[1].id: id "r" is also used by rules[0].',
    ],
    [
      'rule without condition',
      'rules:\n  - { id: r, when: {}, then: { handoff: true } }\n',
      'rules[0].when: has no condition.',
    ],
    [
      'rule without effect',
      'rules:\n  - { id: r, when: { aiUnsure: true }, then: {} }\n',
      'rules[0].then: has no effect.',
    ],
    [
      'alert without anyone',
      'rules:\n  - { id: r, when: { aiUnsure: true }, then: { alert: { text: hi } } }\n',
      'rules[0].then.alert: mentions nobody.',
    ],
    [
      'Slack name instead of ID',
      'rules:\n  - { id: r, when: { aiUnsure: true }, then: { alert: { usergroup: "@support" } } }\n',
      'rules[0].then.alert.usergroup: "@support" is not a Slack user group ID.',
    ],
    [
      'bad channel',
      'rules:\n  - { id: r, when: { channel: telegram }, then: { handoff: true } }\n',
      'rules[0].when.channel[0]: "telegram" is not allowed. Fix: use one of "sms", "whatsapp"',
    ],
    [
      'outsideBusinessHours without hours',
      'rules:\n  - { id: r, when: { outsideBusinessHours: true }, then: { handoff: true } }\n',
      'rules[0].when.outsideBusinessHours: needs business hours, but businessHours is not set',
    ],
    [
      'bad time zone',
      'businessHours: { timeZone: Europe/Lisbn, weekly: { mon: "09:00-17:00" } }\n',
      'businessHours.timeZone: "Europe/Lisbn" is not an IANA time zone.',
    ],
    [
      'bad interval',
      'businessHours: { timeZone: UTC, weekly: { mon: ["9-17"] } }\n',
      'businessHours.weekly.mon[0]: "9-17" is not an opening interval.',
    ],
    [
      'backwards interval',
      'businessHours: { timeZone: UTC, weekly: { fri: ["22:00-02:00"] } }\n',
      'businessHours.weekly.fri[0]: "22:00-02:00" ends before it starts.',
    ],
    [
      'unknown weekday',
      'businessHours: { timeZone: UTC, weekly: { monday: ["09:00-17:00"] } }\n',
      'businessHours.weekly: unknown key "monday"; did you mean "mon"?',
    ],
    [
      'never open',
      'businessHours: { timeZone: UTC, weekly: {} }\n',
      'businessHours.weekly: no opening hours on any day',
    ],
    [
      'bad holiday',
      'businessHours: { timeZone: UTC, weekly: { mon: "09:00-17:00" }, holidays: ["2026-02-30"] }\n',
      'businessHours.holidays[0]: "2026-02-30" is not a date.',
    ],
    [
      'pattern missing',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p, type: pattern }] }\n',
      'actions[0].fields[0].pattern: is required for type pattern.',
    ],
    [
      'choices missing',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p, type: choice }] }\n',
      'actions[0].fields[0].choices: is required for type choice.',
    ],
    [
      'bad field type',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p, type: datetime }] }\n',
      'actions[0].fields[0].type: "datetime" is not allowed. Fix: use one of "text", "pattern", "date", "dateRange"',
    ],
    ['no fields', 'actions:\n  - { id: a, title: T, fields: [] }\n', 'actions[0].fields: must have at least 1 item.'],
    [
      'duplicate field',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p }, { name: n, prompt: q }] }\n',
      'actions[0].fields[1].name: "n" is also the name of fields[0].',
    ],
    [
      'secret in place of an env var name',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p }], webhook: { url: "https://x.example", secretEnv: "s3cr3t" } }\n',
      'actions[0].webhook.secretEnv: "s3cr3t" is not an environment variable name.',
    ],
    [
      'bad webhook URL',
      'actions:\n  - { id: a, title: T, fields: [{ name: n, prompt: p }], webhook: { url: "booking.example" } }\n',
      'actions[0].webhook.url: "booking.example" is not an http(s) URL.',
    ],
    [
      'bad id',
      'actions:\n  - { id: Booking Change, title: T, fields: [{ name: n, prompt: p }] }\n',
      'actions[0].id: "Booking Change" is not a valid id.',
    ],
    [
      'language not configured',
      'rules:\n  - { id: r, when: { language: de }, then: { handoff: true } }\n',
      'rules[0].when.language: language "de" is not in assistant.languages (en).',
    ],
    [
      'default language missing',
      'assistant: { languages: [en, fr] }\nmessages: { help: { fr: Bonjour } }\n',
      'messages.help: has no text for the default language "en"',
    ],
    [
      'languages without default',
      'assistant: { defaultLanguage: fr, languages: [en] }\n',
      'assistant.languages: does not include the default language "fr".',
    ],
    [
      'bad language code',
      'assistant: { languages: [en, English] }\n',
      'assistant.languages[1]: "English" is not a language code.',
    ],
    [
      'bad language key in a text',
      'messages: { help: { en: Hi, Spanish: Hola } }\n',
      'messages.help.Spanish: "Spanish" is not a language code.',
    ],
    [
      'unknown placeholder',
      'messages: { handoffNotice: "Back {nextOpenning}" }\n',
      'messages.handoffNotice: unknown placeholder {nextOpenning}.',
    ],
    [
      'wrong type inside a text map',
      'messages: { help: { en: 5 } }\n',
      'messages.help.en: expected a text, got number 5.',
    ],
    [
      'wrong type',
      'handoff: { aiUnsure: { afterCount: two } }\n',
      'handoff.aiUnsure.afterCount: expected a number, got "two".',
    ],
    [
      'out of range',
      'channels: { sms: { maxLength: 5000 } }\n',
      'channels.sms.maxLength: must be at most 1600, got number 5000.',
    ],
    ['bad colour', 'tags: [{ name: urgent, color: red }]\n', 'tags[0].color: "red" is not a colour.'],
    ['not a mapping', '- a\n- b\n', '(top level): expected a mapping (key: value), got a list.'],
    [
      'required key missing',
      'actions:\n  - { id: a, fields: [{ name: n, prompt: p }] }\n',
      'actions[0].title: is required.',
    ],
    ['YAML syntax: line and column', 'rules:\n  - id: r\n    when: [unclosed\n', 'line 4, column 1: '],
    ['YAML duplicate key', 'tags: []\ntags: []\n', 'line 2, column 1: Map keys must be unique.'],
  ])('%s', (_name, yamlText, expected) => {
    const problems = problemsOf(yamlText);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    // Every problem line starts with the place it is about.
    for (const problem of problems) expect(problem).toMatch(/^([A-Za-z(][^:]*|line \d+, column \d+): /);
  });

  it('gives each problem its own line, with the line of the file, under a heading naming the file', () => {
    let caught: unknown;
    try {
      parseBatonConfig(
        'tags: [urgent]\nrules:\n  - id: r\n    when:\n      regex: "("\n      keywrods: [x]\n    then: { addTag: urgent }\n',
        'ops/baton.yml',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems).toEqual([
      expect.stringMatching(/^rules\[0\]\.when\.regex: invalid regular expression "\(": .*\(line 5\)$/),
      expect.stringMatching(/^rules\[0\]\.when: unknown key "keywrods"; .*\(line 6\)$/),
    ]);
    expect(error.message.split('\n')[0]).toBe('Config file ops/baton.yml has 2 problems:');
  });

  it('reports a missing file as a config problem', () => {
    expect(() => loadBatonConfig('/nonexistent/baton.yml')).toThrow(
      expect.objectContaining({
        code: 'config_invalid',
        problems: [expect.stringContaining('/nonexistent/baton.yml: file not found. Fix: ')],
      }),
    );
  });
});

describe('pickText', () => {
  it.each([
    ['plain text', 'Hi', 'fr', 'Hi'],
    ['exact language', { en: 'Hi', fr: 'Salut' }, 'fr', 'Salut'],
    ['base language', { en: 'Hi', pt: 'Olá' }, 'pt-BR', 'Olá'],
    ['default language', { en: 'Hi', fr: 'Salut' }, 'ko', 'Hi'],
    ['unknown language', { en: 'Hi' }, undefined, 'Hi'],
  ] as const)('%s', (_name, value, language, expected) => {
    expect(pickText(value, language, 'en')).toBe(expected);
  });
});
