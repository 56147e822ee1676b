import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Browser tests are Playwright's (tests/e2e, `npx playwright test`); vitest must not pick up their specs.
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Native DuckDB is a native addon: separate processes keep one crashing test file from taking the run down,
    // and avoid the worker-thread teardown problems native addons have.
    pool: 'forks',
    // Two at once even on two cores: most files wait on a CLI child process or a DuckDB build, not on the CPU.
    maxWorkers: 2,
    // Integration tests build a whole model with DuckDB (and DuckDB-WASM in Node); on a 2-core CI box that takes seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
