// The browser extension, loaded unpacked into headless Chromium (Debian's
// /usr/bin/chromium through playwright-core), on realistic news pages served
// from 127.0.0.1 (tests/browser/pages/).
//
// How a toolbar click is made: the CDP command Extensions.triggerAction (on a
// browser-level session; Chromium needs --enable-unsafe-extension-debugging)
// runs the extension's action on a tab exactly as a click does, activeTab
// grant included. Nothing is granted any other way: the extension has no host
// permissions. The test then waits in the service worker for the promise of
// that click's work (`newslens.lastClick`). The element fallback is reached
// through the same `toggle` function (`newslens.toggle(tab, "element")`)
// after a real click has granted activeTab for the tab.
//
// Run: scripts/build-extension.sh && node --test tests/browser/extension.test.mjs
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchPersistent } from "./lib/browser.mjs";
import { guardRequests } from "./lib/guard.mjs";
import { servePages, textPoint } from "./lib/pages.mjs";
import { newslensBinary } from "./lib/server.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const EXT = join(ROOT, "target/extension/chromium");
const T = { timeout: 90_000 };
let marksFor; // from the built tree: marks.js imports the page's js/render.js

let server;
let origin;
let context;
let profile;
let cdp;
let extId;
let guard;
const served = []; // every request the page server saw
const requested = []; // every request the browser made

function serve() {
  return servePages({ onRequest: (req) => served.push({ url: req.url, host: req.headers.host }) });
}

async function worker() {
  const find = () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extId}/`));
  return find() || context.waitForEvent("serviceworker", { predicate: (w) => w.url().startsWith(`chrome-extension://${extId}/`) });
}

const openPages = new Set();

async function open(name, viewport = { width: 1100, height: 800 }) {
  const page = await context.newPage();
  openPages.add(page);
  page.on("close", () => openPages.delete(page));
  await page.setViewportSize(viewport);
  // A query string keeps tabs apart (each test finds its tab by URL).
  await page.goto(`${origin}/${name}.html?t=${Math.random().toString(36).slice(2)}`);
  return page;
}

/**
 * A toolbar click on `page`'s tab; resolves to the TabState it produced, once
 * the tagger's engine has refined it (`settle: false`: the click's first
 * state, the core's result when the tagger's engine is not loaded yet).
 */
async function click(page, { settle = true } = {}) {
  await page.bringToFront(); // a person clicks the button of the tab in front
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  assert.ok(tab, `no tab target for ${page.url()}`);
  const sw = await worker();
  const before = await sw.evaluate(() => globalThis.newslens.clicks);
  await cdp.send("Extensions.triggerAction", { id: extId, targetId: tab.targetId });
  return sw.evaluate(async ([n, settle]) => {
    const deadline = Date.now() + 30_000;
    while (globalThis.newslens.clicks === n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const first = await globalThis.newslens.lastClick;
    if (!settle || !first) return first;
    await globalThis.newslens.taggerSettled();
    return globalThis.newslens.states.get(first.tabId) || first;
  }, [before, settle]);
}

/** The CLI's document for `text` (UTF-16 offsets): the tagger's, or with `rules` the core's (`--rules`). */
function cliDoc(text, { rules = false } = {}) {
  const args = ["annotate", ...(rules ? ["--rules"] : []), "--offsets", "utf16"];
  return JSON.parse(execFileSync(newslensBinary(), args, { input: text, encoding: "utf8" }));
}

const html = (page) => page.evaluate(() => document.documentElement.outerHTML);
const squash = (s) => s.replace(/\s+/g, " ").trim();
/** Compares drawn text with engine text: no whitespace, no quotation marks a <q> adds. */
const bare = (s) => s.replace(/[\s\u201c\u201d\u2018\u2019]+/g, "");

/** Every Custom Highlight range on the page, in the page's own world. */
function drawnRanges(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("newslens-")) continue;
      for (const r of h) {
        const el = r.startContainer.parentElement;
        out.push({
          layer: name.slice("newslens-".length),
          text: r.toString(),
          sameNode: r.startContainer === r.endContainer && r.startContainer.nodeType === 3,
          inArticle: !!el.closest("article"),
          furniture: el.closest("nav, aside, footer, header, form, .comments, .ad, .ad-break, .related, .most-read, .ticker, .sidebar")?.className ?? null,
        });
      }
    }
    return out;
  });
}

/** The expected drawing of a document: per layer, the marks' text in order. */
function expectedByLayer(text, doc) {
  const by = {};
  for (const m of marksFor(text, doc)) (by[m.layer] ??= []).push(text.slice(m.start, m.end));
  return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, bare(v.join(""))]));
}

function drawnByLayer(ranges) {
  const by = {};
  for (const r of ranges) (by[r.layer] ??= []).push(r.text);
  return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, bare(v.join(""))]));
}

/**
 * The element with `id` inside newslens' closed shadow root (<newslens-tip>),
 * read through CDP, which pierces closed roots: its computed display and its
 * text; null when absent.
 */
async function closedPart(page, id) {
  const s = await context.newCDPSession(page);
  try {
    await s.send("DOM.enable");
    await s.send("CSS.enable");
    const { root } = await s.send("DOM.getDocument", { depth: -1, pierce: true });
    let found = null;
    const visit = (n, inTip) => {
      if (found) return;
      const attrs = n.attributes || [];
      const tip = inTip || n.localName === "newslens-tip";
      for (let i = 0; i < attrs.length; i += 2) if (inTip && attrs[i] === "id" && attrs[i + 1] === id) found = n;
      for (const c of [...(n.shadowRoots || []), ...(n.children || [])]) visit(c, tip);
    };
    visit(root, false);
    if (!found) return null;
    const text = [];
    const collect = (n) => {
      if (n.nodeType === 3) text.push(n.nodeValue);
      for (const c of n.children || []) collect(c);
    };
    collect(found);
    const { computedStyle } = await s.send("CSS.getComputedStyleForNode", { nodeId: found.nodeId });
    return { display: computedStyle.find((p) => p.name === "display").value, text: text.join(" ") };
  } finally {
    await s.detach();
  }
}

