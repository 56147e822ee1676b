import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * A fresh sibling folder to write a build into. Writing beside the target keeps the final rename on one
 * file system, which is what makes the swap atomic.
 */
export async function stagingDir(outDir: string): Promise<string> {
  const target = resolve(outDir);
  await mkdir(dirname(target), { recursive: true });
  const dir = join(dirname(target), `.${basename(target)}.building-${process.pid}-${Date.now()}`);
  await mkdir(dir);
  return dir;
}

/** Replaces `outDir` by `built`; the previous output is only removed once the new one is in place. */
export async function swapInto(built: string, outDir: string): Promise<void> {
  const target = resolve(outDir);
  if (!existsSync(target)) {
    await rename(built, target);
    return;
  }
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now()}`);
  await rename(target, old);
  try {
    await rename(built, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

export async function discard(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
