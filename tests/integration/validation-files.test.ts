/**
 * Integrity rules about whole files and arguments (docs/canonical-format.md, `pipescope --help`): missing
 * files and columns, unterminated quotes, empty and non-text files, bad --tz / --as-of. Each rejected case
 * runs the real CLI against a previous good output, which must stay byte for byte as it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NativeEngine, sqlString } from '../../src/db/native.ts';
import {
  canonicalFolder,
  expectRejected,
  fingerprint,
  fixtureText,
  runData,
  STACK_LINE,
  tempRoot,
  useGoodOutput,
} from '../support/canonicalFolder.ts';

const { reject } = useGoodOutput('validation-files');

/** "上海贸易" in GBK (what Excel on a Chinese Windows writes for "CSV"): not valid UTF-8. */
const GBK_SHANGHAI_TRADING = Uint8Array.from([0xc9, 0xcf, 0xba, 0xa3, 0xc3, 0xb3, 0xd2, 0xd7]);

/** The first bytes of an .xlsx (a zip archive): "PK\x03\x04" and a header full of NUL bytes. */
const XLSX_HEADER = Uint8Array.from([
  0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68, 0x5e,
  0x01, 0x00, 0x00, 0x90, 0x04, 0x00, 0x00, 0x13, 0x00, 0x08, 0x02, 0x5b, 0x43, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74,
  0x5f, 0x54, 0x79, 0x70, 0x65, 0x73, 0x5d, 0x2e, 0x78, 0x6d, 0x6c, 0x20, 0xa2, 0x04, 0x02, 0x28, 0xa0, 0x00, 0x02,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
]);

describe('canonical input: files and columns', { timeout: 30_000 }, () => {
  it('rejects opportunities.csv without the required owner_id column, on line 1', async () => {
    const r = await reject('missing-column', [{ file: 'opportunities.csv', dropColumn: 'owner_id' }]);
    expectRejected(r, { file: 'opportunities.csv', line: 1, column: 'owner_id' });
  });

  it('rejects an input folder without stages.csv', async () => {
    const r = await reject('missing-file', [{ file: 'stages.csv', remove: true }]);
    const [line] = expectRejected(r, { file: 'stages.csv' });
    expect(line).toMatch(/missing|not found|no stages\.csv/i);
  });

  it('rejects an unterminated quote at the line of the record that opens it', async () => {
    const r = await reject('unterminated-quote', [
      { file: 'opportunities.csv', replace: 'O3,Initech renewal,', with: 'O3,"Initech renewal,' },
    ]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 4 });
    expect(line).toMatch(/quote/i);
  });

  it('points an unterminated quote at its opening record even when later rows have quotes', async () => {
    const r = await reject('unterminated-quote-later-quotes', [
      { file: 'opportunities.csv', replace: 'O3,Initech renewal,', with: 'O3,"Initech renewal,' },
      { file: 'opportunities.csv', replace: 'O5,Globex upsell,', with: 'O5,"Globex upsell",' },
    ]);
    expectRejected(r, { file: 'opportunities.csv', line: 4 });
  });

  it('rejects an empty (0 byte) opportunities.csv', async () => {
    const r = await reject('empty-required', [{ file: 'opportunities.csv', content: '' }]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 1 });
    expect(line).toMatch(/empty/i);
  });

  it('rejects an empty (0 byte) optional file', async () => {
    const r = await reject('empty-optional', [{ file: 'reps.csv', content: '' }]);
    const [line] = expectRejected(r, { file: 'reps.csv', line: 1 });
    expect(line).toMatch(/empty/i);
  });

  it('accepts a header-only file as a present table with zero rows', async () => {
    const r = await reject('header-only', [
      { file: 'payments.csv', content: 'payment_id,invoice_id,paid_at,amount\n' },
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const db = await NativeEngine.open();
    try {
      const [row] = await db.all({
        sql: `SELECT count(*) AS n FROM read_parquet(${sqlString(join(r.out, 'payments.parquet'))})`,
        params: [],
      });
      expect(row?.n).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe('canonical input: encodings', { timeout: 30_000 }, () => {
  it('rejects a binary file (an .xlsx renamed .csv) and says to save it as UTF-8 CSV', async () => {
    const r = await reject('xlsx', [{ file: 'opportunities.csv', content: XLSX_HEADER }]);
    const [line] = expectRejected(r, { file: 'opportunities.csv', line: 1 });
    expect(line).toMatch(/UTF-8/);
  });

  it('rejects a GBK-encoded line at its line number and says to save it as UTF-8', async () => {
    const accounts = await fixtureText('accounts.csv');
    const [before, after] = accounts.split('Globex');
    const gbk = Buffer.concat([Buffer.from(before!, 'utf8'), GBK_SHANGHAI_TRADING, Buffer.from(after!, 'utf8')]);
    const r = await reject('gbk', [{ file: 'accounts.csv', content: gbk }]);
    // A2 is the second account: line 3 (two lines follow it).
    const [line] = expectRejected(r, { file: 'accounts.csv', line: 3 });
    expect(line).toMatch(/UTF-8/);
  });
});

describe('pipescope data: arguments', { timeout: 30_000 }, () => {
  it('rejects a --tz that is not an IANA time zone as a usage error', async () => {
    const r = await reject('bad-tz', [], ['--tz', 'Mars/Olympus_Mons']);
    expectRejected(r);
    expect(r.stderr).toMatch(/^.*--tz.*Mars\/Olympus_Mons.* — \S.*$/m);
  });

  it('rejects an --in that is not a folder', async () => {
    const temp = await tempRoot('no-input');
    try {
      const r = runData(temp.path('missing'), temp.path('out'));
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/--in .*missing is not a folder — /);
    } finally {
      await temp.remove();
    }
  });

  it('refuses an --out that would replace the export itself', async () => {
    const temp = await tempRoot('out-is-in');
    try {
      const input = await canonicalFolder(temp.path('export'));
      const before = await fingerprint(input);
      for (const out of [input, temp.root]) {
        const r = runData(input, out);
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(/would replace the export in --in — /);
      }
      expect(await fingerprint(input)).toEqual(before);
    } finally {
      await temp.remove();
    }
  });

  it('rejects an --as-of that is not a timestamp as a usage error', async () => {
    const r = await reject('bad-as-of', [], ['--as-of', 'next tuesday']);
    expectRejected(r);
    expect(r.stderr).toMatch(/^.*--as-of.*next tuesday.* — \S.*$/m);
  });
});
