/**
 * `--source mapped` on a hand-made European export: deals in a `;`-separated Windows-1252 CSV with decimal
 * commas, thousands points and DD.MM.YYYY dates; the stage table in a workbook whose headers sit on row 3
 * under a title; German stage kinds mapped by a value map. Built at as_of 2026-03-01.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { NativeEngine } from '../../../src/db/native.ts';
import { runCli, tempRoot } from '../../support/canonicalFolder.ts';

const DEALS = [
  'Nr;Titel;Verantwortlich;Betrag;Erstellt;Abschluss;Phase',
  'D1;Café Müller;anna;1.234,50;05.01.2026;20.02.2026;Gewonnen',
  'D2;Bäckerei;anna;2.000,00;10.01.2026;15.02.2026;Verloren',
  'D3;Schuh AG;ben;10.500,25;12.01.2026;31.03.2026;Angebot',
  'D4;Uhrwerk;ben;;15.01.2026;;Erstgespräch',
].join('\r\n');

const MAPPING = {
  dateFormat: 'DD.MM.YYYY',
  number: { decimal: ',', thousands: '.' },
  tables: {
    stages: {
      file: 'stufen.xlsx',
      sheet: 'Stufen',
      headerRow: 3,
      columns: {
        stage: 'Stufe',
        stage_order: 'Reihenfolge',
        probability: 'Wahrscheinlichkeit',
        kind: { column: 'Art', values: { offen: 'open', gewonnen: 'won', verloren: 'lost' } },
      },
    },
    opportunities: {
      file: 'deals.csv',
      delimiter: ';',
      columns: {
        opp_id: 'Nr',
        opp_name: 'Titel',
        owner_id: 'Verantwortlich',
        amount: 'Betrag',
        created_at: 'Erstellt',
        close_date: 'Abschluss',
        stage: 'Phase',
      },
    },
  },
};

async function writeExport(dir: string, deals: string, mapping: object = MAPPING): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'deals.csv'), iconv.encode(deals, 'windows-1252'));
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Vertriebsphasen — bitte nicht ändern'],
    [],
    ['Stufe', 'Reihenfolge', 'Wahrscheinlichkeit', 'Art'],
    ['Erstgespräch', 1, 0.2, 'offen'],
    ['Angebot', 2, 0.6, 'offen'],
    ['Gewonnen', 3, 1, 'gewonnen'],
    ['Verloren', 4, 0, 'verloren'],
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Deckblatt']]), 'Deckblatt');
  XLSX.utils.book_append_sheet(book, sheet, 'Stufen');
  XLSX.writeFile(book, join(dir, 'stufen.xlsx'));
  const config = join(dir, 'mapping.json');
  await writeFile(config, JSON.stringify(mapping));
  return config;
}

describe('a mapped European export', { timeout: 60_000 }, () => {
  let temp: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    temp = await tempRoot('mapped');
  });
  afterAll(() => temp.remove());

  const build = async (name: string, deals: string, mapping?: object) => {
    const dir = temp.path(name);
    const config = await writeExport(dir, deals, mapping);
    const model = join(dir, 'model');
    return {
      dir,
      model,
      ...runCli([
        'data',
        '--source',
        'mapped',
        '--in',
        dir,
        '--config',
        config,
        '--out',
        model,
        '--as-of',
        '2026-03-01T00:00:00Z',
      ]),
    };
  };

  it('reads decimal commas, DD.MM.YYYY dates, Windows-1252 text and a sheet with its headers on row 3', async () => {
    const r = await build('good', DEALS);
    expect(r.status, r.stderr).toBe(0);
    const [k] = JSON.parse(runCli(['query', 'kpis', '--data', r.model, '--format', 'json']).stdout);
    expect(k).toMatchObject({
      // won D1 1.234,50; lost D2 → 1 of 2 closed
      won_amount: 1234.5,
      won_deals: 1,
      lost_deals: 1,
      win_rate: 0.5,
      // D1: created 05.01.2026, no history → won at its close date 20.02.2026 00:00 UTC: 46 days
      avg_sales_cycle_days: 46,
      // open now: D3 10.500,25 (Angebot, 0.6) and D4 with no amount (Erstgespräch) → 10500.25 and 6300.15
      open_pipeline: 10500.25,
    });
    expect(k.weighted_pipeline).toBeCloseTo(6300.15, 9);
    const funnel = JSON.parse(runCli(['query', 'funnel', '--data', r.model, '--format', 'json']).stdout);
    expect(funnel.map((f: { stage: string; reached: number }) => [f.stage, f.reached])).toEqual([
      ['Erstgespräch', 4],
      // D1 won (beyond every step) and D3 now in Angebot; D2 lost with no history reached only the first step
      ['Angebot', 2],
      ['Gewonnen', 1],
    ]);
    const dwell = JSON.parse(runCli(['query', 'stage_dwell', '--data', r.model, '--format', 'json']).stdout);
    expect(dwell.map((d: { opp_id: string }) => d.opp_id).sort()).toEqual(['D3', 'D4']);
    // The file is Windows-1252 (é is one byte), detected and decoded: the names arrive as written.
    expect(readFileSync(join(r.dir, 'deals.csv')).includes(Buffer.from('Café', 'utf8'))).toBe(false);
    const engine = await NativeEngine.open();
    try {
      const rows = await engine.all({
        sql: `SELECT opp_name FROM '${join(r.model, 'opportunities.parquet')}' ORDER BY opp_id`,
        params: [],
      });
      expect(rows.map((x) => x.opp_name)).toEqual(['Café Müller', 'Bäckerei', 'Schuh AG', 'Uhrwerk']);
    } finally {
      engine.close();
    }
  });

  it('names the source file, line and column of a value the mapping cannot turn into a canonical one', async () => {
    const r = await build('bad', DEALS.replace('1.234,50', '1.234,5,0').replace('10.01.2026', '2026-01-10'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(r.dir, 'deals.csv')}:2: Betrag: "1234.5,0" is not a number`);
    expect(r.stderr).toContain(
      `${join(r.dir, 'deals.csv')}:3: Erstellt: "2026-01-10" does not match the date format DD.MM.YYYY`,
    );
  });

  it('reports mistakes in the mapping by their JSON path', async () => {
    const broken = structuredClone(MAPPING) as { tables: Record<string, { columns: Record<string, unknown> }> };
    broken.tables.opportunities!.columns.amount = 'Wert';
    broken.tables.opportunities!.columns.colour = 'Farbe';
    const r = await build('broken-mapping', DEALS, broken);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /mapping\.json: tables\.opportunities\.columns\.colour: "colour" is not a field of opportunities — use one of: opp_id, /,
    );
    const missing = await build('missing-column', DEALS, {
      ...MAPPING,
      tables: {
        ...MAPPING.tables,
        opportunities: {
          ...MAPPING.tables.opportunities,
          columns: { ...MAPPING.tables.opportunities.columns, amount: 'Wert' },
        },
      },
    });
    expect(missing.stderr).toContain('tables.opportunities.columns.amount: column "Wert" is not in');
    expect(missing.stderr).toContain('(found: Nr, Titel, Verantwortlich, Betrag, Erstellt, Abschluss, Phase)');
  });
});
