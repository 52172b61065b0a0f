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
import { countWords } from '../../www/js/model.js';

const SAMPLE = readFileSync(path.join(REPO_ROOT, 'www/sample.txt'), 'utf8');
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

/**
 * The native engine's JSON for `file`, UTF-16 offsets: what the page must
 * show once its tagger module has arrived (`rules: true`: before, the core
 * module's result, `newslens annotate --rules`).
 */
function engineJSON(file, { rules = false } = {}) {
  const args = ['annotate', ...(rules ? ['--rules'] : []), '--offsets', 'utf16', file];
  return JSON.parse(execFileSync(newslensBinary(), args, { encoding: 'utf8' }));
}

/** The native engine's JSON for `text` (see engineJSON). */
function engineJSONOf(text, { rules = false } = {}) {
  const args = ['annotate', ...(rules ? ['--rules'] : []), '--offsets', 'utf16'];
  return JSON.parse(execFileSync(newslensBinary(), args, { input: text, encoding: 'utf8' }));
}

/**
 * Opens the page and waits until the sample is annotated. `marks: true`
 * opens it as a browser without the CSS Custom Highlight API sees it (the
 * <mark> fallback of www/js/render.js).
 */
async function openPage({ marks = false, setup, ...options } = {}) {
  const s = await openSession(options);
  if (marks) await s.context.addInitScript(() => { delete window.Highlight; });
  s.dialogs = [];
  s.page.on('dialog', (d) => { s.dialogs.push(d.message()); d.dismiss(); });
  if (setup) await setup(s);
  await s.page.goto(s.server.url);
  await s.page.waitForSelector('body[data-state="ready"]');
  // The final state: the tagger module's result (or the rules' when it cannot load).
  if (!setup) await taggerSettled(s.page);
  return s;
}

/** Waits until the page has its tagger module (or gave up on it) and shows that result. */
const taggerSettled = (page) => page.waitForSelector('body[data-tagger="on"], body[data-tagger="off"]');

/** The document the page shows, from its JSON export, without the text. */
async function shownDoc(page) {
  const { text, ...doc } = JSON.parse(await download(page, 'export-json'));
  return doc;
}

/** How the legend draws an unnamed source: 'hatched' (the <mark> view) or 'underlined' (the highlight view). */
function legendAnonStyle(page) {
  return page.getByTestId('legend').locator('.sw-anon').evaluate((el) => {
    const cs = getComputedStyle(el);
    if (cs.borderBottomStyle === 'dashed' && cs.borderTopWidth === '0px' && cs.backgroundImage === 'none') return 'underlined';
    return /repeating-linear-gradient/.test(cs.backgroundImage) ? 'hatched' : `other: ${cs.backgroundImage}`;
  });
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

/**
 * Hovers the first occurrence of `text` until `tooltip` shows. On a loaded
 * machine one move can land while the result is still being drawn (the lists
 * filling can shift the article), and a pointer that stays put sends no
 * second move: so the point is measured again and the pointer moved off and
 * back, a few times, before the test gives up.
 */
async function hoverUntilTip(page, text, tooltip) {
  for (let tries = 1; ; tries++) {
    const at = await pointOf(page, text);
    await page.mouse.move(5, 5);
    await page.mouse.move(at.x, at.y);
    try {
      await tooltip.waitFor({ state: 'visible', timeout: 2000 });
      return;
    } catch (err) {
      if (tries === 10) throw err;
    }
  }
}

/** Pastes `text` as plain text onto the page body, as Ctrl+V outside a text field does. */
async function paste(page, text) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * The ranges of the page's highlights, by layer, as text offsets:
 * {mention: ['start-end', ...], quote, claim, cue, title, lit}, each sorted.
 */
const highlights = (page) => page.evaluate(() => {
  const article = document.querySelector('[data-testid="article"]');
  const offset = (node, o) => {
    const r = document.createRange();
    r.setStart(article, 0);
    r.setEnd(node, o);
    return r.toString().length;
  };
  const layers = {
    mention: ['nl-person', 'nl-organization', 'nl-place', 'nl-group'], quote: ['nl-quote', 'nl-quote-partial'],
    claim: ['nl-claim', 'nl-claim2'], cue: ['nl-cue'], title: ['nl-title'], anon: ['nl-anon'],
    lit: ['nl-lit-person', 'nl-lit-organization', 'nl-lit-place', 'nl-lit-group'],
  };
  const out = {};
  for (const [layer, names] of Object.entries(layers)) {
    out[layer] = names.flatMap((n) => (CSS.highlights.has(n) ? [...CSS.highlights.get(n)] : []))
      .map((r) => `${offset(r.startContainer, r.startOffset)}-${offset(r.endContainer, r.endOffset)}`).sort();
  }
  return out;
});

/** The viewport point at the middle of the first line box of `text`'s first occurrence in the article. */
const pointOf = (page, text) => page.evaluate((t) => {
  const article = document.querySelector('[data-testid="article"]');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(t);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + t.length);
    r.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const b = r.getClientRects()[0];
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }
  return null;
}, text);

