import { readFile } from 'node:fs/promises';

/**
 * The proportional set size (shared pages split among their users) of a process and all its descendants,
 * in bytes; null where Linux /proc is not there. For a browser's process tree this counts each page of
 * memory once, where adding up resident sets would count shared code in every renderer.
 */
export async function treePss(pid: number): Promise<number | null> {
  try {
    const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    const own = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    const theirs = await Promise.all(
      children
        .split(/\s+/)
        .filter(Boolean)
        .map((c) => treePss(Number(c))),
    );
    return own + theirs.reduce<number>((sum, r) => sum + (r ?? 0), 0);
  } catch {
    return null;
  }
}

/** The process trees this process started (the browser, the local server), together; null without /proc. */
export async function childrenPss(): Promise<number | null> {
  const children = await readFile(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').catch(() => null);
  if (children === null) return null;
  let total = 0;
  for (const child of children.split(/\s+/).filter(Boolean)) total += (await treePss(Number(child))) ?? 0;
  return total;
}
