import { accessSync, constants, existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Problem } from '../../validate/problem.ts';

/** Where a mapping file named an input file: problems with it then name the key to fix (`tables.reps`). */
export interface MappingKey {
  /** The mapping file. */
  readonly file: string;
  /** The JSON path of the object holding `file`, `sheet` and `headerRow`, e.g. `tables.reps`. */
  readonly at: string;
}

/** What a problem with one setting of an input file says: the mapping key that set it, or else the file. */
export function settingProblem(
  path: string,
  mappedAt: MappingKey | undefined,
  setting: 'file' | 'sheet' | 'headerRow',
  what: (subject: string) => string,
  hint: string,
): Problem {
  return mappedAt === undefined
    ? { file: path, line: null, column: null, message: what('this'), hint }
    : { file: mappedAt.file, line: null, column: `${mappedAt.at}.${setting}`, message: what(path), hint };
}

/** Why a file cannot be read: `what(subject)` says it of the file (`this`, or its path). */
export interface Unreadable {
  readonly reason: 'missing' | 'link' | 'folder' | 'special' | 'denied' | 'other';
  readonly what: (subject: string) => string;
}

const LISTED = 12;

/** `; /in holds a.csv, b.xlsx` — what is there instead, so a typo or a wrong --in shows at a glance. */
function besides(path: string): string {
  const dir = dirname(path);
  if (!existsSync(dir)) return `, nor does the folder ${dir}`;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // A folder we may not list: the problem still stands without the listing.
    return '';
  }
  if (names.length === 0) return `; ${dir} is empty`;
  return `; ${dir} holds ${names.slice(0, LISTED).join(', ')}${names.length > LISTED ? `, … (${names.length} in all)` : ''}`;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Why the input file at `path` cannot be read; null when it can. Checked before reading, because a missing,
 * unreadable or misnamed input is the user's to fix and must not surface as a crash mid-stream.
 */
export function whyUnreadable(path: string): Unreadable | null {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only the path can make stat fail; an error without an errno code is a bug and stays one.
    if (code === undefined) throw error;
    if (code === 'EACCES')
      return { reason: 'denied', what: (s) => `${s} cannot be read (permission denied on a folder on its path)` };
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      return { reason: 'other', what: (s) => `${s} cannot be opened (${(error as Error).message})` };
    if (isLink(path)) return { reason: 'link', what: (s) => `${s} is a link to a file that does not exist` };
    return { reason: 'missing', what: (s) => `${s} does not exist${besides(path)}` };
  }
  if (stats.isDirectory()) return { reason: 'folder', what: (s) => `${s} is a folder, not a file` };
  if (!stats.isFile()) return { reason: 'special', what: (s) => `${s} is not a regular file (a device or a pipe)` };
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return { reason: 'denied', what: (s) => `${s} cannot be read (permission denied)` };
  }
  return null;
}

/** What to do about an unreadable export file, named by a mapping (`mapped`) or found in the folder. */
function hint(why: Unreadable, path: string, mapped: boolean): string {
  switch (why.reason) {
    case 'missing':
      return mapped
        ? 'correct the file name (it is relative to --in), or point --in at the folder that holds the file'
        : 'put the exported file back, or run the export again';
    case 'link':
      return 'replace the link with the exported file';
    case 'folder':
      return mapped
        ? 'name the file itself, relative to --in'
        : 'move the folder out of the export, or put the exported file in its place';
    case 'special':
      return 'copy the export into a regular file';
    case 'denied':
      return `let the user running pipescope read it, e.g. chmod a+r '${path}' (and a+x on its folders)`;
    case 'other':
      return 'check the path and the file';
  }
}

/** The problem with an export file that cannot be read (named by the mapping key when a mapping named it); null when it can. */
export function unreadableFile(path: string, mappedAt?: MappingKey): Problem | null {
  const why = whyUnreadable(path);
  return why === null
    ? null
    : settingProblem(path, mappedAt, 'file', why.what, hint(why, path, mappedAt !== undefined));
}

/** Why `--in` cannot be listed, as a message and hint; null when it can. */
export function unreadableFolder(dir: string): { message: string; hint: string } | null {
  const hint = 'point --in at the folder that holds the exported files';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { message: `--in ${dir} is not a folder`, hint };
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
  } catch {
    return {
      message: `--in ${dir} cannot be read (permission denied)`,
      hint: `let the user running pipescope list and read it, e.g. chmod a+rx '${dir}'`,
    };
  }
  return null;
}
