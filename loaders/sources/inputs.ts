import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { sha256File } from '../hash.ts';
import type { InputFile } from '../../src/model/manifest.ts';

/** The manifest's record of one input file: name, SHA-256, bytes and the data rows read from it. */
export async function describeInput(path: string, rows: number): Promise<InputFile> {
  const { size } = await stat(path);
  return { file: basename(path), sha256: await sha256File(path), bytes: size, rows };
}
