import type { NativeEngine } from '../../../src/db/native.ts';
import { sqlString } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { loadPlainCsv } from '../raw/plainCsv.ts';
import { forEachRawRow } from '../raw/rows.ts';
import { RowStager, type StagedTable } from '../staging/rowStager.ts';
import { sqlType, type ColumnSpec, type TableSpec } from '../staging/tables.ts';

/**
 * The canonical CSV staged by DuckDB: the file read by `read_csv`, every cell that has the canonical
 * format's plainest spelling typed in SQL, and only the rows with any other cell — a problem, an empty
 * required cell, a value written another accepted way — passed through `RowStager`, the one place that
 * parses and explains a cell. So the typed values and every message are RowStager's, and a million-row
 * export is staged at DuckDB's speed instead of one JavaScript call per cell.
 *
 * The SQL shapes below are strict subsets of what `loaders/validate/values.ts` accepts, and for them
 * DuckDB's cast gives the value the JavaScript parser gives (tests/integration/sqlStage.test.ts).
 */

/** Characters JavaScript's String.prototype.trim removes, as an RE2 class. */
const TRIMMED = String.raw`[\s\x{0B}\x{FEFF}\p{Z}]`;
const YEAR = '[1-9][0-9]{3}';
const CLOCK = '([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]';
const NUMBER = String.raw`-?[0-9]{1,15}(\.[0-9]{1,15})?`;

/** The cell's value when it is written the plainest way, else NULL (then RowStager reads the row). */
function plainValue(cell: string, column: ColumnSpec, tz: string): string {
  const when = (shape: string, value: string): string =>
    `CASE WHEN regexp_full_match(${cell}, ${sqlString(shape)}) THEN ${value} END`;
  const type = column.type;
  if (type === 'text')
    return `CASE WHEN NOT regexp_matches(${cell}, ${sqlString(`^${TRIMMED}|${TRIMMED}$`)}) THEN ${cell} END`;
  if (type === 'period') return when(String.raw`[0-9]{4}(-[Qq][1-4]|-(0[1-9]|1[0-2]))?`, `upper(${cell})`);
  if (typeof type === 'object') {
    const values = type.oneOf.map(sqlString).join(', ');
    return `CASE WHEN lower(${cell}) IN (${values}) AND regexp_full_match(${cell}, '[a-zA-Z0-9_ -]*') THEN lower(${cell}) END`;
  }
  if (type === 'number') return when(NUMBER, `TRY_CAST(${cell} AS DOUBLE)`);
  if (type === 'probability')
    return `CASE WHEN regexp_full_match(${cell}, ${sqlString(NUMBER)}) AND TRY_CAST(${cell} AS DOUBLE) BETWEEN 0 AND 1 THEN TRY_CAST(${cell} AS DOUBLE) END`;
  if (type === 'integer') return when('-?[0-9]{1,9}', `TRY_CAST(${cell} AS INTEGER)`);
  if (type === 'date') return when(`${YEAR}-[0-9]{2}-[0-9]{2}`, `TRY_CAST(${cell} AS DATE)`);
  // A timestamp in UTC (Z), or without an offset when the build's zone is UTC: the instant is its wall time.
  const zone = tz === 'UTC' ? 'Z?' : 'Z';
  return when(
    String.raw`${YEAR}-[0-9]{2}-[0-9]{2}[T ]${CLOCK}(\.[0-9]{1,6})?${zone}`,
    `TRY_CAST(replace(rtrim(${cell}, 'Z'), 'T', ' ') AS TIMESTAMP)`,
  );
}

/** Stages `spec`'s CSV at `path` with DuckDB; null when the file is not plain (see loadPlainCsv). */
export async function stageWithDuckDB(
  engine: NativeEngine,
  spec: TableSpec,
  path: string,
  tz: string,
  log: ProblemLog,
): Promise<StagedTable | null> {
  const raw = await loadPlainCsv(engine, path, `plain_${spec.table}`);
  if (raw === null) return null;
  const names = raw.header.map((c) => c.trim().toLowerCase());
  const indexes = spec.columns.map((c) => names.indexOf(c.name));
  const cellOf = (i: number): string | null => (indexes[i]! >= 0 ? `column${indexes[i]}` : null);
  try {
    // A missing required column is the row-by-row reader's to report, with the header it found.
    if (spec.columns.some((c, i) => c.required && indexes[i]! < 0)) return null;
    const values = spec.columns.map((column, i) => {
      const cell = cellOf(i);
      const type = sqlType(column.type);
      return cell === null
        ? `CAST(NULL AS ${type})`
        : `CAST(CASE WHEN ${cell} <> '' THEN ${plainValue(cell, column, tz)} END AS ${type})`;
    });
    // A row is plain when each of its cells is empty (and may be) or has a plain value.
    const plain = spec.columns
      .map((column, i) => {
        const cell = cellOf(i);
        if (cell === null) return 'TRUE';
        const empty = `${cell} IS NULL OR ${cell} = ''`;
        return column.required ? `(NOT (${empty}) AND _v${i} IS NOT NULL)` : `(${empty} OR _v${i} IS NOT NULL)`;
      })
      .join(' AND ');
    const typed = `plain_${spec.table}_typed`;
    await engine.exec(
      `CREATE OR REPLACE TABLE ${typed} AS
       SELECT *, ${plain} AS _plain FROM (
         SELECT _line, ${values.map((v, i) => `${v} AS _v${i}`).join(', ')}, ${raw.header.map((_, i) => `column${i}`).join(', ')}
         FROM ${raw.table}
       )`,
    );
    const stager = await RowStager.open(engine, { spec, tz, log, path });
    await forEachRawRow(
      engine,
      { table: typed },
      (row) =>
        stager.add({ file: path, line: row.line }, (i) => {
          const cell = cellOf(i);
          return cell === null ? null : row.get(cell);
        }),
      'NOT _plain',
    );
    const staged = stager.finish();
    const columns = spec.columns.map((c) => `"${c.name}"`).join(', ');
    // One table in file order, as the row-by-row reader writes it: the plain rows and the rows RowStager read.
    await engine.exec(
      `CREATE OR REPLACE TABLE stg_${spec.table} AS
       SELECT * FROM (
         SELECT 0 AS _src, _line, ${spec.columns.map((c, i) => `_v${i} AS "${c.name}"`).join(', ')} FROM ${typed} WHERE _plain
         UNION ALL
         SELECT _src, _line, ${columns} FROM stg_${spec.table}
       ) ORDER BY _line`,
    );
    await engine.exec(`DROP TABLE ${typed}`);
    return { ...staged, rows: raw.rows };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${raw.table}`);
  }
}
