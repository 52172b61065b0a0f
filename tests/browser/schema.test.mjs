// One document, two doors: the WASM binding in Chromium (pkg/, and pkg/tagger/
// built with the learned tagger, whose objects
// wasm/js/build.js decodes from a table of numbers) must give exactly the
// JSON the CLI prints (serde, from the same structs), for every offset unit,
// on whole articles and on text with astral, combining and control
// characters. Drift between wasm/src/lib.rs, build.js and the structs fails
// here; the TypeScript types are held to the structs by tests/schema.rs.
// pkg/ must equal `newslens annotate --rules`, pkg/tagger/ the CLI's default.
//
// Needs: scripts/build-wasm.sh and `cargo build --release -p newslens-cli`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession } from './lib/session.mjs';
import { REPO_ROOT, newslensBinary } from './lib/server.mjs';

const UNITS = ['utf16', 'bytes', 'chars'];

/** Original texts that exercise every field: whole articles and odd characters. */
function texts() {
  const golden = path.join(REPO_ROOT, 'tests/golden');
  const files = [
    path.join(REPO_ROOT, 'www/sample.txt'),
    ...['politics', 'business', 'feature'].map((n) => path.join(REPO_ROOT, `benches/data/${n}.txt`)),
    ...readdirSync(golden).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(golden, f)),
  ];
  const out = files.map((f) => ({ name: path.relative(REPO_ROOT, f), text: readFileSync(f, 'utf8') }));
  out.push({ name: 'empty', text: '' });
  out.push({
    name: 'astral, combining, control characters',
    text: '“Ça va,” dit Zoë 🌍 Dupont-Mu\u0308ller. "Q\\uote"\u0001\t said Jane Doe.\r\n\r\n'
      + '«Non», a déclaré le ministre 👩‍👩‍👧. The minister denied the claims, officials said.',
  });
  out.push({
    name: 'relayed quote',
    text: 'The union leader Tom Hale urged members to "stand firm until the end," his spokeswoman Ann Reyes said.',
  });
  return out;
}

/** The CLI's document for `text` in `unit`; `rules`: without the tagger (--rules). */
function cliDocument(dir, text, unit, rules) {
  const file = path.join(dir, 'article.txt');
  writeFileSync(file, text);
  const args = ['annotate', ...(rules ? ['--rules'] : []), '--offsets', unit, file];
  return JSON.parse(execFileSync(newslensBinary(), args, { encoding: 'utf8' }));
}

// The core module (pkg/) is the CLI without the tagger (--rules); the tagger
// module (pkg/tagger/, feature `tagger`) is the CLI's default.
for (const [glue, rules] of [['/pkg/newslens_wasm.js', true], ['/pkg/tagger/newslens_wasm.js', false]]) {
  test(`the WASM binding (${glue}) and the CLI${rules ? ' --rules' : ''} give the same document in every offset unit`, async () => {
    const s = await openSession();
    try {
      await s.page.goto(s.server.url);
      const cases = texts();
      const wasm = await s.page.evaluate(async ({ cases, units, glue }) => {
        const mod = await import(glue);
        await mod.default();
        return cases.map(({ text }) => units.map((offsets) => mod.annotate(text, { offsets })));
      }, { cases, units: UNITS, glue });
      const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-schema-'));
      let quotes = 0;
      let differ = 0;
      cases.forEach(({ name, text }, i) => {
        UNITS.forEach((unit, j) => {
          const cli = cliDocument(dir, text, unit, rules);
          if (unit === 'utf16' && JSON.stringify(cli) !== JSON.stringify(cliDocument(dir, text, unit, !rules))) differ++;
          assert.deepStrictEqual(wasm[i][j], cli, `${name}, offsets ${unit}: WASM and CLI differ`);
          // Same key order too: JSON.stringify of each is the same text.
          assert.equal(JSON.stringify(wasm[i][j]), JSON.stringify(cli), `${name}, ${unit}: key order`);
          quotes += cli.quotes.length;
        });
      });
      assert.ok(quotes > 50, `the texts should give many quotes, got ${quotes}`);
      assert.ok(differ > 0, 'some texts should tell the tagger and the rules apart');
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
}
