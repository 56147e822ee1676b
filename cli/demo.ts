import { writeDemo } from '../loaders/demo/index.ts';
import { asOutputError, unwritableOutput } from '../loaders/output.ts';
import { UsageError } from './errors.ts';

export interface DemoCommandOptions {
  out: string;
  opportunities: string;
  seed: string;
}

const number = new Intl.NumberFormat('en-US');

export async function demoCommand(o: DemoCommandOptions): Promise<void> {
  const opportunities = Number(o.opportunities);
  const seed = Number(o.seed);
  if (!Number.isInteger(opportunities) || opportunities < 1) {
    throw new UsageError(
      `--opportunities ${o.opportunities} is not a positive whole number — e.g. --opportunities 5000`,
    );
  }
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${o.seed} is not a whole number — e.g. --seed 42`);
  const unwritable = unwritableOutput(o.out, 'inside');
  if (unwritable) throw new UsageError(`${unwritable.message} — ${unwritable.hint}`);
  const started = Date.now();
  let lastReport = 0;
  // The demo writes into --out in place (no staging folder): a failed write leaves its files part-written.
  const summary = await writeDemo({
    out: o.out,
    opportunities,
    seed,
    onProgress: ({ file, rows }) => {
      const now = Date.now();
      if (now - lastReport < 1000) return;
      lastReport = now;
      process.stderr.write(`  ${file}: ${number.format(rows)} rows…\n`);
    },
  }).catch((error: unknown) => {
    throw asOutputError(error, 'demo export', o.out, `the demo files in ${o.out} are incomplete`);
  });
  for (const [file, rows] of Object.entries(summary.files))
    process.stderr.write(`  wrote ${file}: ${number.format(rows)} rows\n`);
  process.stderr.write(`demo CRM export in ${o.out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
