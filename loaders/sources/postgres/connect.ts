import pg from 'pg';
import type { Problem } from '../../validate/problem.ts';

export interface Connection {
  readonly client: pg.Client;
  /** The schema the tables are read from (`?schema=` on the URL; default `public`). */
  readonly schema: string;
  /** The URL without its password, for messages. */
  readonly safeUrl: string;
}

/** Every value as the text PostgreSQL sends: dates and numerics must not pass through JavaScript's Date or float. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

const hide = (url: URL): string => {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
};

/**
 * Connects for `--source postgres`. The schema is chosen with `?schema=` (removed before connecting);
 * timestamps are rendered in UTC so they carry their offset. Failures become a problem saying what to do,
 * never with the password.
 */
export async function connect(
  url: string | undefined,
): Promise<{ ok: true; connection: Connection } | { ok: false; problem: Problem }> {
  const usage = (message: string, hint: string): Problem => ({
    file: 'pipescope data',
    line: null,
    column: '--url',
    message,
    hint,
  });
  if (url === undefined)
    return {
      ok: false,
      problem: usage(
        '--source postgres needs a connection string',
        'pass --url postgres://user:password@host:5432/database?schema=crm',
      ),
    };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      problem: usage('--url is not a URL', 'write it as postgres://user:password@host:5432/database?schema=crm'),
    };
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const safeUrl = hide(parsed);
  const client = new pg.Client({
    connectionString: parsed.toString(),
    types: TEXT_TYPES,
    connectionTimeoutMillis: 15_000,
  });
  try {
    await client.connect();
    await client.query(`SET TIME ZONE 'UTC'`);
    return { ok: true, connection: { client, schema, safeUrl } };
  } catch (error) {
    await client.end().catch(() => {});
    const e = error as { code?: string; message: string };
    const hint =
      e.code === '28P01' || e.code === '28000'
        ? 'check the user name and password in --url'
        : e.code === '3D000'
          ? 'check the database name in --url'
          : e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND'
            ? 'check the host and port in --url, and that the server accepts connections from here'
            : 'check --url and that the server is running';
    return {
      ok: false,
      problem: usage(`cannot connect to ${safeUrl}: ${e.message.replaceAll(parsed.password || '\u0000', '***')}`, hint),
    };
  }
}

/** The schema's tables, lower-cased, with their columns in order. */
export async function describeSchema(c: Connection): Promise<Map<string, string[]>> {
  const { rows } = await c.client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
    [c.schema],
  );
  const tables = new Map<string, string[]>();
  for (const r of rows)
    tables.set(r.table_name.toLowerCase(), [...(tables.get(r.table_name.toLowerCase()) ?? []), r.column_name]);
  return tables;
}
