import type { FlowResult } from './run-flow';

/** The whole run, as `--json` prints it (docs/flows.md describes each key). */
export interface FlowsReport {
  ok: boolean;
  /** The config file the flows ran against. */
  config: string;
  /** The directory (or file) the flows came from. */
  source: string;
  durationMs: number;
  flows: FlowResult[];
  summary: { flows: number; passed: number; failed: number; expectations: number; failedExpectations: number };
}

export function summarize(flows: FlowResult[]): FlowsReport['summary'] {
  const expectations = flows.flatMap((flow) => flow.steps.flatMap((step) => step.expectations));
  const failed = flows.filter((flow) => !flow.ok).length;
  return {
    flows: flows.length,
    passed: flows.length - failed,
    failed,
    expectations: expectations.length,
    failedExpectations: expectations.filter((item) => !item.ok).length,
  };
}

export interface TextStyle {
  color: boolean;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function paint(style: TextStyle, code: number, text: string): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** One flow as the terminal shows it: a line when it passed, every failure under it when not. */
export function formatFlowResult(flow: FlowResult, style: TextStyle = { color: false }): string {
  const ok = paint(style, 32, '✓');
  const ko = paint(style, 31, '✗');
  if (flow.problems) {
    return [`${ko} ${flow.file}: cannot be run as a flow`, ...flow.problems.map((problem) => `    - ${problem}`)].join(
      '\n',
    );
  }
  const steps = `${flow.steps.length} step${flow.steps.length === 1 ? '' : 's'}`;
  if (flow.ok) return `${ok} ${flow.name}  ${paint(style, 2, `(${steps}, ${seconds(flow.durationMs)})`)}`;
  const lines = [`${ko} ${flow.name}  ${paint(style, 2, `(${flow.file}, ${seconds(flow.durationMs)})`)}`];
  for (const step of flow.steps.filter((candidate) => !candidate.ok)) {
    lines.push(`    step ${step.index}: ${step.label}`);
    if (step.error) lines.push(`      ${ko} could not be carried out: ${step.error}`);
    for (const expectation of step.expectations.filter((item) => !item.ok)) {
      lines.push(`      ${ko} ${expectation.message}`);
    }
  }
  if (flow.skippedSteps) {
    lines.push(`    (${flow.skippedSteps} later step${flow.skippedSteps === 1 ? '' : 's'} not run)`);
  }
  return lines.join('\n');
}

export function formatSummary(report: FlowsReport, style: TextStyle = { color: false }): string {
  const { flows, passed, failed } = report.summary;
  const counts = `${flows} flow${flows === 1 ? '' : 's'}: ${passed} passed, ${failed} failed`;
  return `${failed > 0 ? paint(style, 31, counts) : paint(style, 32, counts)} (${seconds(report.durationMs)})`;
}

/** The text report: a heading, each flow, the summary. */
export function formatFlowsReport(report: FlowsReport, style: TextStyle = { color: false }): string {
  return [
    `Flows from ${report.source}, config ${report.config}`,
    '',
    ...report.flows.map((flow) => formatFlowResult(flow, style)),
    '',
    formatSummary(report, style),
  ].join('\n');
}
