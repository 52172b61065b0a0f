// The test pages of tests/browser/pages/, served on 127.0.0.1 by node's own
// HTTP server (the extension tests in Chromium and in Firefox share it), and
// a page-side helper that finds where a word is drawn.
//
//   import { servePages, textPoint } from './lib/pages.mjs';
//   const pages = await servePages({ onRequest: (req) => seen.push(req.url) });
//   await page.goto(`${pages.origin}/plain.html`);
//   const at = await page.evaluate(textPoint, 'Jane Doe');   // or driver.executeScript(textPoint, ...)
//   await pages.close();
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of test pages. */
export const PAGES = fileURLToPath(new URL('../pages', import.meta.url));

/** The CSP that strict-csp.html is served with. */
export const STRICT_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'";

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * Serves PAGES (HTML and CSS only, no path outside it) on a free port.
 * @param {object} [options]
 * @param {(req: import('node:http').IncomingMessage) => void} [options.onRequest] sees every request
 * @returns {Promise<{origin: string, close: () => Promise<void>}>}
 */
export function servePages({ onRequest } = {}) {
  const server = createServer((req, res) => {
    onRequest?.(req);
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(PAGES, path);
    if (!file.startsWith(PAGES) || !existsSync(file) || !TYPES[extname(file)]) {
      res.statusCode = 404;
      return res.end('not found');
    }
    res.setHeader('content-type', TYPES[extname(file)]);
    if (file.endsWith('strict-csp.html')) res.setHeader('content-security-policy', STRICT_CSP);
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(() => done())),
  })));
}

/**
 * Runs in the page: the viewport centre of the third character of the first
 * text node holding `needle` in the light DOM, or null. Pass it to
 * `page.evaluate` or `driver.executeScript` with the needle.
 * @param {string} needle
 */
export function textPoint(needle) {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const i = n.data.indexOf(needle);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i + 2);
    r.setEnd(n, i + 3);
    const b = r.getBoundingClientRect();
    return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
  }
  return null;
}
