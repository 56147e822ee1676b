import { unwritableOutput } from '../loaders/output.ts';
import { MissingSetting } from '../loaders/pull/context.ts';
import { ApiError, AuthError } from '../loaders/pull/http.ts';
import { pull, PULL_SOURCES, type PullSource } from '../loaders/pull/index.ts';
import { UsageError } from './errors.ts';

export interface PullOptions {
  source: string;
  out: string;
}

const number = new Intl.NumberFormat('en-US');

/** `pipescope pull`: credentials from the environment, one progress line per page on stderr. */
export async function pullCommand(o: PullOptions): Promise<void> {
  if (!(o.source in PULL_SOURCES))
    throw new UsageError(`--source ${o.source} cannot be pulled — use one of ${Object.keys(PULL_SOURCES).join(', ')}`);
  const unwritable = unwritableOutput(o.out);
  if (unwritable) throw new UsageError(`${unwritable.message} — ${unwritable.hint}`);
  const started = Date.now();
  process.stderr.write(`pipescope pull: ${o.source} → ${o.out}\n`);
  try {
    await pull(o.source as PullSource, o.out, {
      env: process.env,
      progress: (object, records, pages) =>
        process.stderr.write(
          `  ${object}: ${number.format(records)} records (${pages} page${pages === 1 ? '' : 's'})\n`,
        ),
      onWait: (ms, reason) => process.stderr.write(`  ${reason}: waiting ${(ms / 1000).toFixed(1)} s\n`),
    });
  } catch (error) {
    if (error instanceof AuthError || error instanceof ApiError || error instanceof MissingSetting) {
      throw new UsageError(`${error.message}; ${o.out} is unchanged`);
    }
    throw error;
  }
  process.stderr.write(
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s: build the model with pipescope data --source ${o.source} --in ${o.out} --out <model>\n`,
  );
}
