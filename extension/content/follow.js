// newslens content script, part 5 of 6: reading the article, and following
// the page after a click. No engine, no network.
//
// extract() finds the article (article.js), builds its text (text.js) and
// keeps it as NL.extracted, each time with a new NL.version; it also says
// whether the page reads as an article at all (NL.listingReason) and which
// of its text the reader cannot see (NL.hiddenSpans).
//
// After a click the page is followed: a MutationObserver (the document and
// every open shadow root) notices new, changed and removed text; after a
// quiet moment (at most about a second after the first change) the text is
// built again. Changed text goes to the background (PAGE_CHANGED), which
// annotates it and sends the marks back (APPLY, with the version they are
// for); the same text in new nodes is redrawn here; marks on text that went
// away go with the next drawing. Before an article exists ("waiting") the
// same observer waits for one. Our own changes (<newslens-mark> wrappers,
// the tooltip host) are not the page's.
//
// Exports: NL.extract(), NL.follow(mode, waiting), NL.unfollow(), NL.quiet(fn),
//   the state NL.extracted (the text last built, or null), NL.version,
//   NL.following (null | {mode, waiting}).
// Needs: protocol.js, article.js, text.js, draw.js (NL.apply, NL.clear,
//   NL.drawn), called only once a message arrives.
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const P = globalThis.NewsLensProtocol;
  const MIN_ARTICLE_CHARS = 200;
  const QUIET_MS = 250; // a change is acted on once the page is quiet this long,
  const MAX_WAIT_MS = 800; // or this long after the first change at most
  const OWN = new Set([NL.MARK_TAG.toUpperCase(), NL.TIP_TAG.toUpperCase()]);
  const INERT = new Set(["SCRIPT", "STYLE", "LINK", "META", "NOSCRIPT", "TEMPLATE", "IFRAME"]);
  NL.extracted = null;
  NL.version = 0;
  NL.following = null;
  let observer = null;
  let observed = new WeakSet();
  let timer = 0;
  let firstChange = 0;
  let lastSentText = null;

  /** Finds the article and builds its text; the ExtractResult of protocol.js. */
  function extract() {
    const t0 = performance.now();
    const ms = {};
    const lap = (name) => (ms[name] = Math.round(performance.now() - t0));
    const liveTexts = NL.textNodes(document.documentElement);
    let found = NL.readabilityNodes(liveTexts);
    lap("article");
    let source = "readability";
    let built = found && found.nodes.length ? NL.buildText(found.nodes) : null;
    let nodes = found ? found.nodes : [];
    if (!built || built.text.length < MIN_ARTICLE_CHARS) {
      const bodyNodes = NL.bodyNodes(liveTexts);
      const fallback = NL.buildText(bodyNodes);
      if (!built || fallback.text.length > built.text.length) {
        built = fallback;
        nodes = bodyNodes;
        source = "body";
      }
    }
    lap("text");
    built.hidden = NL.hiddenSpans(built);
    lap("hidden");
    NL.extracted = built;
    NL.version++;
    const listing = built.text.length < MIN_ARTICLE_CHARS ? "" : NL.listingReason(nodes);
    lap("listing");
    return {
      ok: true,
      version: NL.version,
      text: built.text,
      title: (found && found.title) || document.title || "",
      url: location.href,
      source,
      boxes: source === "readability" && found ? found.boxes : [],
      // "short": too little text to be an article (yet); "listing": a list of stories.
      kind: built.text.length < MIN_ARTICLE_CHARS ? "short" : listing ? "listing" : "article",
      listing,
      hidden: built.hidden, // spans the reader cannot see (clipped, under a paywall panel)
      textNodes: built.byNode.size,
      ms, // milliseconds from the start to the end of each step
    };
  }

  // ---------------------------------------------------------------- following the page

  /**
   * Is a change the page's, and can it matter? While an article is followed,
   * changes outside it (a ticking clock, a rotating ad) matter only when they
   * add or remove a good deal of text (a new story, "Load more").
   */
  function relevant(records) {
    const scope = NL.following && !NL.following.waiting ? articleScope() : null;
    for (const r of records) {
      const t = r.target;
      const el = t.nodeType === 1 ? t : t.parentElement || (t.parentNode && t.parentNode.host) || null;
      if (el && el.closest && el.closest(`${NL.MARK_TAG}, ${NL.TIP_TAG}`)) continue;
      if (r.type === "attributes" && el && OWN.has(el.tagName)) continue;
      const nodes = r.type === "childList" ? [...r.addedNodes, ...r.removedNodes].filter((n) => (n.nodeType === 3 ? /\S/.test(n.data) : n.nodeType === 1 && !OWN.has(n.tagName) && !INERT.has(n.tagName))) : [];
      if (r.type === "childList" && !nodes.length) continue;
      if (!scope || NL.flatContains(scope, t)) return true;
      if (nodes.some((n) => (n.textContent || "").replace(/\s+/g, "").length >= 100)) return true;
    }
    return false;
  }

  /** The element holding the followed article's text (flat tree), or null. */
  function articleScope() {
    const segs = NL.extracted ? NL.extracted.segments : [];
    if (!segs.length) return null;
    const up = new Set();
    for (let n = segs[0].node; n; n = NL.flatParent(n)) up.add(n);
    for (let n = segs[segs.length - 1].node; n; n = NL.flatParent(n)) {
      if (!up.has(n)) continue;
      const el = n.nodeType === 1 ? n : NL.flatParent(n);
      return el && el.isConnected ? el : null; // gone: any change may matter
    }
    return null;
  }

  function observeAll() {
    const opts = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ["class", "style", "hidden", "open"] };
    for (const root of [document.documentElement, ...NL.shadowRoots()]) {
      if (observed.has(root)) continue;
      observed.add(root);
      observer.observe(root, opts);
    }
  }

  function onRecords(records) {
    if (!NL.following || !relevant(records)) return;
    const now = performance.now();
    if (!timer) firstChange = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(QUIET_MS, firstChange + MAX_WAIT_MS - now));
    timer = setTimeout(check, wait);
  }

  /** The page changed: build the text again and act on what changed. */
  function check() {
    timer = 0;
    const f = NL.following;
    if (!f) return;
    observeAll(); // new shadow roots
    const old = NL.extracted;
    const drawn = NL.drawn;
    // <newslens-mark> wrappers hide their text from the text builder: unwrap first.
    if (drawn && drawn.mode === "element") quiet(() => NL.clear());
    const found = extract();
    if (f.waiting && found.kind === "short") return;
    if (old && found.text === old.text && JSON.stringify(found.hidden) === JSON.stringify(old.hidden) && !f.waiting) {
      // Same text: redraw here if the page rebuilt its nodes (or they were unwrapped).
      const marks = drawn ? drawn.marks : [];
      const stale = !drawn || drawn.mode === "element" || old.segments.some((s) => !NL.intact(s, drawn.splits));
      if (stale && marks.length) quiet(() => NL.apply(marks, f.mode, f.css));
      return;
    }
    const key = found.text + JSON.stringify(found.hidden);
    if (key === lastSentText) return;
    lastSentText = key;
    chrome.runtime.sendMessage({ type: P.PAGE_CHANGED, result: found }).catch(() => {});
  }

  /**
   * Runs `fn` (our own DOM changes) without the observer taking them for
   * the page's: changes already queued are looked at first.
   */
  function quiet(fn) {
    if (!observer) return fn();
    const pending = observer.takeRecords();
    if (pending.length) onRecords(pending);
    try {
      return fn();
    } finally {
      observer.takeRecords();
    }
  }

  /** Start following the page (after a click). `css`: the highlight styles, for redraws. */
  function follow(mode, waiting, css) {
    NL.following = { mode, waiting: !!waiting, css: css || "" };
    lastSentText = waiting ? null : NL.extracted ? NL.extracted.text + JSON.stringify(NL.extracted.hidden) : null;
    if (!observer) {
      observer = new MutationObserver(onRecords);
      observed = new WeakSet();
      observeAll();
    }
  }

  function unfollow() {
    NL.following = null;
    clearTimeout(timer);
    timer = 0;
    if (observer) observer.disconnect();
    observer = null;
    lastSentText = null;
  }

  Object.assign(NL, { extract, follow, unfollow, quiet });
})();
