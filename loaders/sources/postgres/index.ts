import type { Source, SourceContext, StagedSource } from '../source.ts';
import { stageCanonicalTables } from './canonical.ts';
import { connect, describeSchema } from './connect.ts';
import { schemaKind, stageFivetran } from './fivetran.ts';

/**
 * `--source postgres --url …`: canonical tables, or a Fivetran Salesforce/HubSpot schema, read from
 * PostgreSQL through server-side cursors. docs/sources/postgres.md.
 */
export const postgresSource: Source = {
  async stage(ctx: SourceContext): Promise<StagedSource> {
    const opened = await connect(ctx.url);
    if (!opened.ok) {
      ctx.log.error(opened.problem);
      return { tables: {}, inputs: [] };
    }
    const c = opened.connection;
    try {
      const tables = await describeSchema(c);
      const kind = schemaKind(tables);
      if (kind === null) {
        ctx.log.error({
          file: `${c.safeUrl} schema ${c.schema}`,
          line: null,
          column: null,
          message: `found ${tables.size === 0 ? 'no tables' : `tables ${[...tables.keys()].join(', ')}`}; expected canonical tables (opportunities, stages, …) or a Fivetran salesforce or hubspot schema`,
          hint: 'choose the schema with ?schema=<name> on --url',
        });
        return { tables: {}, inputs: [] };
      }
      return kind === 'canonical'
        ? await stageCanonicalTables(ctx, c, tables)
        : await stageFivetran(ctx, c, kind, tables);
    } finally {
      await c.client.end();
    }
  },
};
