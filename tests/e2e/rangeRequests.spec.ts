import { expect, test } from '@playwright/test';

test('the browser database answers range requests the way DuckDB-WASM asks for them', async ({ request }) => {
  const probe = await request.head('data/pipescope.duckdb', { headers: { Range: 'bytes=0-' } });
  expect(probe.status()).toBe(206);
  const size = Number(probe.headers()['content-length']);
  expect(size).toBeGreaterThan(4096);

  const head = await request.get('data/pipescope.duckdb', { headers: { Range: 'bytes=0-4095' } });
  expect(head.status()).toBe(206);
  expect(head.headers()['content-range']).toBe(`bytes 0-4095/${size}`);
  const bytes = await head.body();
  expect(bytes.length).toBe(4096);
  // A DuckDB database file carries the magic "DUCK" at byte 8.
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('DUCK');
});
