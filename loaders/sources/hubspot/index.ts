import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../../../src/model/manifest.ts';
import { describeInput } from '../inputs.ts';
import { findFile } from '../raw/findFile.ts';
import { loadFile } from '../raw/loadFile.ts';
import type { RawTable } from '../raw/rawTable.ts';
import type { Source, SourceContext, StagedSource } from '../source.ts';
import type { StagedTable } from '../staging/rowStager.ts';
import { isApiShape, readApiShape } from './api.ts';
import { FIVETRAN_TABLES, readFivetranShape } from './fivetran.ts';
import { stageHubspot } from './stage.ts';
import { findUiExport, readUiShape } from './ui.ts';

/**
 * A Fivetran HubSpot schema already loaded as raw tables (by table name, without `_data`): the entry the
 * PostgreSQL source uses for a warehouse copy.
 */
export async function stageHubspotRaw(
  ctx: SourceContext,
  raws: ReadonlyMap<string, RawTable>,
): Promise<Record<string, StagedTable>> {
  return stageHubspot(ctx, await readFivetranShape(ctx.engine, raws));
}

/** `--source hubspot`: the CRM v3 API shape (pipescope pull), a Fivetran-synced copy, or the UI deal export. docs/sources/hubspot.md. */
export const hubspotSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    if (isApiShape(ctx.inDir)) {
      const data = await readApiShape(ctx.inDir, ctx.log);
      // The manifest's input list is only written with a model: files that failed to read need none.
      if (ctx.log.hasErrors()) return { tables: {}, inputs: [] };
      const inputs: InputFile[] = [];
      for (const [file, rows] of [
        ['deals.json', data.deals.length],
        ['pipelines.json', data.pipelines.length],
        ['owners.json', data.owners.length],
        ['companies.json', data.companies.length],
      ] as const) {
        const path = join(ctx.inDir, file);
        if (existsSync(path)) inputs.push(await describeInput(path, rows));
      }
      return { tables: await stageHubspot(ctx, data), inputs };
    }
    const raws = new Map<string, RawTable>();
    for (const table of FIVETRAN_TABLES) {
      const path = findFile(ctx.inDir, [table, `${table}_data`]);
      if (path === null) continue;
      const raw = await loadFile(ctx.engine, path, `hubspot_${table}`, {
        log: ctx.log,
        encoding: ctx.encoding,
        onProgress: (rows, bytes, total) => ctx.onRead(path, rows, bytes, total),
      });
      if (raw) raws.set(table, raw);
    }
    if (!raws.has('deal')) return stageUiExport(ctx);
    const inputs: InputFile[] = [];
    for (const raw of raws.values()) inputs.push(await describeInput(raw.path, raw.rows));
    return { tables: await stageHubspotRaw(ctx, raws), inputs };
  },
};

/** The deals export from HubSpot's UI, when the folder has neither the API shape nor Fivetran tables. */
async function stageUiExport(ctx: SourceContext): Promise<StagedSource> {
  const raw = await findUiExport(ctx);
  if (raw === null) {
    if (!ctx.log.hasErrors())
      ctx.log.error({
        file: ctx.inDir,
        line: null,
        column: null,
        message:
          'found neither the API shape (deals.json + pipelines.json), a Fivetran deal table (deal.csv / deal_data.csv) nor a deals export (Record ID, Deal Stage …)',
        hint: 'run pipescope pull --source hubspot into this folder, or export the deals view (CSV) here',
      });
    return { tables: {}, inputs: [] };
  }
  const data = await readUiShape(ctx, raw, ctx.log);
  return { tables: await stageHubspot(ctx, data), inputs: [await describeInput(raw.path, raw.rows)] };
}
