import { extname } from 'node:path';
import type { NativeEngine } from '../../../src/db/native.ts';
import type { ProblemLog } from '../../validate/problem.ts';
import { loadCsvTable } from './csvTable.ts';
import type { RawTable } from './rawTable.ts';
import { unreadableFile, type MappingKey } from './readable.ts';
import { loadSheetTable } from './sheetTable.ts';

export interface LoadFileOptions {
  readonly log: ProblemLog;
  readonly encoding?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly sheet?: string | undefined;
  readonly headerRow?: number | undefined;
  /** The mapping key that named the file, sheet and header row (`--source mapped`), for its problems. */
  readonly mappedAt?: MappingKey | undefined;
  readonly onProgress?: (rows: number, bytes: number, totalBytes: number) => void;
}

export const SHEET_EXTENSIONS = ['.xlsx', '.xls', '.xlsm'] as const;

/**
 * Loads a vendor file into `raw_<name>`: a workbook sheet by extension, anything else as CSV text. Returns
 * null after logging the problem when the file is missing, unreadable or cannot be parsed.
 */
export async function loadFile(
  engine: NativeEngine,
  path: string,
  name: string,
  o: LoadFileOptions,
): Promise<RawTable | null> {
  const unreadable = unreadableFile(path, o.mappedAt);
  if (unreadable) {
    o.log.error(unreadable);
    return null;
  }
  const ext = extname(path).toLowerCase();
  if ((SHEET_EXTENSIONS as readonly string[]).includes(ext)) return loadSheetTable(engine, path, name, o);
  return loadCsvTable(engine, path, name, o);
}
