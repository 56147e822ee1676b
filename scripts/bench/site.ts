import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_AS_OF } from '../../loaders/demo/time.ts';

export interface StepMeasure {
  readonly seconds: number;
  /** The highest peak resident memory of the step's process or any process it started (Linux /proc). */
  readonly peakRssBytes: number | null;
}

export interface BuiltSite {
  readonly dist: string;
  /** Per step; empty when an earlier run's site was reused. */
  readonly steps: Record<string, StepMeasure>;
}

/** VmHWM (peak resident set) of a process and its descendants, in bytes; null where /proc is not there. */
async function peakRss(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const own = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    const theirs = await Promise.all(
      children
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => peakRss(Number(c))),
    );
    return Math.max(own, ...theirs.map((r) => r ?? 0));
  } catch {
    return null;
  }
}

/** Runs one pipescope step, showing its progress, and measures its time and peak memory. */
async function run(step: string, args: string[]): Promise<StepMeasure> {
  const started = performance.now();
  process.stderr.write(`  ${step}: pipescope ${args.join(' ')}\n`);
  const child = spawn(process.execPath, ['bin/pipescope.mjs', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak: number | null = null;
  // Sampled while it runs: the peak of a process is gone once it has exited.
  const sampler = setInterval(() => {
    void peakRss(child.pid!).then((rss) => {
      if (rss !== null) peak = Math.max(peak ?? 0, rss);
    });
  }, 250);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`${step} failed (exit ${code}); its messages are above`);
  return { seconds: (performance.now() - started) / 1000, peakRssBytes: peak };
}

/** Demo export → model → site for `opportunities` deals, under `dir`; reused when `reuse` and present. */
export async function buildSite(opportunities: number, dir: string, reuse: boolean): Promise<BuiltSite> {
  const dist = join(dir, 'dist');
  if (reuse && existsSync(join(dist, 'index.html'))) return { dist, steps: {} };
  const demo = await run('demo', ['demo', '--out', join(dir, 'input'), '--opportunities', String(opportunities)]);
  const data = await run('data', [
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
  return { dist, steps: { demo, data, ...(await buildOnly(join(dir, 'data'), dist)) } };
}

/** A site from a model built elsewhere (`--data`): only the site step is measured. */
export async function buildOnly(data: string, dist: string): Promise<Record<string, StepMeasure>> {
  return { site: await run('site', ['build', '--data', data, '--out', dist]) };
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
