// One call that gives a test everything: the server, a browser, a guarded
// context and a page. Every helper here is also usable on its own
// (server.mjs, browser.mjs, guard.mjs).
//
//   import { openSession } from './lib/session.mjs';
//   const s = await openSession();
//   await s.page.goto(s.server.url);
//   ...
//   await s.close();              // also runs s.guard.assertClean()
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';
import { guardRequests } from './guard.mjs';

/**
 * @param {object} [options]
 * @param {object} [options.server] options for startServer()
 * @param {object} [options.context] options for browser.newContext() (viewport, colorScheme...)
 * @param {boolean} [options.pageErrors] collect uncaught page errors in `errors` (default true)
 * @returns {Promise<{server, browser, context, page, guard, errors: string[], close: () => Promise<void>}>}
 *   `close()` shuts everything down, then throws if the guard saw a foreign request.
 */
export async function openSession({ server: serverOptions, context: contextOptions } = {}) {
  const server = await startServer(serverOptions);
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext(contextOptions);
    const guard = await guardRequests(context);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    return {
      server, browser, context, page, guard, errors,
      async close() {
        await browser.close();
        await server.close();
        guard.assertClean();
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    throw e;
  }
}
