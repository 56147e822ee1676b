import type { InputFile } from '../../../src/model/manifest.ts';
import { describeInput } from '../inputs.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import { stageApiRecords } from './api.ts';
import { readRecords } from './records.ts';
import { stageUiExport } from './ui.ts';

/**
 * `--source pipedrive`: API records (`*.jsonl`, as `pipescope pull` or Airbyte write them) or the list-view
 * export (CSV/XLSX with `Deal - <field>` headers). docs/sources/pipedrive.md.
 */
export const pipedriveSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const records = await readRecords(ctx.inDir, ctx.log);
    if (records !== null) {
      const inputs: InputFile[] = [];
      for (const [file, rows] of records.perFile) inputs.push(await describeInput(file, rows));
      if (records.deals.length === 0) {
        ctx.log.error({
          file: ctx.inDir,
          line: null,
          column: 'stream',
          message: 'the records hold no "deals" stream',
          hint: 'pull again with pipescope pull --source pipedrive, or export deals',
        });
        return { tables: {}, inputs };
      }
      return { tables: await stageApiRecords(ctx, records), inputs };
    }
    return stageUiExport(ctx);
  },
};
