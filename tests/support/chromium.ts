import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/** Debian's `chromium` package: Playwright's own browser download cannot be reached from here, apt can. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Launch options for headless Chromium in the e2e tests and in any script that renders the site. */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run "apt-get install -y chromium" or set CHROMIUM_PATH`);
  }
  return {
    executablePath,
    args: [
      // CI runs as root, and Chromium's sandbox refuses to start as root.
      '--no-sandbox',
      // No GPU on these machines; without this Chromium probes for one and logs errors.
      '--disable-gpu',
      // No calls home: the tests assert the page talks to nobody but the local server.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
