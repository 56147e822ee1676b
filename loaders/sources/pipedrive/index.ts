import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../../manifest.ts';
import { describeInput } from '../inputs.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import { stageApiRecords } from './api.ts';
import { readRecords, STREAMS } from './records.ts';
import { stageUiExport } from './ui.ts';

/**
 * `--source pipedrive`: API records (`*.jsonl`, as `pipescope pull` or Airbyte write them) or the list-view
 * export (CSV/XLSX with `Deal - <field>` headers). docs/sources/pipedrive.md.
 */
export const pipedriveSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const records = await readRecords(ctx.inDir, ctx.log);
    if (records !== null) {
      const files = readdirSync(ctx.inDir).filter((f) => f.toLowerCase().endsWith('.jsonl')).sort();
      const inputs: InputFile[] = [];
      const count = STREAMS.reduce((n, s) => n + records[s].length, 0);
      for (const f of files) inputs.push(await describeInput(join(ctx.inDir, f), count));
      if (records.deals.length === 0) {
        ctx.log.error({ file: join(ctx.inDir, files[0]!), line: null, column: 'stream', message: 'the records hold no "deals" stream', hint: 'pull again with pipescope pull --source pipedrive, or export deals' });
        return { tables: {}, inputs };
      }
      return { tables: await stageApiRecords(ctx, records), inputs };
    }
    return stageUiExport(ctx);
  },
};
