// One HTML file, one text: the page (www/js/input.js, DOMParser) and the CLI
// (`newslens text`, cli/src/html.rs on html5ever) must reduce the same HTML
// file to exactly the same article text, so their offsets agree. Each file is
// opened in the page through its file input and compared with the CLI's
// output for the same file on disk; the page's counts must also be those of
// `newslens annotate FILE`.
//
// Needs: scripts/build-wasm.sh and `cargo build --release -p newslens-cli`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSession } from './lib/session.mjs';
import { newslensBinary } from './lib/server.mjs';

/** UTF-16 bytes of `text` with a byte-order mark. */
function utf16(text, littleEndian) {
  const out = Buffer.alloc(2 + text.length * 2);
  out.writeUInt16LE(0xfeff, 0);
  for (let i = 0; i < text.length; i++) out.writeUInt16LE(text.charCodeAt(i), 2 + 2 * i);
  if (!littleEndian) out.swap16();
  return out;
}

const STORY = `<!doctype html><html><head><title>Title tag</title>
<script>window.__pwned = 1</script><style>p { color: red }</style></head>
<body><nav>Home | World | Sport</nav>
<header><h1>Bridge  opens
 early</h1></header>
<article><p>Harbour Minister Olu Adeyemi said on Friday that the bridge would open in May.</p>
<img src="x.gif"><script>y()</script>
<p>"We are ahead of schedule," Adeyemi told <b>reporters</b>.</p>
<aside>Read more: ten other bridges</aside></article>
<footer>Copyright footer text</footer></body></html>`;

/** HTML files that exercise each rule of the reduction. */
const FILES = {
  'story.html': STORY,
  'main-role.htm': `<div role="main"><h2>Council&nbsp;votes</h2><p>The council &amp; the mayor
    agreed.<br>Then&#160;they&nbsp;left.</p><ul><li>One</li><li>Two <i>items</i></li></ul></div>
    <p>Outside main.</p><h1>Headline after</h1>`,
  'body-only.html': `<p>First paragraph
  over two lines.</p>Loose text <span>in spans</span><div>A div<p>nested p</p>tail</div>
  <table><tr><td>cell a</td><td>cell b</td></tr><tr><td>row 2</td></tr></table>
  <pre>  pre   text  </pre><!-- a comment --><blockquote>"Quoted," she said.</blockquote>`,
  'hidden.html': `<!DOCTYPE html><body><article><h1>T</h1><p hidden>secret</p><p aria-hidden="true">icon</p>
  <p aria-hidden="false">shown</p><div role="navigation">menu</div><div role="complementary">side</div>
  <form><p>in a form</p></form><figure><img><figcaption>caption</figcaption></figure>
  <noscript><p>no script</p></noscript><template><p>template</p></template>
  <svg><text>svg text</text></svg><p>Last\u00a0\u2003 words\u3000</p></article></body>`,
  'implied.html': `<title>x</title><p>Unclosed one<p>Unclosed two<li>item<dt>term<dd>def<hr>After rule
  <h3>Sub</h3>text\r\nwith CRLF\r\n<address>1 Road</address>`,
  'crlf-bom.html': `\ufeff<html>\r\n<body>\r\n<main><p>Caf\u00e9 owner Zo\u00eb \u00c5ngstr\u00f6m \ud83d\udc9b said so.</p>\r\n<p>\u201cWe cannot,\u201d she said.</p></main></body></html>`,
  'utf16le.html': utf16('<p>UTF-16 \u201cquoted,\u201d said \u00c5sa \ud83c\udf0d.</p><p>Second.</p>', true),
  'utf16be.html': utf16('<article><p>Big-endian \u00e9t\u00e9.</p></article>', false),
  'empty.html': '<html><head><script>only()</script></head><body>  </body></html>',
};

test('the page and the CLI reduce the same HTML file to the same text', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslens-html-'));
  const s = await openSession();
  try {
    s.page.on('pageerror', (e) => s.errors.push(String(e)));
    await s.page.goto(s.server.url);
    await s.page.waitForSelector('body[data-state="ready"]');
    // Then the tagger module (pkg/tagger/): the page's counts are the CLI's default.
    await s.page.waitForSelector('body[data-tagger="on"]');
    for (const [name, content] of Object.entries(FILES)) {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      const cli = execFileSync(newslensBinary(), ['text', file], { encoding: 'utf8' });
      await s.page.getByTestId('file-input').setInputFiles(file);
      await s.page.waitForFunction((n) => document.querySelector('[data-testid="source-name"]').textContent === n, name);
      const shown = await s.page.getByTestId('article').textContent();
      assert.equal(shown, cli, `${name}: the page shows a different text than \`newslens text\``);
      if (name === 'story.html') {
        assert.equal(cli, 'Bridge opens early\n\nHarbour Minister Olu Adeyemi said on Friday that the bridge would open in May.\n\n"We are ahead of schedule," Adeyemi told reporters.');
      }
      if (name !== 'empty.html') assert.ok(cli.length > 0, name);
      // Same text, same annotation: the page's counts are the CLI's for the file.
      const doc = JSON.parse(execFileSync(newslensBinary(), ['annotate', file], { encoding: 'utf8' }));
      const counts = await s.page.evaluate(() => ['actors', 'quotes', 'claims']
        .map((k) => Number(document.querySelector(`[data-testid="count-${k}"]`).textContent)));
      assert.deepEqual(counts, [doc.actors.length, doc.quotes.length, doc.claims.length], name);
    }
    assert.equal(await s.page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
