import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';
import {
  E2E_AS_OF,
  E2E_BASE,
  E2E_DIR,
  E2E_OPPORTUNITIES,
  MAVEN_BASE,
  MAVEN_DATASET,
  MAVEN_DIR,
  MAVEN_PRESENT,
} from './tests/support/e2eModel.ts';

/**
 * The e2e tests run against a demo site built just for them, never against dist/ (which may hold
 * someone's own data). It lives under node_modules/.cache, which is neither committed nor cleaned
 * by Playwright, and inside the project because Astro leaves stray files when outDir is outside it.
 */
const E2E = E2E_DIR;

const buildAndServe = [
  `node bin/pipescope.mjs demo --out ${E2E}/input --opportunities ${E2E_OPPORTUNITIES}`,
  `node bin/pipescope.mjs data --source canonical --in ${E2E}/input --out ${E2E}/data --as-of ${E2E_AS_OF}`,
  `node bin/pipescope.mjs build --data ${E2E}/data --out ${E2E}/dist --base ${E2E_BASE}`,
  // Port 0: the OS picks a free port; `wait` below reads it from the server's first line.
  `node scripts/serve.mjs ${E2E}/dist --port 0 --base ${E2E_BASE}`,
].join(' && ');

// The Maven sample as a newcomer builds it: the README's mapping, no --as-of.
const buildAndServeMaven = [
  `node bin/pipescope.mjs data --source mapped --in ${MAVEN_DATASET} --config examples/maven/mapping.json --out ${MAVEN_DIR}/data`,
  `node bin/pipescope.mjs build --data ${MAVEN_DIR}/data --out ${MAVEN_DIR}/dist --base ${MAVEN_BASE}`,
  `node scripts/serve.mjs ${MAVEN_DIR}/dist --port 0 --base ${MAVEN_BASE}`,
].join(' && ');

// Set by `webServer.wait` in the runner before the test workers start; the workers load this file again and see it.
const port = process.env.PIPESCOPE_E2E_PORT;

export default defineConfig({
  testDir: 'tests/e2e',
  // The tests wait on the pages' own ready signals (Shell's data-state), so a busy machine makes them slower,
  // not red. These limits only stop a test that hangs; they say nothing about how fast a page must be (that
  // is `npm run bench`).
  timeout: 10 * 60_000,
  expect: { timeout: 2 * 60_000 },
  fullyParallel: true,
  // Two browsers at once: a test mostly waits on its page (DuckDB-WASM, a download), so two share two cores well.
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: port ? `http://127.0.0.1:${port}${E2E_BASE}` : undefined,
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command: buildAndServe,
      wait: { stdout: /http:\/\/127\.0\.0\.1:(?<pipescope_e2e_port>\d+)\// },
      // Building the demo model and the site takes ~30 s here; a busy box gets plenty more.
      timeout: 15 * 60_000,
    },
    ...(MAVEN_PRESENT
      ? [
          {
            command: buildAndServeMaven,
            wait: { stdout: /http:\/\/127\.0\.0\.1:(?<pipescope_maven_port>\d+)\// },
            timeout: 15 * 60_000,
          },
        ]
      : []),
  ],
});
