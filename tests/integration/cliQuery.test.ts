import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalFolder, runCli, runData, STACK_LINE, tempRoot } from '../support/canonicalFolder.ts';

/** `pipescope query` as scripts use it: output formats, usage errors (exit 1) and absent inputs. */
describe('pipescope query', () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  let model: string;

  beforeAll(async () => {
    temp = await tempRoot('cli-query');
    model = temp.path('model');
    const built = runData(await canonicalFolder(temp.path('in')), model);
    expect(built.status, built.stderr).toBe(0);
  }, 60_000);

  afterAll(() => temp.remove());

  it('prints JSON with numbers as numbers and nulls as null', () => {
    const r = runCli(['query', 'funnel', '--data', model, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(1);
    expect(typeof rows[0]!.reached).toBe('number');
    expect(rows[0]!.conv_from_prev).toBeNull();
  });

  it('prints CSV with a header row of the JSON column names', () => {
    const json = JSON.parse(runCli(['query', 'receivables', '--data', model, '--format', 'json']).stdout) as object[];
    const csv = runCli(['query', 'receivables', '--data', model, '--format', 'csv']).stdout.trim().split('\n');
    expect(csv[0]).toBe(Object.keys(json[0]!).join(','));
    expect(csv).toHaveLength(json.length + 1);
  });

  it.each([
    [['query', 'pipeline'], /unknown view "pipeline" — use one of funnel/],
    [['query', 'kpis', '--filter', 'country=DE'], /--filter "country=DE" is not key=value with a known key/],
    [['query', 'kpis', '--from', '2026-02-30'], /--from "2026-02-30" is not a calendar date/],
    [['query', 'kpis', '--from', '2026-03-01', '--to', '2026-01-01'], /is after --to/],
    // Extreme but real dates: the comparison period of this window would start in year -7999.
    [
      ['query', 'kpis', '--from', '1000-01-01', '--to', '9999-12-31'],
      /--from 1000-01-01 is outside the dates a window can have \(1900-01-01 to 2199-12-31\) — leave --from out/,
    ],
    [['query', 'by_region', '--to', '9999-12-31'], /--to 9999-12-31 is outside the dates a window can have/],
    [['query', 'funnel', '--from', '0999-12-31'], /--from 0999-12-31 is outside the dates a window can have/],
    [['query', 'kpis', '--as-of', 'soon'], /--as-of "soon" is not a timestamp/],
    [['query', 'stage_dwell', '--stall-limit', 'Proposal'], /--stall-limit "Proposal" is not stage=days/],
  ])('rejects %j with exit 1 and a message saying what to do', (args, message) => {
    const r = runCli([...args, '--data', model]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('says which input a view needs when the export did not have it', async () => {
    const partial = temp.path('partial-model');
    const built = runData(
      await canonicalFolder(temp.path('partial-in'), [
        { file: 'invoices.csv', remove: true },
        { file: 'payments.csv', remove: true },
      ]),
      partial,
    );
    expect(built.status, built.stderr).toBe(0);
    const r = runCli(['query', 'receivables', '--data', partial]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('receivables needs invoices.csv');
  });

  it('rejects a damaged manifest with exit 1, naming the field', async () => {
    const damaged = temp.path('damaged');
    const built = runData(await canonicalFolder(temp.path('damaged-in')), damaged);
    expect(built.status, built.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(damaged, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(damaged, 'manifest.json'), JSON.stringify({ ...manifest, as_of: 'yesterday' }));
    const r = runCli(['query', 'kpis', '--data', damaged]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/manifest\.json: as_of: .*run "pipescope data" again/);
  });

  it.each([
    ['whole numbers compare as numbers', ['9', '10'], '9'],
    ['other ids compare as text', ['L-9', 'L-10'], 'L-10'],
  ])('picks the lowest lead naming a deal: %s', async (_rule, [first, second], expected) => {
    const leadsNamingO4 = `\n${first},2026-01-25T09:00:00Z,web,,R1,,O4\n${second},2026-01-26T09:00:00Z,web,,R1,,O4`;
    const dir = temp.path(`lowest-${expected}`);
    const built = runData(
      await canonicalFolder(`${dir}-in`, [{ file: 'leads.csv', append: leadsNamingO4.trim() }]),
      dir,
    );
    expect(built.status, built.stderr).toBe(0);
    const rows = JSON.parse(runCli(['query', 'cycle_times', '--data', dir, '--format', 'json']).stdout) as {
      opp_id: string;
      lead_id: string;
    }[];
    expect(rows.find((r) => r.opp_id === 'O4')?.lead_id).toBe(expected);
  });

  it('rejects a folder without a model', async () => {
    const empty = temp.path('nothing');
    await rm(empty, { recursive: true, force: true });
    const r = runCli(['query', 'kpis', '--data', empty]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('holds no built model');
  });
});