/** Waits until closedPart(page, id) passes `check`. */
async function waitClosed(page, id, check, ms = 5000) {
  const t0 = Date.now();
  for (;;) {
    const part = await closedPart(page, id);
    if (check(part)) return part;
    if (Date.now() - t0 > ms) assert.fail(`newslens-tip #${id}: ${JSON.stringify(part)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends synthetic marks to the tab's content script (the APPLY the background sends). */
async function applyMarks(tabId, marks, mode = "auto") {
  const sw = await worker();
  return sw.evaluate(([tabId, marks, mode]) => chrome.tabs.sendMessage(tabId, { type: "newslens:apply", marks, mode }, { frameId: 0 }), [tabId, marks, mode]);
}

function spanOf(text, phrase, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  assert.ok(at >= 0, `extracted text lacks ${JSON.stringify(phrase)}`);
  return { start: at, end: at + phrase.length };
}

// What each fixture's article must contain, and what around it must not
// reach the engine (navigation, ads, related boxes, comments, footer).
const FIXTURES = {
  plain: {
    paragraphs: 10,
    headline: "Dock workers in Calder vote to extend strike as talks stall",
    include: ["CALDER — Dock workers at the Port of Calder", "said Ines Marchetti, who chairs the Calder Dockers’ Union.", "“It is a fair offer,” Lindgren said on Thursday.", "keep the passenger terminal open."],
    exclude: [],
    probes: [["Ines Marchetti"], ["every crane had passed inspection this spring"], ["Dockers’ Union. She said that"]],
  },
  cluttered: {
    paragraphs: 8,
    headline: "Riverside council approves flood barrier after heated debate",
    include: ["WESTFORD — The Riverside district council voted", "The plan passed by 23 votes to 18.", "“We cannot ask families", "Opposition councillors warned", "Brandt denied that any report", "said Yusuf Demir, who runs a bakery on Mill Lane.", "within six months."],
    exclude: ["Piet Verhoeven", "Bruno Castell", "Clara Moss", "Sunvale", "Kestrel", "Omar Reyes", "Hal Osterman", "Gregor Nyman", "vanity project", "Lotte Haines", "Wait until the bill", "Ingrid Solberg", "Marguerite Olsen", "Subscribe", "Most read", "Sign up", "Related stories", "Weather", "Tomasz Wierzbicki"],
    probes: [["Agnieszka Brandt"], ["the next fifty years.”\n\nOpposition councillors warned"]],
  },
  inline: {
    paragraphs: 9,
    headline: "Ferry operator fined over storm sailing",
    include: [
      "A maritime court in Nordvik fined the ferry operator Skarvline 2.4 million kroner",
      "said Zoë Ødegård, the prosecutor,",
      "The ship, the Havørn, left port",
      "Skarvline’s chief executive, Henrik\u00a0Aas, denied",
      "“Our captains decide when to sail. Always. 🌊”",
      "“Safety is not a line in a budget,”\nsaid a passenger who asked not to be named,\n“and everyone on that deck knew it.”",
      "Its leader, Kari Lunde, said the ruling sent a clear message to the whole industry: “no timetable is worth a life”.",
      "The court ordered Skarvline to pay",
    ],
    exclude: ["SHARE THIS", "__inlineArticleScript", "this text is code"],
    probes: [
      ["A maritime court"],
      ["Skarvline"],
      ["Zoë Ødegård"],
      ["Always. 🌊"],
      ["Henrik\u00a0Aas"],
      ["The ship, the Havørn"],
      ["Skarvline to pay"],
      ["“no timetable is worth a life”", "no timetable is worth a life"],
    ],
  },
  "strict-csp": {
    paragraphs: 7,
    headline: "Library funding restored after readers’ petition",
    include: ["EASTHAVEN — The city will keep all five", "said Deputy Mayor Felix Harrow", "“populism dressed up as principle”"],
    exclude: ["Easthaven Post", "Letters to the editor", "Culture"],
    probes: [["Felix Harrow"], ["Priya Raman, warned that the money"]],
  },
};

// A failed test must not leave its tab (and its highlights) behind.
afterEach(async () => {
  for (const p of [...openPages]) await p.close();
});

before(async () => {
  if (!existsSync(join(EXT, "manifest.json"))) {
    execFileSync(join(ROOT, "scripts/build-extension.sh"), { cwd: ROOT, stdio: "inherit" });
  }
  ({ marksFor } = await import(join(EXT, "marks.js")));
  server = await serve();
  origin = server.origin;
  profile = mkdtempSync(join(tmpdir(), "newslens-ext-"));
  // The shared launcher adds this machine's flags and a host resolver that
  // knows only 127.0.0.1; the guard blocks and records any other host.
  context = await launchPersistent(profile, {
    args: ["--enable-unsafe-extension-debugging", `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  guard = await guardRequests(context);
  context.on("request", (r) => requested.push(r.url()));
  const sw = context.serviceWorkers()[0] || (await context.waitForEvent("serviceworker"));
  extId = new URL(sw.url()).host;
  cdp = await context.browser().newBrowserCDPSession();
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("extension package", () => {
  test("manifests ask for no host access and allow WASM only in extension pages", () => {
    const chromiumManifest = JSON.parse(readFileSync(join(EXT, "manifest.json"), "utf8"));
    const firefoxManifest = JSON.parse(readFileSync(join(ROOT, "target/extension/firefox/manifest.json"), "utf8"));
    for (const m of [chromiumManifest, firefoxManifest]) {
      assert.equal(m.manifest_version, 3);
      for (const key of ["host_permissions", "optional_host_permissions", "content_scripts", "web_accessible_resources"]) assert.ok(!(key in m), key);
      assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    }
    assert.deepEqual(chromiumManifest.permissions, ["activeTab", "scripting", "sidePanel", "contextMenus"]);
    assert.deepEqual(chromiumManifest.background, { service_worker: "background.js", type: "module" });
    assert.equal(chromiumManifest.side_panel.default_path, "sidepanel.html");
    assert.ok(!("browser_specific_settings" in chromiumManifest));
    assert.deepEqual(firefoxManifest.permissions, ["activeTab", "scripting", "contextMenus"]);
    assert.deepEqual(firefoxManifest.background, { scripts: ["background.js"], type: "module" });
    assert.equal(firefoxManifest.sidebar_action.default_panel, "sidepanel.html");
    assert.match(firefoxManifest.browser_specific_settings.gecko.id, /@/);
    for (const b of ["chromium", "firefox"]) {
      const tree = join(ROOT, "target/extension", b);
      for (const f of ["pkg/newslens_wasm.js", "pkg/newslens_wasm_bg.wasm", "pkg/tagger/newslens_wasm.js", "pkg/tagger/newslens_wasm_bg.wasm", "vendor/Readability.js", "content.js", "sidepanel.html"]) {
        assert.ok(existsSync(join(tree, f)), `${b}: ${f}`);
      }
      assert.ok(existsSync(join(ROOT, `dist/newslens-${b}.zip`)), `dist/newslens-${b}.zip`);
    }
  });

  // The content script is plain scripts sharing globalThis.__newslensContent
  // (NL), injected in the order of background.js' CONTENT_FILES: a part may
  // read at load time only what an earlier part defined.
  test("every content script part is injected, after the parts it reads at load time", () => {
    for (const b of ["chromium", "firefox"]) {
      const tree = join(ROOT, "target/extension", b);
      const list = readFileSync(join(tree, "background.js"), "utf8").match(/const CONTENT_FILES = \[([^\]]*)\]/);
      assert.ok(list, `${b}: CONTENT_FILES in background.js`);
      const files = [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      for (const f of files) assert.ok(existsSync(join(tree, f)), `${b}: ${f} is injected but not in the tree`);
      assert.equal(new Set(files).size, files.length, `${b}: a file is injected twice`);
      const parts = files.filter((f) => f === "content.js" || f.startsWith("content/"));
      const shipped = ["content.js", ...readdirSync(join(tree, "content")).map((f) => `content/${f}`)];
      assert.deepEqual([...parts].sort(), shipped.sort(), `${b}: content/*.js shipped but not injected, or the reverse`);

      const defined = new Set(); // what earlier files put in NL ("NL" itself once created)
      const everything = new Set(); // what any part puts in NL
      const reads = []; // [file, name] for every NL.name a part reads at any time
      for (const f of files) {
        const src = readFileSync(join(tree, f), "utf8");
        if (f === "protocol.js") defined.add("NewsLensProtocol");
        if (!parts.includes(f)) continue;
        if (/const P = globalThis\.NewsLensProtocol;/.test(src)) assert.ok(defined.has("NewsLensProtocol"), `${f} reads NewsLensProtocol before protocol.js`);
        const creates = /const NL = \(globalThis\.__newslensContent \?\?= \{\}\);/.test(src);
        assert.ok(creates || /const NL = globalThis\.__newslensContent;/.test(src), `${f}: no namespace`);
        if (!creates) assert.ok(defined.has("NL"), `${f} reads the namespace before a part creates it`);
        defined.add("NL");
        // Load-time reads: destructuring at the top of the file's IIFE.
        for (const m of src.matchAll(/^  const \{([^}]+)\} = NL;$/gm)) {
          for (const name of m[1].split(",").map((x) => x.trim())) assert.ok(defined.has(name), `${f} reads NL.${name} before any part defines it`);
        }
        const own = [...src.matchAll(/\bNL\.(\w+) =(?!=)/g)].map((m) => m[1]);
        for (const m of src.matchAll(/Object\.assign\(NL, \{([^}]+)\}\)/g)) own.push(...m[1].split(",").map((x) => x.trim()));
        for (const name of own) {
          defined.add(name);
          everything.add(name);
        }
        for (const m of src.matchAll(/\bNL\.(\w+)/g)) reads.push([f, m[1]]);
        for (const m of src.matchAll(/const \{([^{}]+)\} = NL;/g)) for (const name of m[1].split(",")) reads.push([f, name.trim()]);
      }
      for (const [f, name] of reads) assert.ok(everything.has(name), `${f} reads NL.${name}, which no part defines`);
      // background.js injects nothing more once NL.ready is set: only the last part may set it.
      const setsReady = parts.filter((f) => /\bNL\.ready = true;/.test(readFileSync(join(tree, f), "utf8")));
      assert.deepEqual(setsReady, [files[files.length - 1]], `${b}: NL.ready must be set by the last injected file only`);
    }
  });

  test("the engine runs in the service worker", T, async () => {
    const sw = await worker();
    const doc = await sw.evaluate(() => globalThis.newslens.annotateText("“We will rebuild the bridge,” the mayor said."));
    assert.equal(doc.version, 1);
    assert.equal(doc.offsets, "utf16");
    assert.equal(doc.textLength, "“We will rebuild the bridge,” the mayor said.".length);
  });
});

// Before any other click: the worker has not loaded the tagger's engine yet.
describe("the learned tagger's engine (pkg/tagger/)", () => {
  test("the first result is the core's (--rules); the tagger's engine then refines the actor types on the page", T, async () => {
    const page = await open("tagger");
    const first = await click(page, { settle: false });
    assert.equal(first.status, "done", first.error);
    const rules = cliDoc(first.text, { rules: true });
    const tagged = cliDoc(first.text);
    assert.notDeepEqual(rules.actors, tagged.actors, "the page tells the two engines apart");
    assert.equal(first.tagger, false);
    assert.deepEqual(first.doc, rules);

    const sw = await worker();
    assert.equal(await sw.evaluate(() => globalThis.newslens.taggerSettled()), true);
    const state = await sw.evaluate((id) => globalThis.newslens.states.get(id), first.tabId);
    assert.equal(state.status, "done");
    assert.equal(state.tagger, true);
    assert.equal(state.refined, true);
    assert.deepEqual(state.doc, tagged);
    // Redrawn: the page's marks are the tagger's.
    assert.deepEqual(drawnByLayer(await drawnRanges(page)), expectedByLayer(first.text, tagged));
    assert.notDeepEqual(expectedByLayer(first.text, rules), expectedByLayer(first.text, tagged));
    // The panel lists the tagger's actors and says they were refined.
    const panel = await context.newPage();
    openPages.add(panel);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${first.tabId}`);
    await panel.waitForSelector("#results:not([hidden])");
    assert.equal(await panel.getByTestId("actor-item").count(), tagged.actors.length);
    assert.match(await panel.locator("#status").textContent(), /Actor types refined\./);
    await panel.close();

    // Later annotations use the tagger's engine at once.
    assert.equal((await click(page)).status, "idle");
    const again = await click(page, { settle: false });
    assert.equal(again.tagger, true);
    assert.deepEqual(again.doc, tagged);
    await click(page);
  });

  test("without the tagger's asset the rules result stays, quietly", T, async () => {
    // A copy of the extension without pkg/tagger/newslens_wasm_bg.wasm, in a browser of its own.
    const dir = mkdtempSync(join(tmpdir(), "newslens-ext-notagger-"));
    const ext = join(dir, "ext");
    cpSync(EXT, ext, { recursive: true });
    rmSync(join(ext, "pkg/tagger/newslens_wasm_bg.wasm"));
    const saved = { context, extId, cdp };
    try {
      context = await launchPersistent(join(dir, "profile"), {
        args: ["--enable-unsafe-extension-debugging", `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
      });
      const sw = context.serviceWorkers()[0] || (await context.waitForEvent("serviceworker"));
      extId = new URL(sw.url()).host;
      cdp = await context.browser().newBrowserCDPSession();
      const page = await open("tagger");
      const first = await click(page, { settle: false });
      assert.equal(first.status, "done", first.error);
      assert.equal(await sw.evaluate(() => globalThis.newslens.taggerSettled()), false);
      const state = await sw.evaluate((id) => globalThis.newslens.states.get(id), first.tabId);
      assert.equal(state.status, "done");
      assert.equal(state.error, "");
      assert.equal(state.tagger, false);
      assert.equal(state.refined, false);
      assert.deepEqual(state.doc, cliDoc(first.text, { rules: true }));
      assert.deepEqual(drawnByLayer(await drawnRanges(page)), expectedByLayer(first.text, state.doc));
      await page.close();
    } finally {
      await context.close();
      ({ context, extId, cdp } = saved);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("highlighting the article in place", () => {
  for (const [name, fx] of Object.entries(FIXTURES)) {
    test(`${name}: engine text is the article only, highlights match the engine, removal restores the DOM`, T, async () => {
      const page = await open(name);
      const before = await html(page);
      await page.evaluate(() => {
        // A page script's own reference to one of its text nodes.
        window.__probeNode = document.querySelector("article p:nth-of-type(3)").firstChild;
        window.__probeData = window.__probeNode.data;
      });

      const on = await click(page);
      assert.equal(on.status, "done", on.error);
      assert.equal(on.source, "page");
      assert.equal(on.mode, "highlight");
      const text = on.text;
      for (const s of fx.include) assert.ok(text.includes(s), `article text lacks ${JSON.stringify(s)}`);
      for (const s of fx.exclude) assert.ok(!text.includes(s), `article text holds page furniture ${JSON.stringify(s)}`);
      assert.equal(text.split("\n\n").length, fx.paragraphs, "one blank line between paragraphs");
      assert.equal(text.split("\n\n")[0], fx.headline, "the headline comes first");
      assert.doesNotMatch(text, /[ \t]{2}|^\s|\s$/, "whitespace collapsed as rendered");

      // What was drawn is what the engine returns for that text.
      const sw = await worker();
      const again = await sw.evaluate((t) => globalThis.newslens.annotateText(t), text);
      assert.deepEqual(on.doc, again);
      const marks = marksFor(text, on.doc);
      assert.equal(on.drawn, marks.length);
      assert.equal(on.skipped, 0);
      const ranges = await drawnRanges(page);
      assert.deepEqual(drawnByLayer(ranges), expectedByLayer(text, on.doc));
      for (const r of ranges) {
        assert.ok(r.sameNode, "one range per text node");
        assert.ok(r.inArticle && !r.furniture, `highlight outside the article: ${JSON.stringify(r)}`);
      }
      // Custom Highlights change nothing in the DOM; the one element added is
      // newslens' own legend host (closed shadow root), last in <html>.
      const during = await html(page);
      assert.match(during, /<newslens-tip [^>]*><\/newslens-tip><\/html>$/);
      assert.equal(during.replace(/<newslens-tip [^>]*><\/newslens-tip>/, ""), before, "Custom Highlights change nothing in the DOM");

      // Offsets map back to the exact words, across inline elements, hidden
      // text, entities and astral characters.
      for (const [phrase, drawnText = phrase, nth = 0] of fx.probes) {
        const res = await applyMarks(on.tabId, [{ ...spanOf(text, phrase, nth), layer: "quote", label: "probe" }]);
        assert.equal(res.ok, true, res.error);
        const got = await drawnRanges(page);
        assert.equal(got.map((r) => r.text).join("").replace(/\s+/g, ""), drawnText.replace(/\s+/g, ""), phrase);
        for (const r of got) assert.ok(r.inArticle && !r.furniture, `${phrase}: drawn on ${r.furniture}`);
      }

      const off = await click(page);
      assert.equal(off.status, "idle");
      assert.equal(await html(page), before, "DOM identical after removal");
      assert.equal(await page.evaluate(() => [...CSS.highlights.keys()].length), 0);
      assert.ok(await page.evaluate(() => window.__probeNode.isConnected && window.__probeNode.data === window.__probeData));
      await page.close();
    });
  }

  test("inline: the <newslens-mark> fallback wraps the same words and unwraps to the original nodes", T, async () => {
    const page = await open("inline");
    const before = await html(page);
    await page.evaluate(() => {
      window.__nodes = [...document.querySelectorAll("article p")].map((p) => [...p.childNodes]);
    });
    assert.equal((await click(page)).status, "done"); // grants activeTab
    assert.equal((await click(page)).status, "idle");
    const sw = await worker();
    const tabId = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0].id);
    const on = await sw.evaluate(async (id) => globalThis.newslens.toggle(await chrome.tabs.get(id), "element"), tabId);
    assert.equal(on.status, "done", on.error);
    assert.equal(on.mode, "element");
    const marks = marksFor(on.text, on.doc);
    assert.equal(await page.evaluate(() => document.querySelectorAll("newslens-mark").length > 0), marks.length > 0);

    // Overlapping marks of three layers, across inline elements.
    const probes = [
      { ...spanOf(on.text, "said Zoë Ødegård, the prosecutor"), layer: "claim", label: "claim probe" },
      { ...spanOf(on.text, "Zoë Ødegård"), layer: "person", label: "person probe" },
      { ...spanOf(on.text, "“The captain was told to sail by people sitting in an office,”"), layer: "quote", label: "quote probe" },
      { ...spanOf(on.text, "Always. 🌊"), layer: "quote", label: "emoji probe" },
    ];
    const res = await applyMarks(tabId, probes, "element");
    assert.equal(res.ok, true, res.error);
    assert.equal(res.mode, "element");
    assert.equal(res.drawn, probes.length);
    const wrapped = await page.evaluate(() =>
      [...document.querySelectorAll("newslens-mark")].map((m) => ({ layers: m.getAttribute("data-nl"), text: m.textContent, nested: !!m.querySelector("newslens-mark") })),
    );
    assert.ok(wrapped.every((w) => !w.nested), "one wrapper per piece, never nested");
    for (const p of probes) {
      const got = wrapped.filter((w) => w.layers.split(" ").includes(p.layer)).map((w) => w.text).join("");
      assert.ok(squash(got).includes(squash(on.text.slice(p.start, p.end))), `${p.layer}: ${got}`);
    }
    assert.equal(squash(wrapped.filter((w) => w.layers.includes("person")).map((w) => w.text).join("")), "Zoë Ødegård");
    assert.equal(squash(wrapped.filter((w) => w.layers.includes("claim")).map((w) => w.text).join("")), "said Zoë Ødegård, the prosecutor");

    // Hover shows the tooltip (in the host's closed shadow root).
    const box = await page.locator("newslens-mark[data-nl~=person]").first().boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    assert.equal(await page.evaluate(() => document.querySelector("newslens-tip").shadowRoot), null, "closed shadow root");
    await waitClosed(page, "tip", (t) => t && t.display === "block" && t.text.includes("person probe"));

    const off = await click(page);
    assert.equal(off.status, "idle");
    assert.equal(await html(page), before, "DOM identical after unwrapping");
    assert.ok(
      await page.evaluate(() => {
        const now = [...document.querySelectorAll("article p")].map((p) => [...p.childNodes]);
        return now.length === window.__nodes.length && now.every((kids, i) => kids.length === window.__nodes[i].length && kids.every((k, j) => k === window.__nodes[i][j]));
      }),
      "the page keeps its own node objects",
    );
    await page.close();
  });

  test("strict CSP page: highlights and the hover tooltip work, nothing loads", T, async () => {
    const page = await open("strict-csp");
    const cspErrors = [];
    page.on("console", (m) => /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    await applyMarks(on.tabId, [{ ...spanOf(on.text, "Felix Harrow"), layer: "person", label: "Actor: Felix Harrow" }]);
    const rect = await page.evaluate(textPoint, "Felix Harrow");
    await page.mouse.move(rect.x, rect.y);
    await waitClosed(page, "tip", (t) => t && t.display === "block" && t.text.includes("Actor: Felix Harrow"));
    assert.equal((await closedPart(page, "legend-panel")).display, "flex", "the legend, styled under a strict CSP");
    await page.mouse.move(5, 5);
    await waitClosed(page, "tip", (t) => t && t.display === "none");
    assert.equal((await click(page)).status, "idle");
    assert.equal(await page.evaluate(() => document.querySelector("newslens-tip")), null);
    assert.deepEqual(cspErrors, []);
    await page.close();
  });
});

/** The page's HTML with every open shadow root in it (nested ones too). */
const flatHTML = (page) =>
  page.evaluate(() => {
    const roots = [];
    const visit = (n) => {
      for (const c of n.children) {
        if (c.shadowRoot) {
          roots.push(c.shadowRoot);
          visit(c.shadowRoot);
        }
        visit(c);
      }
    };
    visit(document.documentElement);
    return document.documentElement.getHTML({ shadowRoots: roots }) + roots.map((r) => r.adoptedStyleSheets.length).join(",");
  });

/** Every Custom Highlight range, with the tree it lies in (open shadow roots). */
function rangesWithRoots(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("newslens-")) continue;
      for (const r of h) {
        const root = r.startContainer.getRootNode();
        out.push({ layer: name.slice("newslens-".length), text: r.toString(), inShadow: root instanceof ShadowRoot, host: root.host ? root.host.localName : null });
      }
    }
    return out;
  });
}

