import { open } from 'node:fs/promises';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { Problem } from '../../validate/problem.ts';

const SAMPLE_BYTES = 1 << 20;

/** Encodings a CSV saved by a spreadsheet in some locale is realistically in; chardet's other guesses are noise. */
const LEGACY = new Map([
  ['GB18030', 'gb18030'],
  ['Big5', 'big5'],
  ['Shift_JIS', 'shift_jis'],
  ['EUC-KR', 'euc-kr'],
  ['windows-1252', 'windows-1252'],
  ['ISO-8859-1', 'windows-1252'],
  ['windows-1251', 'windows-1251'],
]);

export type EncodingResult = { ok: true; encoding: string } | { ok: false; problem: Omit<Problem, 'file'> };

/**
 * The text encoding of a CSV file: `forced` (`--encoding`) when given, else UTF-8 when the first megabyte
 * is valid UTF-8 (a BOM counts), else chardet's best legacy guess — Chinese Excel saves "CSV" as GBK
 * (decoded as its superset GB18030), Western Excel as Windows-1252.
 */
export async function detectEncoding(path: string, forced?: string): Promise<EncodingResult> {
  if (forced !== undefined) {
    return iconv.encodingExists(forced)
      ? { ok: true, encoding: forced }
      : {
          ok: false,
          problem: {
            line: null,
            column: null,
            message: `--encoding ${forced} is not an encoding this tool knows`,
            hint: 'use utf-8, gbk, gb18030, big5, shift_jis or windows-1252',
          },
        };
  }
  const handle = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { ok: true, encoding: 'utf-8' };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { ok: true, encoding: 'utf-16le' };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { ok: true, encoding: 'utf-16be' };
  try {
    // `stream: true` tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { ok: true, encoding: 'utf-8' };
  } catch {
    const guess = chardet.analyse(sample).find((m) => LEGACY.has(m.name));
    if (guess) return { ok: true, encoding: LEGACY.get(guess.name)! };
    return {
      ok: false,
      problem: {
        line: null,
        column: null,
        message: 'the file is not UTF-8 and its encoding cannot be recognised',
        hint: 'save it as "CSV UTF-8", or name its encoding with --encoding (e.g. gbk)',
      },
    };
  }
}