/** Moves the keyboard's highlight (focus-hl) with ArrowRight until `want(dataset)` holds. */
async function arrowTo(page, want, max = 200) {
  const focus = page.getByTestId('focus-hl');
  await focus.focus();
  for (let i = 0; i < max; i++) {
    if (await focus.evaluate((el, src) => new Function('d', `return ${src}`)(el.dataset), want)) return focus;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error(`no highlight where ${want}`);
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
    const spans = (xs) => xs.filter((x) => x && x.end > x.start).map((x) => `${x.start}-${x.end}`).sort();
    const shownSpans = await highlights(page);
    assert.deepEqual(shownSpans.mention, spans(expected.mentions.map((m) => m.span)));
    assert.deepEqual(shownSpans.title, spans(expected.mentions.map((m) => m.title)));
    assert.deepEqual(shownSpans.anon, spans(expected.mentions.filter((m) => expected.actors[m.actor].anonymous).map((m) => m.span)));
    assert.deepEqual(shownSpans.quote, spans(expected.quotes.map((q) => q.span)));
    assert.deepEqual(shownSpans.claim, spans(expected.claims.map((c) => c.content)));
    assert.deepEqual(shownSpans.cue, spans([...expected.quotes.map((q) => q.cue), ...expected.claims.map((c) => c.cue)]));
    assert.equal(await page.locator('#article mark').count(), 0, 'no elements per highlight');
    assert.equal(await legendAnonStyle(page), 'underlined', 'the legend draws unnamed sources as the highlight view does');
    assert.equal(await page.getByTestId('actor-item').count(), expected.actors.length);
    assert.equal(await page.getByTestId('quote-item').count(), expected.quotes.length);
    assert.equal(await page.getByTestId('claim-item').count(), expected.claims.length);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sample.png') });
  });
});

/** Original text on which the tagger changes the actors: "Saturdays" is no organization to it. */
const REFINED = [
  'Officials in Tarvossa said on Monday that the vote would go ahead. "We will not delay," said Lena Marsh,',
  'who leads the Brightwater Alliance. Editing the rules took weeks, Marsh added, and Saturdays were the',
  'busiest days in Kelmont.',
].join(' ');