describe("shadow DOM", () => {
  test("an article inside nested open shadow roots is read, marked there, and restored byte for byte", T, async () => {
    const page = await open("shadow");
    const before = await flatHTML(page);
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    const text = on.text;
    assert.equal(text.split("\n\n")[0], "Marlow Bay ferry link to close for a month of repairs", "the headline, in the shadow root, comes first");
    for (const s of ["MARLOW BAY — The ferry between Marlow Bay", "“Nobody will be stranded.”", "said Maeve Ostrander", "islanders with medical appointments would travel free."]) {
      assert.ok(text.includes(s), `article text lacks ${JSON.stringify(s)}`);
    }
    for (const s of ["Trending", "Budget", "Heatwave", "Dorit Lamm", "Coastline Gazette", "All rights reserved"]) assert.ok(!text.includes(s), `article text holds ${JSON.stringify(s)}`);
    assert.ok(on.doc.quotes.length >= 2, "the story's quotes are found");
    const ranges = await rangesWithRoots(page);
    assert.ok(ranges.length > 0);
    assert.deepEqual(drawnByLayer(ranges), expectedByLayer(text, on.doc));
    for (const r of ranges) assert.ok(r.inShadow, `highlight outside the shadow story: ${JSON.stringify(r)}`);
    assert.ok(ranges.some((r) => r.layer === "quote" && r.host === "story-body"), "quotes drawn in the nested shadow root");
    // The highlight styles reach into the shadow roots.
    const styled = await page.evaluate(() => {
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      return getComputedStyle(body.querySelector("p"), "::highlight(newslens-quote)").backgroundColor;
    });
    assert.equal(styled, "rgba(86, 180, 233, 0.28)");
    // Hovering a highlighted quote inside the nested root shows its tooltip.
    const at = await page.evaluate(() => {
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      const n = [...body.querySelectorAll("p")].find((p) => p.textContent.includes("Nobody will be stranded")).firstChild;
      const i = n.data.indexOf("rather close");
      const r = document.createRange();
      r.setStart(n, i + 1);
      r.setEnd(n, i + 2);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    });
    await page.mouse.move(at.x, at.y);
    await waitClosed(page, "tip", (t) => t && t.display === "block" && /quote/i.test(t.text));
    await page.mouse.move(2, 2);
    // Offsets map back exactly inside the nested root.
    for (const phrase of ["Rosalind Achterberg", "Finn Calloway, who runs the island’s only grocery"]) {
      const res = await applyMarks(on.tabId, [{ ...spanOf(text, phrase), layer: "person", label: "probe" }]);
      assert.equal(res.ok, true, res.error);
      const got = await rangesWithRoots(page);
      assert.equal(got.map((r) => r.text).join(""), phrase);
      assert.ok(got.every((r) => r.host === "story-body"));
    }
    assert.equal((await click(page)).status, "idle");
    assert.equal(await flatHTML(page), before, "page and shadow roots identical after removal");

    // The <newslens-mark> fallback wraps inside the shadow roots and unwraps.
    const sw = await worker();
    const el = await sw.evaluate(async (id) => globalThis.newslens.toggle(await chrome.tabs.get(id), "element"), on.tabId);
    assert.equal(el.status, "done", el.error);
    const wrapped = await page.evaluate(() => {
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      return { inBody: body.querySelectorAll("newslens-mark").length, outside: document.querySelectorAll("newslens-mark").length };
    });
    assert.ok(wrapped.inBody > 0);
    assert.equal(wrapped.outside, 0);
    // Hovering a wrapper inside the shadow root shows the tooltip.
    const box = await page.evaluate(() => {
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      const r = body.querySelector("newslens-mark").getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await page.mouse.move(box.x, box.y);
    await waitClosed(page, "tip", (t) => t && t.display === "block");
    assert.equal((await click(page)).status, "idle");
    assert.equal(await flatHTML(page), before, "identical after unwrapping in the shadow roots");
    await page.close();
  });
});

describe("boxes inside the story", () => {
  test("related, read-more, newsletter and most-read boxes are not article text; a selection through one says so", T, async () => {
    const page = await open("boxes");
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    const text = on.text;
    for (const s of ["TIDEWATER — Fishing boats", "“The tolls pay for it, or nobody does.”", "Wendell Oakes, who fishes for crab", "Its treasurer, Philippa Stroud,", "The trust will review the tolls again next spring."]) {
      assert.ok(text.includes(s), `article text lacks ${JSON.stringify(s)}`);
    }
    for (const s of ["More on this story", "We were never consulted", "Elspeth Quarry", "Storm damage", "Read more", "Crab prices", "newsletter", "Ansel Brightwater", "before my coffee", "Email", "Most read", "Otto Brenning", "never be built"]) {
      assert.ok(!text.includes(s), `article text holds box text ${JSON.stringify(s)}`);
    }
    for (const q of on.doc.quotes) assert.ok(!/never consulted|before my coffee|never be built/.test(text.slice(q.span.start, q.span.end)));
    const ranges = await page.evaluate(() => {
      const out = [];
      for (const [name, h] of CSS.highlights) for (const r of h) out.push({ name, box: !!r.startContainer.parentElement.closest(".card, .box, .panel, p:has(strong)") });
      return out;
    });
    assert.ok(ranges.length > 0);
    assert.deepEqual(ranges.filter((r) => r.box), [], "nothing drawn in a box");
    assert.match(on.notice, /“Read more”, “Sign up for the Tidewater Morning newsletter”, “Most read”/);
    assert.equal((await click(page)).status, "idle");

    // A selection from the second paragraph to the fourth runs through "More on this story".
    const sw = await worker();
    const select = (from, to) =>
      page.evaluate(([from, to]) => {
        const ps = [...document.querySelectorAll(".body > p")];
        const r = document.createRange();
        r.setStartBefore(ps[from]);
        r.setEndAfter(ps[to]);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
      }, [from, to]);
    await select(1, 2);
    const through = await sw.evaluate(async (id) => globalThis.newslens.annotateSelection(await chrome.tabs.get(id), ""), on.tabId);
    assert.equal(through.status, "done", through.error);
    assert.match(through.text, /We were never consulted/);
    assert.match(through.notice, /selection includes a box .*“More on this story”/);
    await select(2, 2);
    const clean = await sw.evaluate(async (id) => globalThis.newslens.annotateSelection(await chrome.tabs.get(id), ""), on.tabId);
    assert.equal(clean.status, "done", clean.error);
    assert.equal(clean.notice, "");
    const panel = await context.newPage();
    openPages.add(panel);
    await select(4, 5);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${on.tabId}`);
    await sw.evaluate(async (id) => globalThis.newslens.annotateSelection(await chrome.tabs.get(id), ""), on.tabId);
    await panel.waitForSelector("[data-testid=notice]:not([hidden])");
    assert.match(await panel.getByTestId("notice").textContent(), /“Sign up for the Tidewater Morning newsletter”/);
    await page.close();
  });
});

/** Waits (up to `ms`) in the worker until the tab's state passes `check` (a function's source); returns it and how long it took. */
async function waitState(tabId, check, ms = 5000) {
  const sw = await worker();
  return sw.evaluate(
    async ([tabId, check, ms]) => {
      const ok = new Function("s", `return (${check})(s);`);
      const t0 = Date.now();
      for (;;) {
        const s = globalThis.newslens.states.get(tabId);
        if (s && ok(s)) return { state: s, waited: Date.now() - t0 };
        if (Date.now() - t0 > ms) return { state: s, waited: -1 };
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    [tabId, String(check), ms],
  );
}

const LATE_STORY = [
  ["h1", "Fenmoor reservoir to reopen for swimming after algae tests come back clear"],
  ["p", "FENMOOR — Swimmers will be allowed back into Fenmoor reservoir from Saturday, after three rounds of water tests found no trace of the algae that closed it in July, the county water board said on Friday."],
  ["p", "“The water is as clean as we have ever measured it,” said Oriel Vance, the board’s head of water quality. “We kept it closed until we were certain.”"],
  ["p", "Local swimming clubs welcomed the news. Hamish Gorrie, who coaches the Fenmoor Otters, said his members had been training in a school pool forty minutes away all summer."],
];
const LATE_MORE = [
  ["p", "The board denied that it had been slow to act. A spokesperson said each round of tests took a week to analyse at the county laboratory."],
  ["p", "“We will test every fortnight until October,” Vance said. Lifeguards will be on duty at weekends."],
];

/** The app inserts elements into <main> (text as text, as a page's script would). */
function insert(page, items, { replace = false } = {}) {
  return page.evaluate(
    ([items, replace]) => {
      const app = document.getElementById("app");
      if (replace) app.replaceChildren();
      let article = app.querySelector("article");
      if (!article) article = app.appendChild(document.createElement("article"));
      for (const [tag, text] of items) article.appendChild(document.createElement(tag)).textContent = text;
    },
    [items, replace],
  );
}

describe("content that arrives after the click", () => {
  test("a click before the article waits for it; new, changed and removed text is followed; a second click removes everything", T, async () => {
    const page = await open("late");
    const before = await html(page);
    const first = await click(page);
    assert.equal(first.status, "waiting", first.error);
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    const sw = await worker();
    assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), first.tabId), "wait");
    // The panel says so.
    const panel = await context.newPage();
    openPages.add(panel);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${first.tabId}`);
    assert.match(await panel.locator("#status").textContent(), /Waiting for the article/);
    assert.equal(await panel.getByTestId("annotate-anyway").isVisible(), true, "the reader may annotate what is there now");
    await page.bringToFront();

    // The story arrives: annotated within about a second, without a click.
    await insert(page, LATE_STORY, { replace: true });
    const arrived = await waitState(first.tabId, (s) => s.status === "done" && s.text.includes("Hamish Gorrie"));
    assert.ok(arrived.waited >= 0 && arrived.waited < 1500, `annotated ${arrived.waited} ms after the story arrived`);
    assert.ok(!arrived.state.text.includes("Loading"));
    let ranges = await drawnRanges(page);
    assert.deepEqual(drawnByLayer(ranges), expectedByLayer(arrived.state.text, arrived.state.doc));
    assert.ok(ranges.some((r) => r.text.includes("Oriel Vance")));
    await panel.waitForSelector("#results:not([hidden])");
    await panel.getByTestId("tab-quotes").click();
    await page.bringToFront();

    // "Load more": two more paragraphs, one with a new quote.
    await insert(page, LATE_MORE);
    const more = await waitState(first.tabId, (s) => s.status === "done" && s.text.includes("every fortnight"));
    // The panel follows too, and stays on the tab the reader chose.
    await panel.waitForFunction((n) => document.querySelector("[data-testid=count-quotes]").textContent === String(n), more.state.doc.quotes.length);
    assert.equal(await panel.getByTestId("tab-quotes").getAttribute("aria-selected"), "true");
    assert.ok((await panel.getByTestId("quote-item").allTextContents()).some((t) => t.includes("every fortnight")));
    assert.ok(more.waited >= 0 && more.waited < 1500, `annotated ${more.waited} ms after "Load more"`);
    assert.ok(more.state.doc.quotes.some((q) => more.state.text.slice(q.span.start, q.span.end).includes("every fortnight")), "the new quote is found");
    ranges = await drawnRanges(page);
    assert.deepEqual(drawnByLayer(ranges), expectedByLayer(more.state.text, more.state.doc));
    assert.ok(ranges.some((r) => r.layer === "quote" && r.text.includes("every fortnight")), "the new quote is drawn");

    // A clock ticking outside the article is not a change to follow.
    const updates = await sw.evaluate(() => globalThis.newslens.updates);
    const probe = (id) => sw.evaluate((id) => chrome.tabs.sendMessage(id, { type: "newslens:probe" }, { frameId: 0 }), id);
    const builds = (await probe(first.tabId)).version;
    await page.evaluate(() => {
      const clock = document.querySelector(".site-footer p").appendChild(document.createElement("span"));
      let n = 0;
      const timer = setInterval(() => {
        clock.textContent = ` · ${++n} s`;
        if (n === 15) clearInterval(timer);
      }, 100);
    });
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(await sw.evaluate(() => globalThis.newslens.updates), updates, "no redraw for a clock outside the article");
    assert.equal((await probe(first.tabId)).version, builds, "the text is not even built again");

    // The app re-renders the story with the same text in new nodes: the marks
    // move to the new nodes, without another engine run.
    const rerender = await sw.evaluate(() => globalThis.newslens.updates);
    await page.evaluate(() => {
      const article = document.querySelector("#app article");
      article.replaceWith(article.cloneNode(true));
    });
    await page.waitForFunction(() => {
      const ranges = [...CSS.highlights.values()].flatMap((h) => [...h]);
      // A range on a removed node collapses onto its old parent: it paints nothing.
      return ranges.length > 0 && ranges.every((r) => !r.collapsed && r.startContainer.nodeType === 3 && r.startContainer.isConnected);
    });
    assert.equal(await sw.evaluate(() => globalThis.newslens.updates), rerender, "same text: redrawn on the spot");
    assert.deepEqual(drawnByLayer(await drawnRanges(page)), expectedByLayer(more.state.text, more.state.doc));

    // A paragraph goes away: its marks go with it.
    await page.evaluate(() => [...document.querySelectorAll("#app p")].find((p) => p.textContent.includes("Oriel Vance")).remove());
    const gone = await waitState(first.tabId, (s) => s.status === "done" && !s.text.includes("Oriel Vance"));
    assert.ok(gone.waited >= 0 && gone.waited < 1500, `redrawn ${gone.waited} ms after the removal`);
    ranges = await page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h]).map((r) => ({ text: r.toString(), connected: r.startContainer.isConnected })));
    assert.ok(ranges.length > 0);
    assert.ok(ranges.every((r) => r.connected && !r.text.includes("Oriel")), "no mark left on removed text");

    // Text edited in place (a live correction).
    await page.evaluate(() => {
      const p = [...document.querySelectorAll("#app p")].find((p) => p.textContent.includes("Hamish Gorrie"));
      p.firstChild.data = p.firstChild.data.replace("Hamish Gorrie", "Hamish Gorrie-Laird");
    });
    const edited = await waitState(first.tabId, (s) => s.status === "done" && s.text.includes("Gorrie-Laird"));
    assert.ok(edited.waited >= 0 && edited.waited < 1500, `redrawn ${edited.waited} ms after the edit`);

    // A second click removes everything, and the page is no longer followed.
    const now = (await html(page)).replace(/<newslens-tip [^>]*><\/newslens-tip>/, "");
    assert.equal((await click(page)).status, "idle");
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    assert.equal(await html(page), now);
    await insert(page, [["p", "“A late sentence,” said Oriel Vance."]]);
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0, "nothing drawn after the second click");
    assert.equal((await waitState(first.tabId, (s) => s.status === "idle")).state.status, "idle");
    assert.notEqual(before, now);
    await panel.close();
    await page.close();
  });

  test("waiting: 'Annotate anyway' annotates what is there now, and the page is still followed", T, async () => {
    const page = await open("late");
    await page.evaluate(() => {
      document.querySelector(".loading").textContent = "“We open at nine,” said Mira Olsen, who runs the kiosk.";
    });
    const first = await click(page);
    assert.equal(first.status, "waiting", first.error);
    const sw = await worker();
    // What the panel's button sends (TOGGLE with force) runs this.
    const forced = await sw.evaluate(async (id) => globalThis.newslens.toggle(await chrome.tabs.get(id), "auto", true), first.tabId);
    assert.equal(forced.status, "done", forced.error);
    assert.match(forced.text, /Mira Olsen/);
    assert.ok((await page.evaluate(() => CSS.highlights.size)) > 0);
    await insert(page, LATE_STORY, { replace: true });
    const arrived = await waitState(first.tabId, (s) => s.status === "done" && s.text.includes("Hamish Gorrie"));
    assert.ok(arrived.waited >= 0, "the story that arrives later is annotated too");
    assert.equal((await click(page)).status, "idle");
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    await page.close();
  });

  test("waiting, and what arrives is a list of stories: it is not marked", T, async () => {
    const page = await open("late");
    const first = await click(page);
    assert.equal(first.status, "waiting", first.error);
    await page.evaluate(() => {
      const app = document.getElementById("app");
      app.replaceChildren();
      const list = app.appendChild(document.createElement("ul"));
      for (let i = 1; i <= 8; i++) {
        const li = list.appendChild(document.createElement("li"));
        const a = li.appendChild(document.createElement("h3")).appendChild(document.createElement("a"));
        a.href = `/story/${i}`;
        a.textContent = `Fenmoor story number ${i} in the list of the week's local news`;
        li.appendChild(document.createElement("p")).textContent = `A line or two about story ${i}, which the reader can open to read in full.`;
      }
    });
    const got = await waitState(first.tabId, (s) => s.status !== "waiting");
    assert.equal(got.state.status, "not-article", JSON.stringify(got.state.status));
    assert.match(got.state.notice, /does not look like a news article/);
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    await page.close();
  });

  test("element fallback: a followed page is redrawn with wrappers and unwraps cleanly", T, async () => {
    const page = await open("late");
    await insert(page, LATE_STORY, { replace: true });
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    assert.equal((await click(page)).status, "idle");
    const sw = await worker();
    const el = await sw.evaluate(async (id) => globalThis.newslens.toggle(await chrome.tabs.get(id), "element"), on.tabId);
    assert.equal(el.status, "done", el.error);
    assert.equal(el.mode, "element");
    await insert(page, LATE_MORE);
    const more = await waitState(on.tabId, (s) => s.status === "done" && s.text.includes("every fortnight"));
    assert.ok(more.waited >= 0 && more.waited < 1500);
    assert.equal(more.state.mode, "element");
    const wrapped = await page.evaluate(() => [...document.querySelectorAll("newslens-mark")].map((m) => m.textContent).join("|"));
    assert.match(wrapped, /every fortnight/);
    assert.match(wrapped, /Oriel Vance/, "the earlier text is still marked");
    const now = await page.evaluate(() => {
      const c = document.documentElement.cloneNode(true);
      for (const m of c.querySelectorAll("newslens-mark, newslens-tip")) m.replaceWith(...m.childNodes);
      c.normalize();
      return c.outerHTML;
    });
    assert.equal((await click(page)).status, "idle");
    assert.equal(await page.evaluate(() => document.querySelectorAll("newslens-mark").length), 0);
    assert.equal(await page.evaluate(() => { const c = document.documentElement.cloneNode(true); c.normalize(); return c.outerHTML; }), now);
    await page.close();
  });
});

