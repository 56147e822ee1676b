import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PostgresServer } from './server.ts';
import { TABLES, type ColumnType } from '../../loaders/sources/staging/tables.ts';

const PG_TYPES = (type: ColumnType): string => {
  switch (type) {
    case 'number':
    case 'probability':
      return 'numeric';
    case 'integer':
      return 'integer';
    case 'timestamp':
      return 'timestamptz';
    case 'date':
      return 'date';
    default:
      return 'text';
  }
};

/** Canonical tables with PostgreSQL types in `schema`, filled from a canonical CSV folder with psql's \copy. */
export function loadCanonical(pg: PostgresServer, schema: string, dir: string): void {
  pg.psql(`CREATE SCHEMA ${schema} AUTHORIZATION pipescope`);
  for (const spec of TABLES) {
    const file = join(dir, spec.file);
    let header: string;
    try {
      header = readFileSync(file, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0]!;
    } catch {
      continue;
    }
    pg.psql(
      `CREATE TABLE ${schema}.${spec.table} (${spec.columns.map((c) => `${c.name} ${PG_TYPES(c.type)}`).join(', ')}); ALTER TABLE ${schema}.${spec.table} OWNER TO pipescope`,
    );
    pg.psql(`\\copy ${schema}.${spec.table} (${header}) FROM '${file}' WITH (FORMAT csv, HEADER true)`);
  }
}

/** Every CSV of a vendor export as a text-only table named after the file (`Opportunity.csv` → opportunity). */
export function loadTextTables(pg: PostgresServer, schema: string, dir: string, name: (file: string) => string): void {
  pg.psql(`CREATE SCHEMA ${schema} AUTHORIZATION pipescope`);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const header = readFileSync(join(dir, file), 'utf8').split(/\r?\n/)[0]!.split(',');
    const table = `${schema}.${name(basename(file, '.csv'))}`;
    pg.psql(
      `CREATE TABLE ${table} (${header.map((h) => `"${h.toLowerCase()}" text`).join(', ')}); ALTER TABLE ${table} OWNER TO pipescope`,
    );
    pg.psql(`\\copy ${table} FROM '${join(dir, file)}' WITH (FORMAT csv, HEADER true)`);
  }
}
