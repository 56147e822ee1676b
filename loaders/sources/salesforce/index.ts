import type { InputFile } from '../../../src/model/manifest.ts';
import { describeInput } from '../inputs.ts';
import { findFile } from '../raw/findFile.ts';
import { loadFile } from '../raw/loadFile.ts';
import type { RawTable } from '../raw/rawTable.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { fileNames, OBJECTS, readObject, type SfObject } from './read.ts';
import { stageSalesforceObjects, type SfObjects } from './stage.ts';

/**
 * Salesforce objects already loaded as raw tables, by API object name (or `targets`): the entry the
 * PostgreSQL source uses for a Fivetran-synced copy.
 */
export async function stageSalesforceRaw(
  ctx: SourceContext,
  raws: ReadonlyMap<string, RawTable>,
): Promise<Record<string, StagedTable>> {
  const objects: SfObjects = {};
  for (const [name, raw] of raws) {
    // A Fivetran history-mode opportunity table is a series of versions: all of them are the history.
    objects[name as SfObject | 'targets'] = await readObject(ctx.engine, raw, name === 'OpportunityHistory');
  }
  if (!objects.Opportunity) {
    ctx.log.error({
      file: ctx.inDir,
      line: null,
      column: null,
      message: 'there is no Opportunity export (Opportunity.csv)',
      hint: 'export the Opportunity object with Data Loader or Data Export (API field names as headers) into this folder',
    });
    return {};
  }
  return stageSalesforceObjects(ctx, objects);
}

/** `--source salesforce`: Data Loader / Data Export CSVs, or a Fivetran-synced copy. docs/sources/salesforce.md. */
export const salesforceSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const raws = new Map<string, RawTable>();
    for (const object of [...OBJECTS, 'targets'] as const) {
      const path = findFile(ctx.inDir, object === 'targets' ? ['targets'] : fileNames(object));
      if (path === null) continue;
      const raw = await loadFile(ctx.engine, path, `sf_${object}`, {
        log: ctx.log,
        encoding: ctx.encoding,
        onProgress: (rows, bytes, total) => ctx.onRead(path, rows, bytes, total),
      });
      if (raw) raws.set(object, raw);
    }
    const inputs: InputFile[] = [];
    for (const raw of raws.values()) inputs.push(await describeInput(raw.path, raw.rows));
    if (ctx.log.hasErrors()) return { tables: {}, inputs };
    return { tables: await stageSalesforceRaw(ctx, raws), inputs };
  },
};
