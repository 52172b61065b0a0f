// The request guard: every browser test fails if anything asks for a host
// other than 127.0.0.1. It blocks such requests (so they never leave) and
// records them, and `assertClean()` throws if there were any.
//
//   import { guardRequests } from './lib/guard.mjs';
//   const guard = await guardRequests(context);
//   ... drive the page ...
//   guard.assertClean();          // in the test, or in an afterEach hook
//
// It watches both `context.route` (blocks) and the `request` event (sees
// requests other route handlers already answered), for pages and workers of
// the context. Non-network schemes (data:, blob:, about:, chrome-extension:,
// chrome:) are allowed.

/** Hosts a test may talk to. */
export const LOCAL_HOSTS = ['127.0.0.1'];

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * True when `url` would reach a host outside `allowHosts`.
 * @param {string} url
 * @param {string[]} [allowHosts]
 */
export function isForeign(url, allowHosts = LOCAL_HOSTS) {
  let u;
  try { u = new URL(url); } catch { return true; }
  return NETWORK_SCHEMES.has(u.protocol) && !allowHosts.includes(u.hostname);
}

/**
 * Installs the guard on a browser context.
 * @param {import('playwright-core').BrowserContext} context
 * @param {object} [options]
 * @param {string[]} [options.allowHosts] default ['127.0.0.1']
 * @returns {Promise<{foreign: string[], assertClean: () => void}>}
 *   `foreign` lists every blocked URL, in order.
 */
export async function guardRequests(context, { allowHosts = LOCAL_HOSTS } = {}) {
  const foreign = [];
  const note = (url) => { if (isForeign(url, allowHosts) && !foreign.includes(url)) foreign.push(url); };
  context.on('request', (request) => note(request.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isForeign(url, allowHosts)) {
      note(url);
      return route.abort('blockedbyclient');
    }
    return route.fallback();
  });
  await context.routeWebSocket(/.*/, (ws) => {
    if (isForeign(ws.url(), allowHosts)) { note(ws.url()); ws.close(); } else ws.connectToServer();
  });
  return {
    foreign,
    assertClean() {
      if (foreign.length) {
        throw new Error(`requests to hosts other than ${allowHosts.join(', ')}:\n  ${foreign.join('\n  ')}`);
      }
    },
  };
}
