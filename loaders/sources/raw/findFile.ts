import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

const READABLE = ['.csv', '.txt', '.xlsx', '.xls', '.xlsm'];

/**
 * The export file whose name (without extension, ignoring case) is one of `names`, in a format the raw
 * loaders read; null when there is none. Exports are named by the CRM (`商机信息.xls`, `Opportunity.csv`).
 */
export function findFile(dir: string, names: readonly string[]): string | null {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const entry of readdirSync(dir).sort()) {
    const ext = extname(entry).toLowerCase();
    if (READABLE.includes(ext) && wanted.has(entry.slice(0, -ext.length).toLowerCase())) return join(dir, entry);
  }
  return null;
}
