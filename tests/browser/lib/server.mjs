// Starts `newslens serve` (the release binary) on a free port of 127.0.0.1
// and hands back its URL. Shared by the page, extension and benchmark tests.
//
//   import { startServer } from './lib/server.mjs';
//   const server = await startServer();            // serves www/ and pkg/
//   await page.goto(server.url);                   // "http://127.0.0.1:PORT/"
//   await server.close();
//
// Build the binary first: `cargo build --release -p newslens-cli`
// (scripts/test.sh does). Set NEWSLENS_BIN to use another binary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root (…/tests/browser/lib → …). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Path of the release `newslens` binary, honouring CARGO_TARGET_DIR and NEWSLENS_BIN. */
export function newslensBinary() {
  if (process.env.NEWSLENS_BIN) return process.env.NEWSLENS_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? path.join(REPO_ROOT, 'target');
  return path.join(target, 'release', 'newslens');
}

/**
 * Starts `newslens serve --port 0` and waits for the URL it prints.
 * @param {object} [options]
 * @param {string} [options.root] directory holding www/ and pkg/ (default: the repository)
 * @param {number} [options.timeoutMs] how long to wait for the URL (default 15 s)
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 *   `url` is `http://127.0.0.1:PORT/`; `close()` stops the server.
 */
export async function startServer({ root = REPO_ROOT, timeoutMs = 15000 } = {}) {
  const bin = newslensBinary();
  if (!existsSync(bin)) {
    throw new Error(`${bin} not found: run \`cargo build --release -p newslens-cli\` first`);
  }
  if (!existsSync(path.join(root, 'pkg', 'newslens_wasm.js'))) {
    throw new Error(`${root}/pkg/ is missing: run scripts/build-wasm.sh first`);
  }
  const child = spawn(bin, ['serve', '--port', '0', '--root', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });

  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no URL from newslens serve after ${timeoutMs} ms`)), timeoutMs);
    function fail(err) {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${err.message}\n${stderr}`));
    }
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)\s*$/m);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`newslens serve exited with ${code}`)));
  });

  return {
    url,
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}
