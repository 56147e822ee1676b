/**
 * A throwaway PostgreSQL for tests and the benchmark: Debian's server binaries, a data folder in /tmp, a
 * random local port, trust authentication for the OS user and a password for `pipescope`. initdb refuses to
 * run as root, so as root the server runs as the `postgres` system user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or null when PostgreSQL is not installed. */
export function postgresBin(): string | null {
  if (!existsSync(BIN_ROOT)) return null;
  const versions = readdirSync(BIN_ROOT)
    .filter((v) => existsSync(join(BIN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(BIN_ROOT, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface PostgresServer {
  readonly port: number;
  /** `postgres://pipescope:<password>@127.0.0.1:<port>/pipescope` */
  readonly url: string;
  readonly password: string;
  /** Runs SQL through psql as the superuser (PGTZ=UTC). */
  psql(sql: string): string;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (bin === null) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const root = process.getuid?.() === 0;
  const asServerUser = (command: string, args: string[]): [string, string[]] =>
    root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const dir = mkdtempSync(join(tmpdir(), 'pipescope-pg-'));
  const data = join(dir, 'data');
  if (root)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  const superuser = root ? 'postgres' : (process.env.USER ?? 'postgres');
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    superuser,
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  // Password auth over TCP for the role the source connects as; trust for the superuser setting it up.
  writeFileSync(
    join(data, 'pg_hba.conf'),
    `local all all trust\nhost all ${superuser} 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n`,
  );
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
  ]);
  const server: ChildProcess = spawn(cmd, args, { stdio: 'ignore' });
  const psql = (sql: string, db = 'pipescope'): string =>
    execFileSync(
      'psql',
      ['-h', dir, '-p', String(port), '-U', superuser, '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql],
      { encoding: 'utf8', env: { ...process.env, PGTZ: 'UTC' } },
    );
  for (let attempt = 0; ; attempt++) {
    try {
      psql('SELECT 1', 'postgres');
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const password = 'pipescope-test-secret';
  psql(`CREATE ROLE pipescope LOGIN PASSWORD '${password}'`, 'postgres');
  psql('CREATE DATABASE pipescope OWNER pipescope', 'postgres');
  return {
    port,
    password,
    url: `postgres://pipescope:${password}@127.0.0.1:${port}/pipescope`,
    psql: (sql) => psql(sql),
    async stop() {
      // runuser does not pass signals on: pg_ctl asks the server itself to shut down.
      const exited = new Promise((r) => server.once('exit', r));
      const [stopCmd, stopArgs] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, 'stop', '-m', 'fast']);
      execFileSync(stopCmd, stopArgs, { stdio: 'ignore' });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
