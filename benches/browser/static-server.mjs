// The benchmarks' static server (bench.mjs, cold.mjs): files under a few
// folders of the repository, on 127.0.0.1 only, never cached, cross-origin
// isolated (which gives performance.now() its fine resolution).
//
//   const { origin, close } = await serveStatic(root, ['benches/browser/', 'pkg/'], { pkg: DIR });
//
// `pkg`: serve /pkg/ from another directory (a build to compare).
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, normalize, extname, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json',
};

export async function serveStatic(root, allowed, options = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^[/\\]+/, '');
    const ok = !path.split(sep).includes('..') && allowed.some((p) => path.startsWith(p));
    const pkg = typeof options.pkg === 'function' ? options.pkg() : options.pkg;
    const file = pkg && path.startsWith('pkg/') ? join(pkg, path.slice(4)) : join(root, path);
    if (!ok || !existsSync(file) || !TYPES[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)], 'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