describe("pages that are not articles", () => {
  for (const [name, why] of [["search", /linked headlines|links/], ["section", /separate stories|linked headlines|links/]]) {
    test(`${name}: the extension says it is not an article and marks nothing, unless the reader asks`, T, async () => {
      const page = await open(name);
      const before = await html(page);
      const off = await click(page);
      assert.equal(off.status, "not-article", off.error || off.text);
      assert.match(off.notice, /does not look like a news article/);
      assert.match(off.notice, why);
      assert.equal(await page.evaluate(() => CSS.highlights.size), 0, "nothing marked");
      assert.equal(await html(page), before);
      const sw = await worker();
      assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), off.tabId), "–");
      const panel = await context.newPage();
      openPages.add(panel);
      await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${off.tabId}`);
      assert.match(await panel.getByTestId("notice").textContent(), /does not look like a news article/);
      assert.equal(await panel.locator("#results").isHidden(), true);
      // "Annotate anyway".
      await panel.getByTestId("annotate-anyway").click();
      const on = await waitState(off.tabId, (s) => s.status === "done");
      assert.ok(on.waited >= 0, `annotate anyway: ${JSON.stringify(on.state && on.state.status)}`);
      assert.ok(on.state.text.length > 200);
      assert.ok((await page.evaluate(() => CSS.highlights.size)) > 0, "marked when asked");
      await panel.waitForSelector("#results:not([hidden])");
      assert.equal(await panel.getByTestId("annotate-anyway").isHidden(), true);
      assert.equal((await click(page)).status, "idle");
      assert.equal(await html(page), before);
      await panel.close();
      await page.close();
    });
  }
});

describe("text the reader cannot see", () => {
  test("a paywall laid over the whole window hides all the text; a cookie bar hides none", T, async () => {
    const page = await open("plain");
    // A cookie bar along the bottom: a fixed panel over part of the window only.
    await page.evaluate(() => {
      const bar = document.body.appendChild(document.createElement("div"));
      bar.id = "cookies";
      bar.textContent = "We use cookies. OK";
      Object.assign(bar.style, { position: "fixed", left: "0", right: "0", bottom: "0", height: "120px", background: "#fff" });
    });
    const withBar = await click(page);
    assert.equal(withBar.status, "done", withBar.error);
    assert.deepEqual(withBar.hidden, []);
    assert.equal((await click(page)).status, "idle");
    // The site's script lays a subscription wall over the whole window.
    await page.evaluate(() => {
      document.getElementById("cookies").remove();
      const wall = document.body.appendChild(document.createElement("div"));
      wall.className = "paywall";
      wall.textContent = "Subscribe to read on.";
      Object.assign(wall.style, { position: "fixed", inset: "0", background: "rgb(250, 250, 250)", zIndex: "10" });
    });
    const walled = await click(page);
    assert.equal(walled.status, "done", walled.error);
    assert.ok(!walled.text.includes("Subscribe"), "the wall is not article text");
    assert.deepEqual(walled.hidden, [{ start: 0, end: walled.text.length }]);
    assert.equal(walled.drawn, 0);
    assert.equal(walled.hiddenMarks, marksFor(walled.text, walled.doc).length);
    assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
    assert.equal((await click(page)).status, "idle");
    await page.close();
  });

  test("an app-like page that scrolls a container, not the document: nothing counts as hidden", T, async () => {
    const page = await open("scroller", { width: 800, height: 300 });
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    assert.ok(on.text.includes("keep to the fenced route."));
    const fold = await page.evaluate(() => { const s = document.querySelector(".scroller"); return [s.scrollHeight, s.clientHeight]; });
    assert.ok(fold[0] > fold[1] * 2, `most of the story is below the container fold: ${fold}`);
    assert.deepEqual(on.hidden, []);
    assert.equal(on.hiddenMarks, 0);
    assert.equal(on.drawn, marksFor(on.text, on.doc).length);
    assert.equal((await click(page)).status, "idle");
    await page.close();
  });

  test("paywall: covered and clipped text is read but not marked; the panel counts it and does not scroll to it", T, async () => {
    const page = await open("paywall", { width: 1000, height: 700 });
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    const text = on.text;
    assert.ok(!text.includes("Subscribe to keep reading"), "the paywall panel is not article text");
    for (const s of ["Beatrix Holm", "“We have nothing to hide", "Rowena Tull", "since 2019."]) assert.ok(text.includes(s), `article text lacks ${JSON.stringify(s)}`);
    const visibleEnd = text.indexOf("The co-operative denied");
    // Everything from the third paragraph on is hidden: two paragraphs under the
    // panel, three cut off.
    assert.deepEqual(on.hidden, [{ start: visibleEnd, end: text.length }]);
    const marks = marksFor(text, on.doc);
    const hiddenMarks = marks.filter((m) => m.end > visibleEnd);
    assert.ok(hiddenMarks.length > 0 && on.doc.quotes.some((q) => q.span.start >= visibleEnd), "the engine finds quotes in the hidden text");
    assert.equal(on.hiddenMarks, hiddenMarks.length);
    assert.equal(on.drawn, marks.length - hiddenMarks.length);
    const ranges = await page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h]).map((r) => r.startContainer.parentElement.closest(".locked, .truncated") ? r.toString() : null));
    assert.ok(ranges.length > 0);
    assert.deepEqual(ranges.filter(Boolean), [], "nothing marked in hidden text");

    const panel = await context.newPage();
    openPages.add(panel);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${on.tabId}`);
    await panel.waitForSelector("#results:not([hidden])");
    const inHidden = (span) => span.start < text.length && span.end > visibleEnd;
    const n = { q: on.doc.quotes.filter((q) => inHidden(q.span)).length, c: on.doc.claims.filter((c) => inHidden(c.content)).length, m: on.doc.mentions.filter((m) => inHidden(m.span)).length };
    const note = await panel.getByTestId("hidden-note").textContent();
    assert.match(note, new RegExp(`^${n.q + n.c + n.m} items are in text hidden on the page`));
    assert.match(note, new RegExp(`${n.q} quotes?, ${n.c} claims?, ${n.m} mentions?`));
    await panel.getByTestId("tab-quotes").click();
    const hiddenQuote = on.doc.quotes.find((q) => inHidden(q.span));
    const item = panel.locator(`[data-testid=quote-item][data-id="${hiddenQuote.id}"]`);
    assert.equal(await item.getAttribute("data-hidden-text"), "");
    await page.evaluate(() => scrollTo(0, 0));
    await item.click();
    await panel.waitForSelector("[data-testid=error]:not([hidden])");
    assert.match(await panel.getByTestId("error").textContent(), /hidden on the page/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await page.evaluate(() => scrollY), 0, "no scroll to hidden text");
    assert.equal(await page.evaluate(() => CSS.highlights.has("newslens-focus")), false);
    // The content script refuses too.
    const sw = await worker();
    const res = await sw.evaluate(([id, span]) => chrome.tabs.sendMessage(id, { type: "newslens:reveal", ...span }, { frameId: 0 }), [on.tabId, hiddenQuote.span]);
    assert.equal(res.ok, false);
    assert.equal(res.hidden, true);
    // A visible quote still scrolls.
    const shown = on.doc.quotes.find((q) => !inHidden(q.span));
    assert.equal(await panel.locator(`[data-testid=quote-item][data-id="${shown.id}"]`).getAttribute("data-hidden-text"), null);

    // The reader subscribes: the panel goes, the text shows, and is marked.
    await page.evaluate(() => {
      document.querySelector(".paywall-cover").remove();
      document.querySelector(".truncated").className = "";
    });
    const open_ = await waitState(on.tabId, (s) => s.status === "done" && s.hidden.length === 0);
    assert.ok(open_.waited >= 0 && open_.waited < 1500, `redrawn ${open_.waited} ms after the paywall went`);
    assert.equal(open_.state.drawn, marksFor(open_.state.text, open_.state.doc).length);
    await panel.waitForSelector("[data-testid=hidden-note][hidden]", { state: "attached" });
    assert.equal((await click(page)).status, "idle");
    await panel.close();
    await page.close();
  });
});

