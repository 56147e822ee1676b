import { buildModel, SOURCE_KINDS, type SourceKind } from '../loaders/build.ts';
import { formatProblem } from '../loaders/validate/problem.ts';
import { UsageError } from './errors.ts';
import { buildProgressReporter } from './progress.ts';

export interface DataOptions {
  source: string;
  in?: string;
  out: string;
  asOf?: string;
  tz?: string;
  fiscalYearStart?: string;
  config?: string;
  encoding?: string;
  url?: string;
}

const WARNINGS_SHOWN = 20;

export async function dataCommand(o: DataOptions): Promise<void> {
  if (!(SOURCE_KINDS as readonly string[]).includes(o.source)) {
    throw new UsageError(`--source ${o.source} is not known — use one of ${SOURCE_KINDS.join(', ')}`);
  }
  const started = Date.now();
  process.stderr.write(
    `pipescope data: ${o.source} ${o.source === 'postgres' ? 'database' : `export in ${o.in}`} → ${o.out}\n`,
  );
  const result = await buildModel({
    source: o.source as SourceKind,
    inDir: o.in ?? '',
    outDir: o.out,
    asOf: o.asOf,
    tz: o.tz,
    fiscalYearStartMonth: o.fiscalYearStart === undefined ? undefined : Number(o.fiscalYearStart),
    config: o.config,
    encoding: o.encoding,
    url: o.url,
    onProgress: buildProgressReporter(),
  });
  for (const w of result.warnings.slice(0, WARNINGS_SHOWN)) process.stderr.write(`warning: ${formatProblem(w)}\n`);
  if (result.warnings.length > WARNINGS_SHOWN)
    process.stderr.write(`warning: ${result.warnings.length - WARNINGS_SHOWN} more warnings not shown\n`);
  if (!result.ok) for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
  for (const line of result.suppressed) process.stderr.write(`${line}\n`);
  if (!result.ok) {
    throw new UsageError(
      `${result.problems.length} problem(s) in the input; nothing was written, ${o.out} is unchanged`,
    );
  }
  if (result.staleData) process.stderr.write(`warning: ${formatProblem(result.staleData)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`done in ${seconds} s: model as of ${result.manifest.as_of} in ${o.out}\n`);
}
