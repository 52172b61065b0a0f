// The npm package as a user gets it: scripts/build-npm.sh packs it with `npm pack`;
// here the tarball is installed into a scratch project (`npm install ./newslens-X.tgz`,
// no registry involved) and imported by name, in Node and in a bundler-free page in
// Chromium. Both must give the CLI's documents (the repository's golden articles, in
// every offset unit).
//
// Needs: scripts/build-wasm.sh, scripts/build-npm.sh, `cargo build --release -p newslens-cli`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, newslensBinary } from '../browser/lib/server.mjs';
import { openSession } from '../browser/lib/session.mjs';

const UNITS = ['utf16', 'bytes', 'chars'];
const npmDir = path.join(REPO_ROOT, 'target', 'npm');
let scratch; // scratch/www is the user's project: package.json, node_modules/newslens/

function golden() {
  const dir = path.join(REPO_ROOT, 'tests', 'golden');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
}

function cli(file, unit) {
  return JSON.parse(execFileSync(newslensBinary(), ['annotate', '--rules', '--offsets', unit, file], { encoding: 'utf8' }));
}

before(() => {
  const tarballs = existsSync(npmDir) ? readdirSync(npmDir).filter((f) => /^newslens-.*\.tgz$/.test(f)) : [];
  assert.equal(tarballs.length, 1, `one target/npm/newslens-*.tgz expected: run scripts/build-npm.sh (found ${tarballs})`);
  scratch = mkdtempSync(path.join(os.tmpdir(), 'newslens-npm-'));
  const project = path.join(scratch, 'www');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(npmDir, tarballs[0])], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
});

test('the packed tarball holds the module, the WASM and the TypeScript types', () => {
  const pkgDir = path.join(scratch, 'www', 'node_modules', 'newslens');
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  for (const f of ['index.js', 'index.d.ts', 'newslens_wasm.js', 'newslens_wasm.d.ts', 'newslens_wasm_bg.wasm', 'README.md']) {
    assert.ok(existsSync(path.join(pkgDir, f)), `${f} is missing from the package`);
  }
  // Every type index.d.ts re-exports is declared by the generated declarations.
  const generated = readFileSync(path.join(pkgDir, 'newslens_wasm.d.ts'), 'utf8');
  const reexported = readFileSync(path.join(pkgDir, 'index.d.ts'), 'utf8').match(/export type \{([^}]*)\}/)[1];
  for (const name of reexported.split(',').map((s) => s.trim()).filter(Boolean)) {
    assert.match(generated, new RegExp(`export (interface|type) ${name}\\b`), `${name} is not in newslens_wasm.d.ts`);
  }
  assert.match(generated, /export function annotate\(text: string, options\?: AnnotateOptions\): Annotation;/);
});

test('in Node, `import { annotate } from "newslens"` gives the CLI documents', () => {
  const files = golden();
  const script = path.join(scratch, 'www', 'run.mjs');
  writeFileSync(script, `
    import { readFileSync } from 'node:fs';
    import { annotate } from 'newslens';
    const [files, units] = JSON.parse(process.argv[2]);
    const out = files.map((f) => units.map((offsets) => annotate(readFileSync(f, 'utf8'), { offsets })));
    out.push(annotate('"Fine," she said.'));   // default unit
    process.stdout.write(JSON.stringify(out));
  `);
  const out = JSON.parse(execFileSync('node', [script, JSON.stringify([files, UNITS])], {
    cwd: path.join(scratch, 'www'),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  }));
  files.forEach((f, i) => UNITS.forEach((unit, j) => assert.deepEqual(out[i][j], cli(f, unit), `${f} ${unit}`)));
  assert.equal(out.at(-1).offsets, 'utf16');
});

test('in a bundler-free page, importing node_modules/newslens/index.js gives the CLI documents', async () => {
  const files = golden().slice(0, 3);
  writeFileSync(path.join(scratch, 'www', 'index.html'), `<!doctype html><meta charset="utf-8">
    <script type="module">
      import { annotate } from './node_modules/newslens/index.js';
      window.annotate = annotate;
      document.title = 'ready';
    </script>`);
  // `newslens serve --root` needs a pkg/ folder beside www/ (unused here).
  mkdirSync(path.join(scratch, 'pkg'), { recursive: true });
  writeFileSync(path.join(scratch, 'pkg', 'newslens_wasm.js'), '');
  const s = await openSession({ server: { root: scratch } });
  try {
    await s.page.goto(`${s.server.url}index.html`);
    await s.page.waitForFunction(() => document.title === 'ready');
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const docs = await s.page.evaluate(({ texts, units }) =>
      texts.map((t) => units.map((offsets) => window.annotate(t, { offsets }))), { texts, units: UNITS });
    files.forEach((f, i) => UNITS.forEach((unit, j) => assert.deepEqual(docs[i][j], cli(f, unit), `${f} ${unit}`)));
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
