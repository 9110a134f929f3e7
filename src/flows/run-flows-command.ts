import { existsSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { TBatonConfig } from '../config/baton-config.schema';
import { type Env, loadEnv, packageRoot, resolveConfigPath } from '../config/env';
import { loadBatonConfig } from '../config/load-baton-config';
import { findFlowFiles } from './find-flow-files';
import type { TFlow } from './flow-file.schema';
import { FlowFileError } from './flow-file-error';
import { type FlowsReport, formatFlowResult, formatSummary, summarize } from './format-flow-report';
import { loadFlowFile } from './load-flow-file';
import { type FlowResult, runFlow } from './run-flow';
import { type FlowSandbox, startFlowSandbox } from './start-flow-sandbox';

export interface FlowsCommandOptions {
  /** A directory of flow files, or one file. Default: ./flows if it exists, else the shipped examples/flows. */
  dir?: string;
  /** The Baton config to test; default as `baton start` picks it (BATON_CONFIG, ./baton.config.yml, the example). */
  config?: string;
  /** Documents the AI answers from; default the shipped examples/knowledge. */
  knowledge?: string;
  /** One JSON document on stdout (for CI) instead of the text report. */
  json?: boolean;
  /** Baton's own logs (at LOG_LEVEL) on stderr. */
  verbose?: boolean;
  /** How long one step may keep Baton busy; default 20 s. */
  stepTimeoutMs?: number;
}

export interface FlowsCommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Where DATABASE_URL, REDIS_URL … come from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Colours in the text report; default: when stdout is a terminal. */
  color?: boolean;
}

const processIo: FlowsCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const display = (file: string) => path.relative(process.cwd(), file) || file;

function defaultSource(): string {
  return existsSync('flows') ? 'flows' : path.join(packageRoot(), 'examples', 'flows');
}

type Loaded = { file: string; flow: TFlow } | { file: string; failed: FlowResult };

function loadFlows(files: string[], config: TBatonConfig): Loaded[] {
  return files.map((file) => {
    try {
      return { file, flow: loadFlowFile(file, config) };
    } catch (error) {
      if (!(error instanceof FlowFileError)) throw error;
      const failed: FlowResult = {
        name: display(file),
        file: display(file),
        ok: false,
        durationMs: 0,
        steps: [],
        problems: error.problems,
      };
      return { file, failed };
    }
  });
}

/**
 * `baton flows [dir]`: runs scripted conversations against the real core — web, worker and
 * the Slack bridge in this process — on a database and Redis prefix of their own (removed at
 * the end, also on failure or Ctrl-C), with Slack, booking webhooks and SMS/WhatsApp replaced
 * by local recorders. Returns the exit code: 0 when every flow passed, else 1.
 */
export async function runFlowsCommand(
  options: FlowsCommandOptions = {},
  io: FlowsCommandIo = processIo,
): Promise<number> {
  const started = Date.now();
  const style = { color: io.color ?? (!options.json && process.stdout.isTTY === true) };
  let env: Env;
  let configPath: string;
  let loaded: Loaded[];
  let source: string;
  try {
    env = loadEnv(io.env ?? process.env);
    configPath = options.config ? path.resolve(options.config) : resolveConfigPath(env);
    const config = loadBatonConfig(configPath);
    source = options.dir ?? defaultSource();
    loaded = loadFlows(findFlowFiles(source), config);
    return await runLoaded({ options, io, style, env, config, configPath, source, loaded, started });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) io.stdout(`${JSON.stringify({ ok: false, error: message }, null, 2)}\n`);
    io.stderr(`baton flows: ${message}\n`);
    return 1;
  }
}

async function runLoaded(input: {
  options: FlowsCommandOptions;
  io: FlowsCommandIo;
  style: { color: boolean };
  env: Env;
  config: TBatonConfig;
  configPath: string;
  source: string;
  loaded: Loaded[];
  started: number;
}): Promise<number> {
  const { options, io, style, env } = input;
  const text = !options.json;
  const print = (line: string) => {
    if (text) io.stdout(`${line}\n`);
  };
  print(`Flows from ${display(input.source)}, config ${display(input.configPath)}\n`);

  const results: FlowResult[] = [];
  const runnable = input.loaded.filter((item): item is { file: string; flow: TFlow } => 'flow' in item);
  let sandbox: FlowSandbox | undefined;
  let closeSandbox: (() => Promise<void>) | undefined;
  let stopped = false;
  // Ctrl-C: nothing more is run or printed; the database and keys are removed, then exit 130.
  const interrupted = (signal: NodeJS.Signals) => {
    stopped = true;
    io.stderr(`\nbaton flows: ${signal}: removing the flow database and Redis keys…\n`);
    void (closeSandbox?.() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    if (runnable.length > 0) {
      const logger = pino(
        { name: 'baton', level: options.verbose ? env.logLevel : 'silent' },
        pino.destination({ dest: 2, sync: true }),
      );
      sandbox = await startFlowSandbox({
        env,
        config: input.config,
        knowledgeDir: path.resolve(options.knowledge ?? path.join(packageRoot(), 'examples', 'knowledge')),
        logger,
        variables: io.env ?? process.env,
        onClose: (close) => {
          closeSandbox = close;
        },
        progress: (line) => {
          if (text) io.stderr(`  ${line}\n`);
        },
      });
    }
    for (const [position, item] of input.loaded.entries()) {
      if (stopped) break;
      const result =
        'flow' in item && sandbox
          ? await runFlow(sandbox, item.flow, display(item.file), position, { stepTimeoutMs: options.stepTimeoutMs })
          : 'failed' in item
            ? item.failed
            : undefined;
      if (!result || stopped) continue;
      results.push(result);
      print(formatFlowResult(result, style));
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await closeSandbox?.();
  }
  if (stopped) return 130;

  const report: FlowsReport = {
    ok: results.every((result) => result.ok),
    config: display(input.configPath),
    source: display(input.source),
    durationMs: Date.now() - input.started,
    flows: results,
    summary: summarize(results),
  };
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else print(`\n${formatSummary(report, style)}`);
  return report.ok ? 0 : 1;
}
