import { describeInput } from '../inputs.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { TABLES } from '../staging/tables.ts';
import { stageTable } from './stageTable.ts';

/** `--source canonical`: a folder of canonical CSVs (docs/canonical-format.md), one per table. */
export const canonicalSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const tables: Record<string, StagedTable> = {};
    for (const spec of TABLES) {
      tables[spec.table] = await stageTable(ctx.engine, spec, ctx.inDir, ctx.tz, ctx.log, (rows, bytes, total) =>
        ctx.onRead(spec.file, rows, bytes, total),
      );
    }
    const inputs = await Promise.all(
      Object.values(tables)
        .filter((t) => t.present)
        .map((t) => describeInput(t.path, t.rows)),
    );
    return { tables, inputs };
  },
};