test('the rules result shows first; the tagger module then refines the actors, and later texts use it', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const setup = ({ page }) => page.route('**/pkg/tagger/newslens_wasm_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await withPage(async ({ page }) => {
    // Before the tagger module arrives: the core module's result, the CLI's --rules.
    assert.equal(await page.evaluate(() => document.body.dataset.tagger), 'loading');
    assert.deepEqual(await shownDoc(page), engineJSON(path.join(REPO_ROOT, 'www/sample.txt'), { rules: true }));
    // A long text on which the two differ, pasted while the tagger module is on its way.
    const text = `${SAMPLE}\n\n${REFINED}`;
    const rules = engineJSONOf(text, { rules: true });
    const tagged = engineJSONOf(text);
    assert.notDeepEqual(rules.actors, tagged.actors, 'the text tells the two engines apart');
    await paste(page, text);
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, text);
    assert.equal(await page.evaluate(() => document.body.dataset.tagger), 'loading');
    assert.deepEqual(await shownDoc(page), rules);
    await page.evaluate(() => window.scrollTo(0, 300));
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 0, 'the page scrolls');

    release();
    await taggerSettled(page);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent === 'Actor types refined.');
    // Before any click (Playwright scrolls to what it clicks).
    assert.equal(await page.evaluate(() => window.scrollY), y, 'the redraw keeps the scroll position');
    assert.equal(await page.evaluate(() => document.body.dataset.tagger), 'on');
    assert.deepEqual(await shownDoc(page), tagged);
    assert.equal(await page.getByTestId('actor-item').count(), tagged.actors.length);
    assert.equal(await page.getByTestId('error').isVisible(), false);

    // A text pasted later is annotated by the tagger module at once.
    await paste(page, REFINED);
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, REFINED);
    assert.deepEqual(await shownDoc(page), engineJSONOf(REFINED));
  }, { setup });
});

test('when the tagger module cannot load, the page keeps the rules result quietly', async () => {
  const setup = ({ page }) => page.route('**/pkg/tagger/**', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await withPage(async ({ page }) => {
    await taggerSettled(page);
    assert.equal(await page.evaluate(() => document.body.dataset.tagger), 'off');
    assert.deepEqual(await shownDoc(page), engineJSON(path.join(REPO_ROOT, 'www/sample.txt'), { rules: true }));
    assert.equal(await page.getByTestId('error').isVisible(), false);
    await paste(page, REFINED);
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, REFINED);
    assert.deepEqual(await shownDoc(page), engineJSONOf(REFINED, { rules: true }));
  }, { setup });
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
    const tooltip = page.getByTestId('tooltip');
    await hoverUntilTip(page, 'Olu Adeyemi', tooltip);
    assert.match(await tooltip.textContent(), /Olu Adeyemi/);
    assert.equal(await tooltip.getAttribute('role'), 'tooltip');
    // Off the article, it goes.
    await page.mouse.move(5, 5);
    await tooltip.waitFor({ state: 'hidden' });

    // Keyboard: one Tab stop stands for the highlight under the keyboard; the
    // arrow keys move it; the tooltip describes it and the element points to it.
    const focus = await arrowTo(page, "d.layer === 'quote'");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'focus-hl');
    await page.waitForFunction(() => /quote/.test(document.querySelector('[data-testid="tooltip"]').textContent));
    assert.equal(await focus.getAttribute('aria-describedby'), await tooltip.getAttribute('id'));
    assert.match(await tooltip.textContent(), /speaker: .*Adeyemi/);
    assert.match(await focus.getAttribute('aria-label'), /quote: “"We are ahead of schedule/);
    await page.keyboard.press('Escape');
    await tooltip.waitFor({ state: 'hidden' });

    // Enter on a quote shows it in the list; a click on a name follows its actor.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.quote-item.current'));
    const name = await pointOf(page, 'Mara Quist');
    await page.mouse.click(name.x, name.y);
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('filter-bar').textContent(), /Mara Quist/);
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
    assert.equal((await highlights(page)).quote.length, 1);
    assert.equal(await page.getByTestId('article').textContent(), '"It is done," Jane Okafor said.');
  });
});

test('toggles hide and restore a category', async () => {
  await withPage(async ({ page }) => {
    const registered = () => page.evaluate(() => [...CSS.highlights.keys()].sort());
    const all = await registered();
    assert.ok(all.includes('nl-quote') && all.includes('nl-claim') && all.includes('nl-person'), all.join());
    await page.getByTestId('toggle-quotes').click();
    assert.equal(await page.getByTestId('toggle-quotes').getAttribute('aria-pressed'), 'false');
    let now = await registered();
    assert.ok(!now.includes('nl-quote') && !now.includes('nl-quote-partial'), now.join());
    // Other layers stay, and the keyboard skips the hidden one.
    assert.ok(now.includes('nl-person') && now.includes('nl-claim') && now.includes('nl-cue'), now.join());
    const focus = page.getByTestId('focus-hl');
    await focus.focus();
    for (let i = 0; i < 40; i++) {
      assert.notEqual(await focus.getAttribute('data-layer'), 'quote');
      await page.keyboard.press('ArrowRight');
    }
    await page.getByTestId('toggle-quotes').click();
    assert.deepEqual(await registered(), all);

    await page.getByTestId('toggle-claims').click();
    now = await registered();
    assert.ok(!now.includes('nl-claim') && now.includes('nl-cue'), now.join());
    await page.getByTestId('toggle-quotes').click();
    assert.ok(!(await registered()).includes('nl-cue'), 'cues go with both quotes and claims');
  });
});

