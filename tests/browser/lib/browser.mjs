// Launches Debian's Chromium through playwright-core, with the flags this
// machine needs (no sandbox as root, no background traffic, no QUIC) and a
// host resolver that knows only 127.0.0.1, so nothing can leave the machine.
//
//   import { launchBrowser } from './lib/browser.mjs';
//   const browser = await launchBrowser();
//   const context = await browser.newContext();
//
// For extensions, which need a persistent profile, use launchPersistent().
// CHROMIUM overrides the executable path.
import { chromium } from 'playwright-core';

/** Path of the Chromium executable. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Flags every launch gets. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Any host but 127.0.0.1 fails to resolve: a second wall behind the
  // request guard (guard.mjs), which still sees and reports the attempt.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Launches headless Chromium.
 * @param {object} [options]
 * @param {string[]} [options.args] extra command-line flags
 * @param {boolean} [options.headless] default true
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchBrowser({ args = [], headless = true } = {}) {
  return chromium.launch({ executablePath: CHROMIUM, headless, args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * Launches Chromium with a persistent profile (needed to load an unpacked
 * extension: pass `--disable-extensions-except=DIR` and `--load-extension=DIR`
 * in `args`). The caller owns `userDataDir` (make it with fs.mkdtemp).
 * @param {string} userDataDir
 * @param {object} [options]
 * @param {string[]} [options.args] extra command-line flags
 * @param {boolean} [options.headless] default true
 * Other options go to launchPersistentContext (viewport, colorScheme...).
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export function launchPersistent(userDataDir, { args = [], headless = true, ...contextOptions } = {}) {
  return chromium.launchPersistentContext(userDataDir, {
    ...contextOptions,
    executablePath: CHROMIUM,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
  });
}
