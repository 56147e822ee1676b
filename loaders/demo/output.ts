import { join } from 'node:path';
import { CsvFile } from './csvOut.ts';
import { DEMO_FILES, type DemoFileKey } from './files.ts';

export type ProgressListener = (event: { file: string; rows: number }) => void;

/** The demo's open CSV files, by key; flushes whichever file has a full batch. */
export class DemoOutput {
  private readonly files: Record<DemoFileKey, CsvFile>;

  constructor(folder: string, onProgress: ProgressListener | undefined) {
    const report = (file: CsvFile) => onProgress?.({ file: file.name, rows: file.rows });
    const open = (key: DemoFileKey) =>
      CsvFile.create(join(folder, DEMO_FILES[key].name), DEMO_FILES[key].name, DEMO_FILES[key].header, report);
    this.files = {
      stages: open('stages'),
      reps: open('reps'),
      accounts: open('accounts'),
      campaigns: open('campaigns'),
      opportunities: open('opportunities'),
      stageHistory: open('stageHistory'),
      leads: open('leads'),
      activities: open('activities'),
      invoices: open('invoices'),
      payments: open('payments'),
      targets: open('targets'),
    };
  }

  write(key: DemoFileKey, row: string[]): void {
    this.files[key].write(row);
  }

  /** Writes a whole table, flushing as batches fill up. */
  async writeAll(key: DemoFileKey, rows: Iterable<string[]>): Promise<void> {
    const file = this.files[key];
    for (const row of rows) {
      file.write(row);
      if (file.full) await file.flush();
    }
  }

  /** Call between deals: writes full batches and waits while the disk catches up. */
  async flushFull(): Promise<void> {
    for (const file of Object.values(this.files)) if (file.full) await file.flush();
  }

  /** Closes every file (in a fixed order) and returns the data rows written per file name. */
  async close(onProgress: ProgressListener | undefined): Promise<Record<string, number>> {
    const rows: Record<string, number> = {};
    for (const file of Object.values(this.files)) {
      await file.close();
      rows[file.name] = file.rows;
      onProgress?.({ file: file.name, rows: file.rows });
    }
    return rows;
  }

  /** After a failure: release the file handles without waiting for pending data. */
  abort(): void {
    for (const file of Object.values(this.files)) file.abort();
  }
}