test('clicking an actor lights its mentions and filters quotes and claims', async () => {
  await withPage(async ({ page }) => {
    const doc = engineJSON(path.join(REPO_ROOT, 'www/sample.txt'));
    // The most quoted actor.
    const quotesBy = (id) => doc.quotes.filter((q) => q.speaker === id || q.reporter === id).length;
    const actor = doc.actors.reduce((a, b) => (quotesBy(b.id) > quotesBy(a.id) ? b : a));
    const claimsBy = doc.claims.filter((c) => c.claimant === actor.id).length;

    const litOf = (a) => a.mentions.flatMap((id) => [doc.mentions[id].span, doc.mentions[id].title])
      .filter(Boolean).map((x) => `${x.start}-${x.end}`).sort();

    await page.locator(`[data-testid="actor-item"][data-id="${actor.id}"]`).click();
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    assert.match(await page.getByTestId('filter-bar').textContent(), new RegExp(actor.name));
    assert.deepEqual((await highlights(page)).lit, litOf(actor));
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="article"]').classList.contains('following')), true);
    await page.getByTestId('tab-quotes').click();
    assert.equal(await page.getByTestId('quote-item').count(), quotesBy(actor.id));
    await page.getByTestId('tab-claims').click();
    assert.equal(await page.getByTestId('claim-item').count(), claimsBy);

    await page.getByTestId('clear-filter').click();
    assert.deepEqual((await highlights(page)).lit, []);
    assert.equal(await page.getByTestId('claim-item').count(), doc.claims.length);

    // The same from a mention in the text, by keyboard.
    const other = doc.mentions.find((m) => m.actor !== actor.id);
    await arrowTo(page, `d.layer === 'mention' && d.id === '${other.id}'`);
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    assert.deepEqual((await highlights(page)).lit, litOf(doc.actors[other.actor]));
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

test('without the CSS Custom Highlight API, highlights are <mark>s that work the same', async () => {
  await withPage(async ({ page }) => {
    const doc = engineJSON(path.join(REPO_ROOT, 'www/sample.txt'));
    assert.equal(await page.getByTestId('article').textContent(), SAMPLE);
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    assert.equal(await legendAnonStyle(page), 'hatched', 'the legend draws unnamed sources as the <mark> view does');
    // Every highlight sits on its span.
    const marks = await page.evaluate(() => [...document.querySelectorAll('mark.hl[data-start]')]
      .map((m) => ({ layer: m.dataset.layer, id: +m.dataset.id, start: +m.dataset.start, end: +m.dataset.end })));
    const want = [
      ...doc.mentions.map((m) => ({ layer: 'mention', id: m.id, ...m.span })),
      ...doc.quotes.map((q) => ({ layer: 'quote', id: q.id, ...q.span })),
      ...doc.claims.filter((c) => c.content.end > c.content.start).map((c) => ({ layer: 'claim', id: c.id, ...c.content })),
    ];
    const key = (m) => `${m.layer}#${m.id}@${m.start}-${m.end}`;
    assert.deepEqual(marks.map(key).sort(), want.map(key).sort());

    // Hover and keyboard focus explain a highlight.
    await page.getByTestId('mention-hl').first().hover();
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ state: 'visible' });
    const quote = page.locator('[data-testid="quote-hl"][data-start]').first();
    await quote.focus();
    await page.waitForFunction(() => /quote/.test(document.querySelector('[data-testid="tooltip"]').textContent));
    assert.equal(await quote.getAttribute('aria-describedby'), await tooltip.getAttribute('id'));

    // Toggles.
    const bg = () => quote.evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(await bg(), 'rgba(0, 0, 0, 0)');
    await page.getByTestId('toggle-quotes').click();
    assert.equal(await bg(), 'rgba(0, 0, 0, 0)');
    assert.equal(await quote.getAttribute('tabindex'), '-1');
    await page.getByTestId('toggle-quotes').click();

    // Following an actor from a mention, by keyboard.
    const m = doc.mentions[0];
    await page.locator(`[data-testid="mention-hl"][data-id="${m.id}"][tabindex="0"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-bar').waitFor({ state: 'visible' });
    const lit = await page.locator('mark.lit[data-layer="mention"]:not(.cont)').evaluateAll((els) => els.map((e) => +e.dataset.id));
    assert.deepEqual(lit.sort((a, b) => a - b), [...doc.actors[m.actor].mentions].sort((a, b) => a - b));

    // The panels' jump-to focuses the highlight.
    await page.getByTestId('clear-filter').click();
    await page.getByTestId('tab-quotes').click();
    const item = page.getByTestId('quote-item').nth(1);
    const id = await item.getAttribute('data-id');
    await item.click();
    await page.waitForFunction((qid) => document.activeElement?.dataset?.layer === 'quote' && document.activeElement.dataset.id === qid, id);
  }, { marks: true });
});

test('long lists fill in after the text is drawn, and a late item still takes you to its highlight', async () => {
  await withPage(async ({ page }) => {
    // Over 600 items in all (panels.js EAGER): the lists are built in slices.
    const text = Array.from({ length: 150 }, (_, i) => ARTICLE.replace(/Adeyemi/g, `Adeyemi${i}`)).join('\n\n');
    await paste(page, text);
    await page.waitForFunction((n) => document.querySelector('[data-testid="article"]').textContent.length === n, text.length);
    const shown = await counts(page);
    assert.ok(shown.actors + shown.quotes + shown.claims > 600, JSON.stringify(shown));
    // Every item arrives.
    await page.waitForFunction((c) => document.querySelectorAll('[data-testid="actor-item"]').length === c.actors
      && document.querySelectorAll('[data-testid="quote-item"]').length === c.quotes
      && document.querySelectorAll('[data-testid="claim-item"]').length === c.claims, shown);
    // The last claim: its item takes the keyboard's highlight there.
    await page.getByTestId('tab-claims').click();
    const item = page.getByTestId('claim-item').last();
    const id = await item.getAttribute('data-id');
    await item.click();
    await page.waitForFunction((c) => document.activeElement?.dataset?.layer === 'claim' && document.activeElement.dataset.id === c, id);
    const seen = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return { top: r.top, height: innerHeight };
    });
    assert.ok(seen.top >= 0 && seen.top < seen.height, `the highlight is on screen (${JSON.stringify(seen)})`);
  });
});

test('a long text draws its highlights from the top down in slices, every one of them', async () => {
  await withPage(async ({ page }) => {
    // Over 60,000 ranges (render.js SYNC_RANGES): drawn a window of text at a time.
    const text = Array.from({ length: 7000 }, () => ARTICLE).join('\n\n');
    const doc = JSON.parse(execFileSync(newslensBinary(), ['annotate', '--offsets', 'utf16'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 }));
    const want = doc.mentions.filter((m) => m.span.end > m.span.start).length
      + doc.mentions.filter((m) => doc.actors[m.actor].anonymous).length
      + doc.mentions.filter((m) => m.title).length + doc.quotes.length
      + doc.quotes.filter((q) => q.cue).length + doc.claims.filter((c) => c.content.end > c.content.start).length
      + doc.claims.length; // every claim has a cue
    assert.ok(want > 60000, `${want} ranges`);
    const size = () => [...CSS.highlights.values()].reduce((n, hl) => n + hl.size, 0);
    // How many ranges are drawn when the task that shows the result ends (the first slice).
    await page.evaluate(() => {
      globalThis.__early = new Promise((resolve, reject) => {
        const seen = new MutationObserver(() => {
          if (document.body.dataset.engine !== 'idle') return;
          seen.disconnect();
          try {
            resolve([...CSS.highlights.values()].reduce((n, hl) => n + hl.size, 0)); // before any timer runs
          } catch (e) {
            reject(e);
          }
        });
        seen.observe(document.body, { attributes: true, attributeFilter: ['data-engine'] });
      });
    });
    // The paste's own total: one that starts after the last one before the paste (the page
    // keeps only the latest, and a fast machine pastes within the first second).
    const lastTotal = () => performance.getEntriesByName('newslens:total').at(-1)?.startTime ?? -1;
    const before = await page.evaluate(lastTotal);
    await paste(page, text);
    const early = await page.evaluate(() => globalThis.__early, null);
    assert.ok(early > 0 && early < want, `${early} of ${want} ranges when the result is shown`);
    await page.waitForFunction((b) => (performance.getEntriesByName('newslens:total').at(-1)?.startTime ?? -1) > b,
      before, { timeout: 120_000 });
    // The last slices may still be on their way on a loaded machine: every range comes in the end.
    await page.waitForFunction((w) => [...CSS.highlights.values()].reduce((n, hl) => n + hl.size, 0) === w, want, { timeout: 60_000 })
      .catch(() => {});
    assert.equal(await page.evaluate(size), want);
  });
});

test('a long text is on screen while the engine works on it; its highlights then come on the same text', async () => {
  await withPage(async ({ page }) => {
    // Over 200,000 UTF-16 units (main.js PROGRESS_MIN): shown before its result.
    const text = Array.from({ length: 800 }, (_, i) => ARTICLE.replace(/Adeyemi/g, `Adeyemi${i}`)).join('\n\n');
    assert.ok(text.length > 200_000, `${text.length} units`);
    // What the article holds when the new text first appears in it (a mutation observer's
    // microtask: before any message from the worker can be handled).
    await page.evaluate((n) => {
      const article = document.querySelector('[data-testid="article"]');
      globalThis.__seen = new Promise((resolve) => {
        const seen = new MutationObserver(() => {
          if (article.textContent.length !== n) return;
          seen.disconnect();
          globalThis.__node = article.querySelector('.chunk')?.firstChild;
          resolve({
            engine: document.body.dataset.engine,
            ranges: [...CSS.highlights.values()].reduce((k, hl) => k + hl.size, 0),
            text: article.textContent,
          });
        });
        seen.observe(article, { childList: true });
      });
    }, text.length);
    await paste(page, text);
    const seen = await page.evaluate(() => globalThis.__seen);
    assert.equal(seen.engine, 'busy', 'shown while the engine works');
    assert.equal(seen.ranges, 0, 'the old text\'s highlights are gone');
    assert.ok(seen.text === text, 'the new text, as text');
    // The result adds the highlights to the text already there (the same text nodes).
    await page.waitForFunction(() => document.body.dataset.engine === 'idle'
      && [...CSS.highlights.values()].reduce((k, hl) => k + hl.size, 0) > 0);
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="article"] .chunk').firstChild === globalThis.__node), true);
    assert.equal(await page.getByTestId('article').textContent(), text);
    const doc = JSON.parse(execFileSync(newslensBinary(), ['annotate', '--offsets', 'utf16'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 }));
    // The lists come just after the highlights' frame (main.js run).
    const want = { actors: doc.actors.length, quotes: doc.quotes.length, claims: doc.claims.length };
    await page.waitForFunction((w) => ['actors', 'quotes', 'claims']
      .every((k) => Number(document.querySelector(`[data-testid="count-${k}"]`).textContent) === w[k]), want);
    assert.deepEqual(await counts(page), want);
    assert.equal((await highlights(page)).quote.length, doc.quotes.length);
    // Its words were counted by the page while it waited (not by the worker).
    assert.match(await page.getByTestId('stats').textContent(), new RegExp(`^${countWords(text).toLocaleString('en')} words · `));
  });
});
