// The page in Chromium: sample, paste, edit, toggles, actor filter, exports,
// opening an HTML file, hostile input. Every test fails if anything asks for
// a host other than 127.0.0.1 (lib/guard.mjs, checked in session.close()).
//
// Needs: scripts/build-wasm.sh and `cargo build --release -p newslens-cli`.
// Screenshots go to test-artifacts/ (git-ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from './lib/session.mjs';
import { REPO_ROOT, newslensBinary } from './lib/server.mjs';

const SAMPLE = readFileSync(path.join(REPO_ROOT, 'www/sample.txt'), 'utf8');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

/** The native engine's JSON for `file`, UTF-16 offsets: what the page must show. */
function engineJSON(file) {
  return JSON.parse(execFileSync(newslensBinary(), ['annotate', '--rules', '--offsets', 'utf16', file], { encoding: 'utf8' }));
}

/** Opens the page and waits until the sample is annotated. */
async function openPage(options) {
  const s = await openSession(options);
  s.dialogs = [];
  s.page.on('dialog', (d) => { s.dialogs.push(d.message()); d.dismiss(); });
  await s.page.goto(s.server.url);
  await s.page.waitForSelector('body[data-state="ready"]');
  return s;
}

/** Runs `fn` with a fresh page, always closing it (and checking the request guard). */
async function withPage(fn, options) {
  const s = await openPage(options);
  try {
    await fn(s);
    assert.deepEqual(s.errors, [], 'uncaught errors in the page');
  } finally {
    await s.close();
  }
}

const counts = (page) => page.evaluate(() => Object.fromEntries(['actors', 'quotes', 'claims']
  .map((k) => [k, Number(document.querySelector(`[data-testid="count-${k}"]`).textContent)])));

