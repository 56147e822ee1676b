import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE } from '../src/model/manifest.ts';
import { isoFromMicros, parseDate, parseTimestamp } from '../loaders/validate/values.ts';
import { openModel } from '../src/db/nativeModel.ts';
import { isViewName, missingInputs, runView, VIEW_NAMES } from '../src/metrics/index.ts';
import { FILTER_KEYS, rollupModelOf, type Filters, type FilterKey } from '../src/metrics/params.ts';
import { inWindowDates, WINDOW_DATES } from '../src/metrics/period.ts';
import { UsageError } from './errors.ts';
import { FORMATS, writeRows, type Format } from './format.ts';

export interface QueryOptions {
  data: string;
  asOf?: string;
  from?: string;
  to?: string;
  filter: string[];
  format: string;
  compare: string;
  stallLimit: string[];
  idleDays?: string;
}

function parseFilters(pairs: readonly string[]): Filters {
  const filters: Partial<Record<FilterKey, string[]>> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, Math.max(eq, 0));
    if (eq < 1 || !(FILTER_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(
        `--filter "${pair}" is not key=value with a known key — use one of ${FILTER_KEYS.join(', ')}, e.g. --filter region=EMEA`,
      );
    }
    (filters[key as FilterKey] ??= []).push(pair.slice(eq + 1));
  }
  return filters;
}

/** `--stall-limit Proposal=30`: per-stage stall limits in days, replacing the company-wide 75th percentile. */
function parseStallLimits(pairs: readonly string[]): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const limit = Number(pair.slice(eq + 1));
    if (eq < 1 || pair.slice(eq + 1).trim() === '' || !Number.isFinite(limit) || limit < 0) {
      throw new UsageError(`--stall-limit "${pair}" is not stage=days — e.g. --stall-limit Proposal=30`);
    }
    limits[pair.slice(0, eq)] = limit;
  }
  return limits;
}

function checkDate(flag: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parseDate(value).ok) {
    throw new UsageError(`${flag} "${value}" is not a calendar date — write YYYY-MM-DD, e.g. 2026-01-31`);
  }
  if (!inWindowDates(value)) {
    throw new UsageError(
      `${flag} ${value} is outside the dates a window can have (${WINDOW_DATES.min} to ${WINDOW_DATES.max}) — leave ${flag} out for a window open at that end`,
    );
  }
}

export async function queryCommand(view: string, o: QueryOptions): Promise<void> {
  if (!isViewName(view)) throw new UsageError(`unknown view "${view}" — use one of ${VIEW_NAMES.join(', ')}`);
  if (!(FORMATS as readonly string[]).includes(o.format))
    throw new UsageError(`--format ${o.format} is not known — use table, json or csv`);
  if (!existsSync(join(o.data, MANIFEST_FILE))) {
    throw new UsageError(
      `${o.data} holds no built model (no ${MANIFEST_FILE}) — run "pipescope data --in <export> --out ${o.data}" first`,
    );
  }
  checkDate('--from', o.from);
  checkDate('--to', o.to);
  if (o.from && o.to && o.from > o.to) throw new UsageError(`--from ${o.from} is after --to ${o.to} — swap them`);
  const filters = parseFilters(o.filter);
  const stallLimitDays = parseStallLimits(o.stallLimit);
  const idleDays = o.idleDays === undefined ? undefined : Number(o.idleDays);
  if (idleDays !== undefined && !(Number.isSafeInteger(idleDays) && idleDays >= 0)) {
    throw new UsageError(`--idle-days "${o.idleDays}" is not a whole number of days — e.g. --idle-days 14`);
  }

  const model = await openModel(o.data);
  try {
    const missing = missingInputs(view, model.manifest.tables);
    if (missing.length > 0) {
      throw new UsageError(
        `${view} needs ${missing.map((t) => `${t}.csv`).join(' and ')}, which the build's input did not have — add it to the export and run "pipescope data" again`,
      );
    }
    let asOf = model.manifest.as_of;
    if (o.asOf !== undefined) {
      const parsed = parseTimestamp(o.asOf, model.manifest.tz);
      if (!parsed.ok) throw new UsageError(`--as-of "${o.asOf}" is not a timestamp — ${parsed.hint}`);
      asOf = isoFromMicros(parsed.value);
    }
    const rows = await runView(model.engine, view, {
      asOf,
      tz: model.manifest.tz,
      from: o.from,
      to: o.to,
      filters,
      compare: o.compare === 'year' ? 'year' : 'previous',
      stallLimitDays,
      idleDays,
      rollups: rollupModelOf(model.manifest),
    });
    writeRows(rows, o.format as Format, (chunk) => process.stdout.write(chunk));
  } finally {
    model.close();
  }
}