describe("headline and standfirst", () => {
  test("the headline and standfirst are annotated with the body, offsets mapping back exactly", T, async () => {
    const page = await open("headline");
    const before = await html(page);
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    const text = on.text;
    const paras = text.split("\n\n");
    assert.equal(paras[0], "“We will not close a single ward,” says health minister", text);
    assert.equal(paras[1], "Nurses’ leaders accused the government of planning cuts by stealth, a claim the minister rejected on a visit to Orrin General.");
    assert.match(paras[2], /^ORRIN — Health Minister Caspar Vellacott promised/);
    for (const s of ["Petra Lindqvist", "11 February", "Orrin Valley Echo"]) assert.ok(!text.includes(s), `holds ${s}`);
    assert.ok(!/^Health\b/.test(text), "the kicker is not the headline");
    // The headline's quote is found and drawn on the headline.
    const q = on.doc.quotes.find((q) => q.span.start === 0);
    assert.ok(q, "a quote in the headline");
    const inHead = await page.evaluate(() =>
      [...CSS.highlights.entries()].flatMap(([name, h]) => [...h].filter((r) => r.startContainer.parentElement.closest("h1")).map((r) => [name, r.toString()])),
    );
    assert.ok(inHead.some(([name, t]) => name === "newslens-quote" && t === text.slice(q.span.start, q.span.end)), JSON.stringify(inHead));
    const ranges = await drawnRanges(page);
    assert.deepEqual(drawnByLayer(ranges), expectedByLayer(text, on.doc));
    // Probes in the headline and the standfirst map back to the exact words.
    for (const phrase of ["single ward", "says health minister", "Nurses’ leaders", "Orrin General.”".slice(0, 13)]) {
      const res = await applyMarks(on.tabId, [{ ...spanOf(text, phrase), layer: "claim", label: "probe" }]);
      assert.equal(res.ok, true, res.error);
      const got = await drawnRanges(page);
      assert.equal(got.map((r) => r.text).join(""), phrase);
    }
    assert.equal((await click(page)).status, "idle");
    assert.equal(await html(page), before);
    await page.close();
  });
});