/** Pastes `text` as plain text onto the page body, as Ctrl+V outside a text field does. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const ARTICLE = [
  'Harbour Minister Olu Adeyemi said on Friday that the new bridge would open in May.',
  '',
  '"We are ahead of schedule and under budget," Adeyemi told reporters in Lagosia. "Nobody believed us."',
  '',
  'The opposition leader, Mara Quist, denied that the project was on budget. "The numbers do not add up," she said.',
].join('\n');

test('the sample loads, and its counts and spans match the engine', async () => {
  await withPage(async ({ page }) => {
    await page.getByTestId('load-sample').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="source-name"]').textContent === 'Sample article');
    const expected = engineJSON(path.join(REPO_ROOT, 'www/sample.txt'));
    const shown = await counts(page);
    assert.ok(shown.actors > 0 && shown.quotes > 0 && shown.claims > 0, JSON.stringify(shown));
    assert.deepEqual(shown, { actors: expected.actors.length, quotes: expected.quotes.length, claims: expected.claims.length });

    // The article's text is exactly the sample, and every highlight sits on its span.
    assert.equal(await page.getByTestId('article').textContent(), SAMPLE);
    const marks = await page.evaluate(() => [...document.querySelectorAll('mark.hl[data-start]')]
      .map((m) => ({ layer: m.dataset.layer, id: +m.dataset.id, start: +m.dataset.start, end: +m.dataset.end })));
    const want = [
      ...expected.mentions.map((m) => ({ layer: 'mention', id: m.id, ...m.span })),
      ...expected.quotes.map((q) => ({ layer: 'quote', id: q.id, ...q.span })),
      ...expected.claims.filter((c) => c.content.end > c.content.start).map((c) => ({ layer: 'claim', id: c.id, ...c.content })),
    ];
    const key = (m) => `${m.layer}#${m.id}@${m.start}-${m.end}`;
    assert.deepEqual(marks.map(key).sort(), want.map(key).sort());
    assert.equal(await page.getByTestId('actor-item').count(), expected.actors.length);
    assert.equal(await page.getByTestId('quote-item').count(), expected.quotes.length);
    assert.equal(await page.getByTestId('claim-item').count(), expected.claims.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sample.png') });
  });
});

test('phone width and dark mode render without horizontal scrolling', async () => {
  for (const [name, context] of [
    ['sample-phone.png', { viewport: { width: 375, height: 812 } }],
    ['sample-dark.png', { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }],
  ]) {
    await withPage(async ({ page }) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name}: page is ${overflow}px wider than the viewport`);
      if (context.colorScheme === 'dark') {
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.equal(bg, 'rgb(20, 21, 24)');
      }
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, name) });
    }, { context });
  }
});

test('a pasted article is annotated and its highlights explain themselves', async () => {
  await withPage(async ({ page }) => {
    await paste(page, ARTICLE);
    await page.waitForFunction(() => document.querySelector('[data-testid="source-name"]').textContent === 'Pasted text');
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, ARTICLE);
    const shown = await counts(page);
    assert.ok(shown.actors >= 2 && shown.quotes >= 2, JSON.stringify(shown));

    // Hover: the tooltip names the actor.
    const mention = page.getByTestId('mention-hl').filter({ hasText: 'Olu Adeyemi' }).first();
    await mention.hover();
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible' });
    assert.match(await tooltip.textContent(), /Olu Adeyemi/);
    assert.equal(await tooltip.getAttribute('role'), 'tooltip');

    // Keyboard focus: the tooltip describes the quote and the element points to it.
    const quote = page.locator('[data-testid="quote-hl"][tabindex="0"]').first();
    await quote.focus();
    await page.waitForFunction(() => /quote/.test(document.querySelector('[data-testid="tooltip"]').textContent));
    assert.equal(await quote.getAttribute('aria-describedby'), await tooltip.getAttribute('id'));
    assert.match(await tooltip.textContent(), /speaker: .*Adeyemi/);
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden' });
  });
});

test('editing re-annotates as you type', async () => {
  await withPage(async ({ page }) => {
    await page.getByTestId('edit-toggle').click();
    const editor = page.getByTestId('editor');
    await editor.waitFor({ state: 'visible' });
    await editor.fill('');
    await page.waitForFunction(() => document.querySelector('[data-testid="count-quotes"]').textContent === '0');
    await editor.pressSequentially('"It is done," Jane Okafor said.', { delay: 5 });
    await page.waitForFunction(() => document.querySelector('[data-testid="count-quotes"]').textContent === '1');
    await page.keyboard.press('Escape');
    await page.getByTestId('article').waitFor({ state: 'visible' });
    assert.equal(await page.getByTestId('quote-hl').count(), 1);
    assert.equal(await page.getByTestId('article').textContent(), '"It is done," Jane Okafor said.');
  });
});

test('toggles hide and restore a category', async () => {
  await withPage(async ({ page }) => {
    const quote = page.locator('[data-testid="quote-hl"][tabindex]').first();
    const bg = () => quote.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg(), 'rgba(0, 0, 0, 0)');
    await page.getByTestId('toggle-quotes').click();
    assert.equal(await page.getByTestId('toggle-quotes').getAttribute('aria-pressed'), 'false');
    assert.equal(await bg(), 'rgba(0, 0, 0, 0)');
    assert.equal(await quote.getAttribute('tabindex'), '-1');
    // Other layers stay.
    const mentionBg = await page.locator('[data-testid="mention-hl"]').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(mentionBg, 'rgba(0, 0, 0, 0)');
    await page.getByTestId('toggle-quotes').click();
    assert.notEqual(await bg(), 'rgba(0, 0, 0, 0)');
    assert.equal(await quote.getAttribute('tabindex'), '0');

    await page.getByTestId('toggle-claims').click();
    const deco = await page.locator('[data-testid="claim-hl"]').first().evaluate((el) => getComputedStyle(el).textDecorationLine);
    assert.equal(deco, 'none');
  });
});

test('clicking an actor lights its mentions and filters quotes and claims', async () => {
  await withPage(async ({ page }) => {
    const doc = engineJSON(path.join(REPO_ROOT, 'www/sample.txt'));
    // The most quoted actor.
    const quotesBy = (id) => doc.quotes.filter((q) => q.speaker === id || q.reporter === id).length;
    const actor = doc.actors.reduce((a, b) => (quotesBy(b.id) > quotesBy(a.id) ? b : a));
    const claimsBy = doc.claims.filter((c) => c.claimant === actor.id).length;

    await page.locator(`[data-testid="actor-item"][data-id="${actor.id}"]`).click();
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('filter-bar').textContent(), new RegExp(actor.name));
    const lit = await page.locator('mark.lit[data-layer="mention"]:not(.cont)').evaluateAll((els) => els.map((e) => +e.dataset.id));
    assert.deepEqual(lit.sort((a, b) => a - b), [...actor.mentions].sort((a, b) => a - b));
    await page.getByTestId('tab-quotes').click();
    assert.equal(await page.getByTestId('quote-item').count(), quotesBy(actor.id));
    await page.getByTestId('tab-claims').click();
    assert.equal(await page.getByTestId('claim-item').count(), claimsBy);

    await page.getByTestId('clear-filter').click();
    assert.equal(await page.locator('mark.lit').count(), 0);
    assert.equal(await page.getByTestId('claim-item').count(), doc.claims.length);

    // The same from a mention in the text, by keyboard.
    const other = doc.mentions.find((m) => m.actor !== actor.id);
    const mark = page.locator(`[data-testid="mention-hl"][data-id="${other.id}"][tabindex="0"]`);
    await mark.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    assert.equal(await page.locator('mark.lit[data-layer="mention"]:not(.cont)').count(), doc.actors[other.actor].mentions.length);
  });
});

test('list items take you to their highlight', async () => {
  await withPage(async ({ page }) => {
    await page.getByTestId('tab-quotes').click();
    const item = page.getByTestId('quote-item').nth(2);
    const id = await item.getAttribute('data-id');
    await item.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((qid) => document.activeElement?.dataset?.layer === 'quote' && document.activeElement.dataset.id === qid, id);
    await page.getByTestId('tab-claims').click();
    const claim = page.getByTestId('claim-item').first();
    const cid = await claim.getAttribute('data-id');
    await claim.click();
    await page.waitForFunction((c) => document.activeElement?.dataset?.layer === 'claim' && document.activeElement.dataset.id === c, cid);
  });
});

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('exports: JSON, W3C Web Annotation and CSV', async () => {
  await withPage(async ({ page }) => {
    const doc = engineJSON(path.join(REPO_ROOT, 'www/sample.txt'));

    const json = JSON.parse(await download(page, 'export-json'));
    assert.equal(json.version, 1);
    assert.equal(json.offsets, 'utf16');
    assert.equal(json.text, SAMPLE);
    assert.equal(json.quotes.length, doc.quotes.length);

    const ld = JSON.parse(await download(page, 'export-jsonld'));
    assert.equal(ld['@context'], 'http://www.w3.org/ns/anno.jsonld');
    const items = ld.first.items;
    assert.equal(items.length, doc.mentions.length + doc.quotes.length + doc.claims.length);
    const points = Array.from(SAMPLE); // TextPositionSelector counts code points
    for (const a of items) {
      assert.equal(a.type, 'Annotation');
      const quoteSel = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
      const posSel = a.target.selector.find((s) => s.type === 'TextPositionSelector');
      assert.ok(quoteSel && posSel, a.id);
      assert.equal(points.slice(posSel.start, posSel.end).join(''), quoteSel.exact, a.id);
    }
    const q0 = items.find((a) => a.id.endsWith('#quote-0'));
    const sel = q0.target.selector.find((s) => s.type === 'TextQuoteSelector');
    assert.equal(sel.exact, SAMPLE.slice(doc.quotes[0].span.start, doc.quotes[0].span.end));

    const csv = (await download(page, 'export-csv')).trimEnd().split('\r\n');
    assert.equal(csv[0], 'type,id,kind,who,reporter,cue,start,end,text');
    assert.equal(csv.filter((r) => r.startsWith('quote,')).length, doc.quotes.length);
    assert.equal(csv.filter((r) => r.startsWith('claim,')).length, doc.claims.length);
  });
});

test('an HTML file is reduced to its article text; its scripts and images do nothing', async () => {
  await withPage(async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const html = `<!doctype html><html><head><title>t</title>
<script>window.__pwned = 'head'; fetch('http://tracker.invalid/a');</script>
<link rel="stylesheet" href="http://cdn.invalid/x.css"></head>
<body><nav>Home | World | Sport</nav>
<h1>Bridge opens early</h1>
<article><p>Harbour Minister Olu Adeyemi said on Friday that the bridge would open in May.</p>
<img src="http://tracker.invalid/pixel.gif"><img src="x" onerror="window.__pwned = 'img'">
<script>window.__pwned = 'body'</script>
<p>"We are ahead of schedule," Adeyemi told reporters.</p>
<aside>Read more: ten other bridges</aside></article>
<footer>Copyright footer text</footer></body></html>`;
    await page.getByTestId('file-input').setInputFiles({ name: 'story.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await page.waitForFunction(() => document.querySelector('[data-testid="source-name"]').textContent === 'story.html');
    const text = await page.getByTestId('article').textContent();
    assert.equal(text, 'Bridge opens early\n\nHarbour Minister Olu Adeyemi said on Friday that the bridge would open in May.\n\n"We are ahead of schedule," Adeyemi told reporters.');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#article img, #article script').count(), 0);
    assert.ok((await counts(page)).quotes >= 1);
    await page.waitForTimeout(200);
    assert.deepEqual(requests.filter((u) => /tracker|cdn|\/x$/.test(u)), []);
  });
});

test('a dropped file opens, and positions count code points in Web Annotation', async () => {
  await withPage(async ({ page }) => {
    const text = `🌊🌊 Flood warning.\n\n"The river is rising 🌧 fast," Mayor Lena Brandt said.`;
    await page.evaluate((t) => {
      const data = new DataTransfer();
      data.items.add(new File([t], 'flood.txt', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, text);
    await page.waitForFunction(() => document.querySelector('[data-testid="source-name"]').textContent === 'flood.txt');
    assert.equal(await page.getByTestId('article').textContent(), text);
    assert.ok(await page.locator('#drop-hint').isHidden());
    const ld = JSON.parse(await download(page, 'export-jsonld'));
    const points = Array.from(text);
    const quote = ld.first.items.find((a) => a.id.endsWith('#quote-0'));
    assert.ok(quote, 'the quote is exported');
    const [tq, tp] = ['TextQuoteSelector', 'TextPositionSelector'].map((t) => quote.target.selector.find((s) => s.type === t));
    assert.equal(tq.exact, '"The river is rising 🌧 fast,"');
    assert.equal(points.slice(tp.start, tp.end).join(''), tq.exact);
    assert.equal(tp.start, text.indexOf('"') - 2); // two astral characters before it
  });
});

test('hostile text is shown as text', async () => {
  await withPage(async ({ page, guard, dialogs }) => {
    const hostile = 'The mayor said "<img src=x onerror=alert(1)>" and <script>alert(2)</script> twice.';
    await paste(page, hostile);
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, hostile);
    assert.equal(await page.locator('#article img, #article script').count(), 0);
    await page.getByTestId('tab-quotes').click();
    await page.waitForTimeout(200);
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(guard.foreign, []);
  });
});

test('the binding throws real Errors for bad options', async () => {
  await withPage(async ({ page }) => {
    const result = await page.evaluate(async () => {
      const mod = await import('/pkg/newslens_wasm.js');
      await mod.default();
      try {
        mod.annotate('x', { offsets: 'lines' });
        return 'no error';
      } catch (e) {
        return { isError: e instanceof Error, message: e.message };
      }
    });
    assert.equal(result.isError, true);
    assert.match(result.message, /offsets/);
  });
});
