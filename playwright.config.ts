import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/support/chromium.ts';
import { E2E_AS_OF, E2E_BASE, E2E_DIR, E2E_OPPORTUNITIES } from './tests/support/e2eModel.ts';

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

// Set by `webServer.wait` in the runner before the test workers start; the workers load this file again and see it.
const port = process.env.PIPESCOPE_E2E_PORT;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: port ? `http://127.0.0.1:${port}${E2E_BASE}` : undefined,
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  webServer: {
    command: buildAndServe,
    wait: { stdout: /http:\/\/127\.0\.0\.1:(?<pipescope_e2e_port>\d+)\// },
    // Building the demo model and the site takes ~10 s here; a slow CI box gets plenty more.
    timeout: 180_000,
  },
});
