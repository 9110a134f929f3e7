import { formatFlowResult, formatFlowsReport, summarize } from '../../../src/flows/format-flow-report';
import type { FlowResult } from '../../../src/flows/run-flow';

const passed: FlowResult = {
  name: 'Itinerary question',
  file: 'flows/a.yml',
  ok: true,
  durationMs: 700,
  steps: [{ index: 1, label: 'traveler: "hi"', ok: true, expectations: [] }],
};

const failed: FlowResult = {
  name: 'Lost luggage',
  file: 'flows/b.yml',
  ok: false,
  durationMs: 1234,
  skippedSteps: 2,
  steps: [
    {
      index: 1,
      label: 'traveler: "I lost my bag"',
      ok: false,
      expectations: [
        {
          expectation: 'state',
          ok: false,
          expected: '"pending"',
          actual: '"bot"',
          message: 'state: expected "pending", got "bot"',
        },
        { expectation: 'tags', ok: true, expected: '[urgent]', actual: '[urgent]', message: 'tags: [urgent]' },
      ],
    },
    { index: 2, label: 'specialist clicks Claim', ok: true, expectations: [] },
    {
      index: 3,
      label: 'specialist replies "x"',
      ok: false,
      error: 'no open handoff thread to reply in (state "bot").',
      expectations: [],
    },
  ],
};

const invalid: FlowResult = {
  name: 'flows/c.yml',
  file: 'flows/c.yml',
  ok: false,
  durationMs: 0,
  steps: [],
  problems: ['name: is required. (line 1)'],
};

describe('the flows report', () => {
  it('shows a passed flow on one line, and only the failures of a failed one', () => {
    expect(formatFlowResult(passed)).toBe('✓ Itinerary question  (1 step, 0.7 s)');
    expect(formatFlowResult(failed)).toBe(
      [
        '✗ Lost luggage  (flows/b.yml, 1.2 s)',
        '    step 1: traveler: "I lost my bag"',
        '      ✗ state: expected "pending", got "bot"',
        '    step 3: specialist replies "x"',
        '      ✗ could not be carried out: no open handoff thread to reply in (state "bot").',
        '    (2 later steps not run)',
      ].join('\n'),
    );
    expect(formatFlowResult(invalid)).toBe('✗ flows/c.yml: cannot be run as a flow\n    - name: is required. (line 1)');
  });

  it('counts flows and expectations, and colours only when asked', () => {
    const flows = [passed, failed, invalid];
    expect(summarize(flows)).toEqual({ flows: 3, passed: 1, failed: 2, expectations: 2, failedExpectations: 1 });
    const report = {
      ok: false,
      config: 'baton.config.yml',
      source: 'flows',
      durationMs: 3000,
      flows,
      summary: summarize(flows),
    };
    const text = formatFlowsReport(report);
    expect(text.split('\n')[0]).toBe('Flows from flows, config baton.config.yml');
    expect(text.endsWith('3 flows: 1 passed, 2 failed (3.0 s)')).toBe(true);
    expect(text).not.toContain('\u001b[');
    expect(formatFlowsReport(report, { color: true })).toContain('\u001b[31m✗\u001b[0m Lost luggage');
  });
});
