import type { SourceContext } from '../source.ts';
import { RowStager, type RowOrigin, type StagedTable } from './rowStager.ts';
import { TABLES } from './tables.ts';

/** A canonical row as an adapter builds it in code: canonical column → text (absent = empty). */
export type CanonicalRecord = Readonly<Record<string, string | number | null | undefined>>;

/** `RowStager` for adapters that build rows in code: columns by canonical name instead of position. */
export class RecordStager {
  private constructor(
    private readonly stager: RowStager,
    private readonly columns: readonly string[],
  ) {}

  static async open(
    ctx: SourceContext,
    table: string,
    path: string,
    labels: Readonly<Record<string, string>> = {},
  ): Promise<RecordStager> {
    const spec = TABLES.find((t) => t.table === table);
    if (!spec) throw new Error(`unknown canonical table ${table}`);
    const stager = await RowStager.open(ctx.engine, { spec, tz: ctx.tz, log: ctx.log, path, labels });
    return new RecordStager(
      stager,
      spec.columns.map((c) => c.name),
    );
  }

  put(origin: RowOrigin, record: CanonicalRecord): void {
    this.stager.add(origin, (i) => {
      const v = record[this.columns[i]!];
      return v === null || v === undefined ? null : String(v);
    });
  }

  finish(): StagedTable {
    return this.stager.finish();
  }
}
