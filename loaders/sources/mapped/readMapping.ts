import { readFile } from 'node:fs/promises';
import type { ProblemLog } from '../../validate/problem.ts';
import { whyUnreadable } from '../raw/readable.ts';
import { TABLES } from '../staging/tables.ts';
import { compileDateFormat } from './formats.ts';
import { mappingSchema, type FieldSpec, type Mapping } from './schema.ts';

const fieldObject = (spec: FieldSpec) => (typeof spec === 'string' ? { column: spec } : spec);

/**
 * Reads and checks the mapping file. Every problem names the mapping file and the JSON path of the key to
 * fix (`tables.opportunities.columns.amount`); returns null when there is any.
 */
export async function readMapping(path: string | undefined, log: ProblemLog): Promise<Mapping | null> {
  if (path === undefined) {
    log.error({
      file: 'pipescope data',
      line: null,
      column: '--config',
      message: '--source mapped needs a mapping file',
      hint: 'pass --config <mapping.json> (see docs/sources/mapped.md and examples/maven/mapping.json)',
    });
    return null;
  }
  const problem = (at: string, message: string, hint: string): void =>
    log.error({ file: path, line: null, column: at, message, hint });
  const unreadable = whyUnreadable(path);
  if (unreadable) {
    problem(
      '(file)',
      unreadable.what(path),
      unreadable.reason === 'missing'
        ? 'check the path given to --config'
        : 'pass --config <mapping.json>, a mapping file you may read',
    );
    return null;
  }
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    problem(
      '(file)',
      `the mapping file is not JSON (${(error as Error).message})`,
      'write the mapping as JSON (see examples/maven/mapping.json)',
    );
    return null;
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problem(
        issue.path.join('.') || '(root)',
        issue.message,
        'see docs/sources/mapped.md for the keys a mapping may have',
      );
    return null;
  }
  const mapping = parsed.data;
  const specs = new Map(TABLES.map((t) => [t.table, t]));
  for (const [table, m] of Object.entries(mapping.tables)) {
    const spec = specs.get(table);
    if (!spec) {
      problem(
        `tables.${table}`,
        `"${table}" is not a canonical table`,
        `use one of: ${TABLES.map((t) => t.table).join(', ')}`,
      );
      continue;
    }
    const fields = new Set(spec.columns.map((c) => c.name));
    for (const [field, source] of Object.entries(m.columns)) {
      const at = `tables.${table}.columns.${field}`;
      if (!fields.has(field))
        problem(at, `"${field}" is not a field of ${table}`, `use one of: ${[...fields].join(', ')}`);
      const f = fieldObject(source);
      if (f.column === undefined && f.value === undefined)
        problem(at, 'names neither a column nor a value', 'add "column": "<source header>" or "value": "<constant>"');
      if (f.format !== undefined && compileDateFormat(f.format) === null)
        problem(
          `${at}.format`,
          `"${f.format}" lacks a year, month or day`,
          'use tokens YYYY, M or MM, D or DD (and H, HH, mm, ss), e.g. M/D/YYYY',
        );
    }
    for (const c of spec.columns) {
      if (c.required && m.columns[c.name] === undefined)
        problem(
          `tables.${table}.columns`,
          `required field "${c.name}" is not mapped`,
          `add "${c.name}": "<source header>"`,
        );
    }
    if (m.stageHistory !== undefined && table !== 'opportunities')
      problem(
        `tables.${table}.stageHistory`,
        'stage history comes from opportunity rows only',
        'move stageHistory to tables.opportunities',
      );
  }
  if (mapping.dateFormat !== undefined && compileDateFormat(mapping.dateFormat) === null)
    problem('dateFormat', `"${mapping.dateFormat}" lacks a year, month or day`, 'use e.g. YYYY-MM-DD or M/D/YYYY');
  if (mapping.tables.opportunities === undefined)
    problem('tables', 'the opportunities table is not mapped', 'add tables.opportunities with its file and columns');
  if ((mapping.stages === undefined) === (mapping.tables.stages === undefined)) {
    problem(
      'stages',
      mapping.stages === undefined ? 'there is no stage table' : 'stages are given twice (stages and tables.stages)',
      'give either a fixed "stages" list or map a stages file under tables.stages',
    );
  }
  return log.hasErrors() ? null : mapping;
}
