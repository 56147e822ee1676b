import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../loaders/manifest.ts';
import { UsageError } from './errors.ts';

export interface SiteOptions {
  data: string;
  base: string;
}

/** `pipescope build`: the static site into dist/, by Astro, from a built model folder. */
export async function siteCommand(o: SiteOptions): Promise<void> {
  if (!existsSync(join(o.data, MANIFEST_FILE))) {
    throw new UsageError(`${o.data} holds no built model (no ${MANIFEST_FILE}) — run "npm run demo" or "pipescope data --out ${o.data}" first`);
  }
  if (!o.base.startsWith('/')) throw new UsageError(`--base "${o.base}" must start with "/", e.g. --base /sales/`);
  const astro = resolve('node_modules/astro/astro.js');
  const code = await new Promise<number>((done, fail) => {
    spawn(process.execPath, [astro, 'build'], {
      stdio: 'inherit',
      env: { ...process.env, PIPESCOPE_DATA: resolve(o.data), PIPESCOPE_BASE: o.base },
    }).on('exit', (c) => done(c ?? 1)).on('error', fail);
  });
  if (code !== 0) throw new UsageError(`astro build failed (exit ${code}); the messages above say why`);
}
