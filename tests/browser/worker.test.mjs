// The engine runs in a Web Worker (www/js/engine-worker.js): while a long
// text is annotated the page keeps answering, a long text shows progress, an
// annotation still running when the text changes is abandoned (its worker
// terminated), and a result for an older text never replaces a newer one.
// A crash of the engine (a trap) is reported and the next text gets a fresh
// worker. These are responsiveness checks (the page's thread is never blocked for
// long while the engine works), not speed benchmarks.
//
// Needs: scripts/build-wasm.sh and `cargo build --release -p newslens-cli`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openSession } from './lib/session.mjs';
import { newslensBinary } from './lib/server.mjs';

/** Opens the page and waits until the sample is annotated. */
async function withPage(fn) {
  const s = await openSession();
  try {
    await s.page.goto(s.server.url);
    await s.page.waitForSelector('body[data-state="ready"]');
    // The final engine: the tagger module (pkg/tagger/), loaded after the first result.
    await s.page.waitForSelector('body[data-tagger="on"]');
    const result = await fn(s);
    assert.deepEqual(s.errors, [], 'uncaught errors in the page');
    return result;
  } finally {
    await s.close();
  }
}

const ARTICLE = 'Harbour Minister Olu Adeyemi said on Friday that the bridge would open in May.\n\n'
  + '"We are ahead of schedule," Adeyemi told reporters.';

/** The native engine's JSON for `text` (with the tagger, as the page once its tagger module is loaded). */
function engineJSON(text) {
  return JSON.parse(execFileSync(newslensBinary(), ['annotate'], { input: text, encoding: 'utf8' }));
}

/** Pastes text made in the page by `make` (a function body returning a string). */
function pasteMade(page, expr) {
  return page.evaluate((src) => {
    // eslint-disable-next-line no-new-func
    const t = new Function(`return ${src}`)();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return t.length;
  }, expr);
}

/**
 * Watches the page's thread while the engine works, for at most `ms`: the
 * longest gap between two timer ticks (a blocked thread shows as a long gap)
 * and how long it watched. It stops at the first tick that finds the engine
 * idle, without counting that tick's gap: drawing the result is not the
 * engine's work.
 */
function watchThread(page, ms) {
  return page.evaluate((span) => new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let worst = 0;
    const tick = () => {
      const now = performance.now();
      if (document.body.dataset.engine !== 'busy') return resolve({ worst, watched: last - start, engine: 'idle' });
      worst = Math.max(worst, now - last);
      last = now;
      if (now < start + span) setTimeout(tick, 10);
      else resolve({ worst, watched: now - start, engine: 'busy' });
    };
    setTimeout(tick, 10);
  }), ms);
}

// An adversarial text: a cue word repeated with no sentence end, 15.7 MB, so
// even a linear engine takes seconds on it (a few times the checks below).
const BIG = "'said '.repeat(3_300_000)";

/** "15.7 MB" for `units` UTF-16 units of ASCII, as the page says it. */
const mb = (units) => `${(units / 1048576).toFixed(1)} MB`;

test('the page answers while a long text is annotated, and shows progress', async () => {
  // The engine must still be working when the checks end: when it finishes
  // too soon (a faster engine), the same checks run again on a text twice as long.
  for (let repeat = 3_300_000; ; repeat *= 2) {
    const outcome = await withPage(async ({ page }) => {
      const length = await pasteMade(page, `'said '.repeat(${repeat})`);
      assert.equal(length, repeat * 5);

      // Progress: a spinner and the size, also said to screen readers (read
      // at once: the paste shows it before the engine gets the text).
      const shown = await page.evaluate(() => {
        const progress = document.querySelector('[data-testid="progress"]');
        return {
          visible: !progress.hidden, text: progress.textContent, spinners: progress.querySelectorAll('.spinner').length,
          status: document.querySelector('[data-testid="status"]').textContent,
        };
      });
      const label = `Annotating ${mb(length)}…`;
      if (!shown.visible) return 'too soon'; // the engine has finished already
      assert.match(shown.text, new RegExp(label));
      assert.equal(shown.spinners, 1);
      assert.match(shown.status, new RegExp(label));

      // A click handler runs at once: the quotes toggle answers while the engine works.
      const t0 = Date.now();
      const click = await page.evaluate(() => {
        const button = document.querySelector('[data-testid="toggle-quotes"]');
        const before = button.getAttribute('aria-pressed');
        button.click();
        return { before, after: button.getAttribute('aria-pressed'), engine: document.body.dataset.engine };
      });
      const roundTrip = Date.now() - t0;
      if (click.engine !== 'busy') return 'too soon';
      assert.deepEqual(click, { before: 'true', after: 'false', engine: 'busy' });
      assert.ok(roundTrip < 500, `the click took ${roundTrip} ms to run`);

      // The page's thread stays free while the worker works.
      const watch = await watchThread(page, 600);
      assert.ok(watch.worst < 200, `the page's thread was blocked for ${Math.round(watch.worst)} ms`);
      console.log(`${mb(length)}: worst gap ${Math.round(watch.worst)} ms over ${Math.round(watch.watched)} ms, click ${roundTrip} ms`);
      return watch.engine === 'busy' ? 'checked' : 'too soon';
    });
    if (outcome === 'checked') break;
    assert.ok(repeat < 26_400_000, 'the engine finished even a 126 MB text before the checks ended');
  }
});