describe("headline on a page whose <h1> is the site's logo", () => {
  test("the story's <h2> headline is read, the masthead's <h1> is not", T, async () => {
    const page = await open("masthead");
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    assert.equal(on.text.split("\n\n")[0], "Ferry fares frozen for islanders until next summer");
    assert.ok(!on.text.includes("Saltmarsh Courier"), "the site's name is not article text");
    assert.ok(!on.doc.actors.some((a) => /Courier/.test(a.name)), "the site's name is no actor");
    assert.equal((await click(page)).status, "idle");
    await page.close();
  });
});

describe("legend", () => {
  test("a compact legend in the closed shadow root, reachable by keyboard, can be hidden and shown", T, async () => {
    const page = await open("plain");
    const before = await html(page);
    assert.equal((await click(page)).status, "done");
    const legend = await closedPart(page, "legend-panel");
    assert.equal(legend.display, "flex");
    for (const k of ["Person", "Organization", "Place", "Group or unnamed", "Quote", "Claim", "Hide"]) assert.ok(legend.text.includes(k), k);
    assert.equal((await closedPart(page, "legend-show")).display, "none");
    // Tab reaches it (the page has no other focusable element before it).
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement && document.activeElement.localName === "newslens-tip");
    }
    assert.ok(reached, "Tab reaches the legend");
    await page.keyboard.press("Enter"); // "Hide"
    await waitClosed(page, "legend-panel", (p) => p.display === "none");
    assert.equal((await closedPart(page, "legend-show")).display, "inline-block");
    assert.ok(await page.evaluate(() => document.activeElement.localName === "newslens-tip"), "focus stays on the legend's show button");
    await page.keyboard.press("Enter"); // "newslens key": show again
    await waitClosed(page, "legend-panel", (p) => p.display === "flex");
    await page.keyboard.press("Escape");
    await waitClosed(page, "legend-panel", (p) => p.display === "none");
    assert.equal((await click(page)).status, "idle");
    assert.equal(await closedPart(page, "legend-panel"), null);
    assert.equal(await html(page), before);
    await page.close();
  });
});

