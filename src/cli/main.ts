// First: V8 heap tuning must be set before the rest allocates (tune-v8-heap.ts).
import './tune-v8-heap';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Command } from 'commander';
import { ConfigError } from '../core/errors';
import { createLogger } from '../core/logger';
import { runFlowsCommand } from '../flows/run-flows-command';
import { runReportCommand } from '../insights/run-report-command';
import { formatDoctor, runDoctor } from './doctor';
import { runKbAsk, runKbIngest } from './kb-commands';
import { loadSettings } from './load-settings';
import { prepareDatabase, runBaton } from './run-baton';
import { showWhatsappWeb } from './whatsapp-status';

function fail(error: unknown): never {
  // Configuration problems are the operator's to fix: say what and how, no stack trace.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else if (error instanceof Error && 'code' in error && error.name === 'BatonError')
    process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

export function buildProgram(): Command {
  const program = new Command('baton').description('AI travel assistant on WhatsApp and SMS, with handoff to Slack');
  program
    .command('start')
    .description('web + worker in one process; creates the database and applies pending migrations first')
    .action(() => runBaton(loadSettings(), { web: true, worker: true, migrate: true }));
  program
    .command('web')
    .description('HTTP receivers only (webhooks, Slack, simulator, health, metrics)')
    .action(() => runBaton(loadSettings(), { web: true, worker: false, migrate: false }));
  program
    .command('worker')
    .description('queue processors only (inbound, replies, delivery)')
    .action(() => runBaton(loadSettings(), { web: false, worker: true, migrate: false }));
  program
    .command('migrate')
    .description('create the database if missing and apply pending migrations')
    .action(async () => {
      const { env } = loadSettings();
      const logger = createLogger({ level: env.logLevel });
      await prepareDatabase(env.databaseUrl, logger);
      logger.info('database is up to date');
    });
  const kb = program.command('kb').description('the knowledge base the AI answers from');
  kb.command('ingest <dir>')
    .description('ingest Markdown, text, HTML and PDF files (recursively); unchanged files are skipped')
    .option('--reembed', 'embed every chunk again (after changing OPENAI_EMBEDDING_MODEL)')
    .action(async (dir: string, options: { reembed?: boolean }) => {
      const { env } = loadSettings();
      const result = await runKbIngest(env, dir, { reembed: options.reembed === true });
      process.exitCode = result.failed.length > 0 ? 1 : 0;
    });
  kb.command('ask [question]')
    .description('answer a question from the knowledge base; without one, read questions from stdin')
    .option('--json', 'print {"answer", "confident", "sources"} as JSON')
    .action(async (question: string | undefined, options: { json?: boolean }) => {
      const { env } = loadSettings();
      await runKbAsk(env, question, { json: options.json === true || question === undefined });
    });
  program
    .command('whatsapp')
    .description('show the whatsapp-web.js session state, and the QR to scan when it waits for one')
    .action(async () => {
      const { env } = loadSettings();
      const ready = await showWhatsappWeb(env, (text) => process.stdout.write(text));
      process.exitCode = ready ? 0 : 1;
    });
  program
    .command('flows [dir]')
    .description(
      'run flow files (scripted conversations) against the config on a throwaway database; exit 1 if any fails',
    )
    .option('--config <file>', 'the Baton config to test (default: BATON_CONFIG, ./baton.config.yml, else the example)')
    .option('--knowledge <dir>', 'documents the AI answers from (default: examples/knowledge)')
    .option('--json', 'print one JSON document (for CI) instead of the text report')
    .option('--verbose', "Baton's own logs on stderr")
    .action(
      async (
        dir: string | undefined,
        options: { config?: string; knowledge?: string; json?: boolean; verbose?: boolean },
      ) => {
        process.exitCode = await runFlowsCommand({ dir, ...options });
      },
    );
  program
    .command('report')
    .description('insights for a period: handoffs, tags, time to a specialist, knowledge gaps')
    .option('--from <date>')
    .option('--to <date>')
    .option('--tag <tag>')
    .option('--channel <channel>')
    .option('--destination <name>')
    .option('--tz <zone>')
    .option('--json')
    .option('--png <file>')
    .action(async (options) => {
      await runReportCommand(loadSettings(), options);
    });
  program
    .command('doctor')
    .description('check env, config, PostgreSQL and Redis, and say what to fix')
    .action(async () => {
      const checks = await runDoctor();
      process.stdout.write(`${formatDoctor(checks)}\n`);
      process.exitCode = checks.every((check) => check.ok) ? 0 : 1;
    });
  return program;
}

/** A `.env` in the working directory is read (variables already set win), as .env.example suggests. */
function loadDotEnv(): void {
  if (!existsSync('.env')) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync('.env', 'utf8')))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}

export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    loadDotEnv();
    await buildProgram().parseAsync(argv);
  } catch (error) {
    fail(error);
  }
}

if (require.main === module) void main();