test('a new text abandons the annotation still running; its result never shows', async () => {
  await withPage(async ({ page }) => {
    await pasteMade(page, BIG);
    await page.getByTestId('progress').waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.body.dataset.engine), 'busy');

    await pasteMade(page, JSON.stringify(ARTICLE));
    await page.waitForFunction((t) => document.querySelector('[data-testid="article"]').textContent === t, ARTICLE);
    const expected = engineJSON(ARTICLE);
    const counts = () => page.evaluate(() => ['actors', 'quotes', 'claims']
      .map((k) => Number(document.querySelector(`[data-testid="count-${k}"]`).textContent)));
    assert.deepEqual(await counts(), [expected.actors.length, expected.quotes.length, expected.claims.length]);
    assert.ok(await page.getByTestId('progress').isHidden());
    assert.equal(await page.evaluate(() => document.body.dataset.engine), 'idle');
    // The long run's worker was terminated, not left running in the background.
    const deadline = Date.now() + 5000;
    while (page.workers().length > 1 && Date.now() < deadline) await page.waitForTimeout(50);
    assert.equal(page.workers().length, 1, 'one engine worker');

    // Nothing later replaces the newer text.
    await page.waitForTimeout(1500);
    assert.equal(await page.getByTestId('article').textContent(), ARTICLE);
    assert.deepEqual(await counts(), [expected.actors.length, expected.quotes.length, expected.claims.length]);
    // The editor opens on the newer text too.
    await page.getByTestId('edit-toggle').click();
    assert.equal(await page.getByTestId('editor').inputValue(), ARTICLE);
  });
});

test('engine.js: the latest call wins; older ones reject as Superseded', async () => {
  await withPage(async ({ page }) => {
    const result = await page.evaluate(async () => {
      const engine = await import('/js/engine.js');
      const older = engine.annotate('"Yes," said Ann Lee. '.repeat(20_000));
      const newer = engine.annotate('"No," said Bob Smith.');
      const [a, b] = await Promise.allSettled([older, newer]);
      return {
        older: a.status === 'rejected' ? a.reason.name : 'resolved',
        newer: b.status === 'fulfilled' ? b.value.textLength : b.reason.message,
        version: await engine.version(),
      };
    });
    assert.deepEqual({ older: result.older, newer: result.newer }, { older: 'Superseded', newer: 21 });
    assert.match(result.version, /\d+\.\d+/);
  });
});

test('an engine crash is reported and the next text gets a fresh engine', async () => {
  // A stand-in for the WASM glue whose annotate traps (as a Rust panic does
  // with panic=abort) on texts holding CRASH.
  const fake = `
export default async function init() {}
export function version() { return 'fake'; }
export function annotate(text) {
  if (text.includes('CRASH')) throw new WebAssembly.RuntimeError('unreachable');
  return { version: 1, offsets: 'utf16', textLength: text.length, actors: [], mentions: [], quotes: [], claims: [] };
}`;
  const s = await openSession();
  try {
    // Both modules' glue: the core's (pkg/) and the tagger's (pkg/tagger/).
    await s.context.route(/\/pkg\/(tagger\/)?newslens_wasm\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: fake }));
    await s.page.goto(s.server.url);
    await s.page.waitForSelector('body[data-state="ready"]');
    await s.page.waitForSelector('body[data-tagger="on"]');
    const { page } = s;
    await pasteMade(page, JSON.stringify('A text with CRASH in it.'));
    const error = page.getByTestId('error');
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /engine crashed on this text .*unreachable.* It has been restarted/);
    assert.equal(await page.getByTestId('article').textContent(), 'A text with CRASH in it.');

    await pasteMade(page, JSON.stringify('A fine text.'));
    await page.waitForFunction(() => document.querySelector('[data-testid="article"]').textContent === 'A fine text.');
    assert.ok(await error.isHidden());
    assert.equal(page.workers().length, 1, 'the crashed worker is gone');
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});
