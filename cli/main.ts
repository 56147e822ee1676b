import { Command, Option } from 'commander';
import { dataCommand } from './data.ts';
import { demoCommand } from './demo.ts';
import { UsageError } from './errors.ts';
import { pullCommand } from './pull.ts';
import { queryCommand } from './query.ts';
import { siteCommand } from './site.ts';
import { DEMO_AS_OF } from '../loaders/demo/index.ts';
import { ManifestError } from '../src/model/manifest.ts';
import { OutputError } from '../loaders/output.ts';
import { VIEW_NAMES } from '../src/metrics/index.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const program = new Command('pipescope')
  .description('Sales analytics from CRM exports: validated Parquet, metric SQL, a static site.')
  .showHelpAfterError('(run "pipescope <command> --help" for the options)');

program
  .command('data')
  .description('validate a CRM export and write the model (Parquet, browser database, manifest.json) atomically')
  .requiredOption('--source <kind>', 'canonical | salesforce | hubspot | pipedrive | wukong | mapped | postgres')
  .option('--in <dir>', 'folder with the export (required for every source but postgres)')
  .requiredOption('--out <dir>', 'model folder to (re)place; left untouched when the input has problems')
  .option('--as-of <timestamp>', 'snapshot instant, ISO 8601 (default: now)')
  .option('--tz <zone>', 'IANA time zone for timestamps without offset and for calendar windows', 'UTC')
  .option('--fiscal-year-start <month>', 'month (1-12) the fiscal year starts in, for YYYY and YYYY-Qn targets', '1')
  .option('--config <file>', 'mapping file (for --source mapped)')
  .option('--encoding <name>', 'text encoding of CSV files when it is not detected, e.g. gbk or gb18030')
  .option('--url <url>', 'PostgreSQL connection string (for --source postgres), e.g. postgres://user@host/db')
  .action(dataCommand);

program
  .command('pull')
  .description(
    'fetch a CRM\'s objects through its REST API into a folder "pipescope data" reads (credentials from environment variables)',
  )
  .requiredOption('--source <kind>', 'salesforce | hubspot | pipedrive')
  .requiredOption('--out <dir>', 'export folder to (re)place; left untouched when the pull fails')
  .action(pullCommand);

program
  .command('query')
  .description('print one metric view from a built model')
  .argument('<view>', `one of: ${VIEW_NAMES.join(', ')}`)
  .requiredOption('--data <dir>', 'model folder written by "pipescope data"')
  .option('--as-of <timestamp>', "snapshot instant (default: the model's)")
  .option('--from <date>', 'window start, inclusive, YYYY-MM-DD')
  .option('--to <date>', 'window end, inclusive, YYYY-MM-DD')
  .option(
    '--filter <key=value>',
    'region, product_line, owner_id, team, campaign_id, tier or pipeline; repeat a key for OR',
    collect,
    [],
  )
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
  .addOption(
    new Option(
      '--compare <period>',
      'kpis comparison: the previous period of equal length, or the same dates a year earlier',
    )
      .choices(['previous', 'year'])
      .default('previous'),
  )
  .option(
    '--stall-limit <stage=days>',
    'stage_dwell: stall limit for a stage instead of the company 75th percentile; repeatable',
    collect,
    [],
  )
  .option(
    '--idle-days <days>',
    'rep_activity: days without an activity after which an open deal counts as idle (default 14)',
  )
  .action(queryCommand);

program
  .command('build')
  .description('build the static site (into dist/ unless --out)')
  .option('--data <dir>', 'model folder', 'data/demo')
  .option('--base <path>', 'URL path the site is served under', '/')
  .option('--out <dir>', 'site folder; replaced only when the build succeeds', 'dist')
  .addOption(
    new Option('--lang <lang>', "default interface language (a visitor's ?lang= or browser language wins)")
      .choices(['en', 'zh-CN'])
      .default('en'),
  )
  .action(siteCommand);

program
  .command('demo')
  .description(`write a deterministic demo CRM export (canonical CSVs; build it with --as-of ${DEMO_AS_OF})`)
  .requiredOption('--out <dir>', 'folder for the CSV files')
  .option('--opportunities <n>', 'number of opportunities', '5000')
  .option('--seed <s>', 'random seed', '42')
  .action(demoCommand);

// `pipescope query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 1);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Input, arguments, a model folder or an output disk the user has to fix: the message says what and how.
  if (error instanceof UsageError || error instanceof ManifestError || error instanceof OutputError) {
    process.stderr.write(`pipescope: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`pipescope: internal error: ${(error as Error).message}\n`);
  if (process.env.PIPESCOPE_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  else process.stderr.write('(set PIPESCOPE_DEBUG=1 for the stack trace and report it)\n');
  process.exit(2);
}