describe("side panel and selection", () => {
  test("the panel lists the annotation and a click scrolls the page to the item", T, async () => {
    const page = await open("plain", { width: 900, height: 360 });
    const on = await click(page);
    assert.equal(on.status, "done", on.error);
    const sidePanels = await (await worker()).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ["SIDE_PANEL"] })).map((c) => c.documentUrl));
    assert.deepEqual(sidePanels, [`chrome-extension://${extId}/sidepanel.html`], "the toolbar click opened the side panel");
    const panel = await context.newPage();
    openPages.add(panel);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${on.tabId}`);
    await panel.waitForSelector("#results:not([hidden])");
    for (const [name, items] of [["actors", on.doc.actors], ["quotes", on.doc.quotes], ["claims", on.doc.claims]]) {
      assert.equal(await panel.getByTestId(`count-${name}`).textContent(), String(items.length), name);
    }
    assert.equal(await panel.getByTestId("actor-item").count(), on.doc.actors.length);

    // A known document for the same text, so the lists have items whatever
    // the engine finds today.
    const t = on.text;
    const m0 = spanOf(t, "Ines Marchetti");
    const m1 = spanOf(t, "Marchetti welcomed").start;
    const q = spanOf(t, "“Eight percent over two years is more than any port in the country has put on the table.”");
    const c = spanOf(t, "every crane had passed inspection this spring");
    const doc = {
      version: 1, offsets: "utf16", textLength: t.length,
      actors: [{ id: 0, name: "Ines Marchetti", kind: "person", titles: ["union chair"], anonymous: false, mentions: [0, 1] }],
      mentions: [
        { id: 0, actor: 0, span: m0, title: null, kind: "name" },
        { id: 1, actor: 0, span: { start: m1, end: m1 + "Marchetti".length }, title: null, kind: "name" },
      ],
      quotes: [{ id: 0, kind: "direct", span: q, content: { start: q.start + 1, end: q.end - 1 }, speaker: 0, speakerMention: null, cue: null, reporter: null }],
      claims: [{ id: 0, claimant: null, claimantMention: null, cue: spanOf(t, "told reporters"), content: c, stance: "assert", disputedBy: [], disputes: [] }],
    };
    const sw = await worker();
    await sw.evaluate(([id, doc]) => globalThis.newslens.setState(id, { doc }), [on.tabId, doc]);
    await panel.waitForFunction(() => document.querySelector("[data-testid=count-quotes]")?.textContent === "1");
    assert.match(await panel.getByTestId("actor-item").textContent(), /Ines Marchetti/);
    await panel.getByTestId("tab-claims").click();
    assert.match(await panel.getByTestId("claim-item").textContent(), /every crane had passed inspection/);
    await panel.getByTestId("tab-quotes").click();
    assert.match(await panel.getByTestId("quote-item").textContent(), /Eight percent over two years/);

    assert.equal(await page.evaluate(() => scrollY), 0);
    await panel.getByTestId("quote-item").click();
    await page.bringToFront();
    await page.waitForFunction(() => scrollY > 100 && CSS.highlights.has("newslens-focus"));
    const focus = await page.evaluate(() => [...CSS.highlights.get("newslens-focus")].map((r) => r.toString()).join(""));
    assert.equal(squash(focus), squash(t.slice(q.start, q.end)));
    // Smooth scrolling ends with the quote inside the viewport.
    await page.waitForFunction(() => {
      const r = [...CSS.highlights.get("newslens-focus")][0].getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });

    // A restarted worker has lost its states: the panel's request rebuilds
    // the tab's state from the content script's text.
    await sw.evaluate(() => globalThis.newslens.states.clear());
    const fresh = await context.newPage();
    openPages.add(fresh);
    await fresh.goto(`chrome-extension://${extId}/sidepanel.html?tab=${on.tabId}`);
    await fresh.waitForSelector("#results:not([hidden])");
    assert.equal(await fresh.getByTestId("count-quotes").textContent(), String(on.doc.quotes.length));
    await fresh.close();

    assert.equal((await click(page)).status, "idle");
    await panel.waitForSelector("#results[hidden]", { state: "attached" });
    await panel.close();
    await page.close();
  });

  test("Annotate selection: the selected text goes to the engine and to the panel", T, async () => {
    const page = await open("strict-csp");
    const on = await click(page); // the context-menu click grants activeTab the same way
    assert.equal((await click(page)).status, "idle");
    const selected = await page.evaluate(() => {
      const p = [...document.querySelectorAll("article p")][2];
      getSelection().selectAllChildren(p);
      return String(getSelection());
    });
    const sw = await worker();
    await sw.evaluate(() => chrome.contextMenus.update("newslens-annotate-selection", {})); // the menu item exists
    const panel = await context.newPage();
    openPages.add(panel);
    await panel.goto(`chrome-extension://${extId}/sidepanel.html?tab=${on.tabId}`);
    const state = await sw.evaluate(async (id) => globalThis.newslens.annotateSelection(await chrome.tabs.get(id), ""), on.tabId);
    assert.equal(state.status, "done", state.error);
    assert.equal(state.source, "selection");
    assert.equal(state.text, selected.trim());
    assert.deepEqual(state.doc, await sw.evaluate((t) => globalThis.newslens.annotateText(t), state.text));
    await panel.waitForSelector("#selection:not([hidden])");
    assert.equal(await panel.locator("#selection-text").textContent(), selected.trim());
    await panel.close();
    await page.close();
  });
});

describe("privacy", () => {
  test("no request leaves the page's origin or the extension", () => {
    guard.assertClean();
    assert.ok(requested.length > 0 && served.length > 0);
    const allowed = (u) => u.startsWith(`${origin}/`) || u.startsWith(`chrome-extension://${extId}/`) || u.startsWith("data:") || u === "about:blank";
    assert.deepEqual(requested.filter((u) => !allowed(u)), []);
    assert.deepEqual(served.filter((r) => r.host !== new URL(origin).host), []);
    const paths = new Set(served.map((r) => new URL(r.url, origin).pathname));
    for (const p of paths) assert.ok(/^\/([\w-]+\.(html|css)|favicon\.ico)$/.test(p), `unexpected request ${p}`);
  });
});
