import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_AS_OF } from '../../loaders/demo/time.ts';

export interface BuiltSite {
  readonly dist: string;
  /** Seconds per step; empty when an earlier run's site was reused. */
  readonly steps: Record<string, number>;
}

function run(step: string, args: string[]): number {
  const started = performance.now();
  process.stderr.write(`  ${step}: pipescope ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['bin/pipescope.mjs', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`${step} failed (exit ${result.status}); its messages are above`);
  return (performance.now() - started) / 1000;
}

/** Demo export → model → site for `opportunities` deals, under `dir`; reused when `reuse` and present. */
export function buildSite(opportunities: number, dir: string, reuse: boolean): BuiltSite {
  const dist = join(dir, 'dist');
  if (reuse && existsSync(join(dist, 'index.html'))) return { dist, steps: {} };
  const steps: Record<string, number> = {};
  steps.demo = run('demo', ['demo', '--out', join(dir, 'input'), '--opportunities', String(opportunities)]);
  steps.data = run('data', [
    'data',
    '--source',
    'canonical',
    '--in',
    join(dir, 'input'),
    '--out',
    join(dir, 'data'),
    '--as-of',
    DEMO_AS_OF,
  ]);
  steps.site = run('site', ['build', '--data', join(dir, 'data'), '--out', dist]);
  return { dist, steps };
}

/** Serves a built site on a free port with the project's own server (Range + precompressed files). */
export async function serveSite(dist: string): Promise<{ url: string; stop: () => void }> {
  const server = spawn(process.execPath, ['scripts/serve.mjs', dist, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`the server stopped (exit ${code}) before listening`)));
  });
  return { url, stop: () => server.kill() };
}
