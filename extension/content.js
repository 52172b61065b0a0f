// newslens content script: DOM work only. No engine, no network.
//
// Injected on demand by background.js (chrome.scripting.executeScript under
// activeTab), after protocol.js and Readability.js, into the extension's
// isolated world. It:
//   1. finds the article: Readability runs on a clone of the document; every
//      text node Readability keeps is traced back to its twin in the live page
//      (the clone and the page are walked in step, so node N of one is node N
//      of the other);
//   2. builds the engine's text from those live text nodes, collapsing
//      whitespace as the browser renders it and keeping, for every UTF-16 code
//      unit of the text, the (text node, offset) it came from;
//   3. draws the engine's spans back onto those nodes: CSS Custom Highlight API
//      ranges (no DOM change at all), or <newslens-mark> wrappers where the
//      browser lacks it (hypothesis' highlighter shape);
//   4. removes every trace on CLEAR: highlights, wrappers (text nodes are
//      re-joined, so the page keeps its own node objects), listeners, tooltip.
(() => {
  "use strict";
  if (globalThis.__newslensContent) return;
  globalThis.__newslensContent = true;

  const P = globalThis.NewsLensProtocol;
  const HIGHLIGHT_PREFIX = "newslens-";
  const MARK_TAG = "newslens-mark";
  const TIP_TAG = "newslens-tip";
  // Subtrees whose text is never article text.
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "svg", "math", "CANVAS", "IFRAME", "OBJECT", "BUTTON", MARK_TAG.toUpperCase(), TIP_TAG.toUpperCase()]);
  // Used only when Readability finds no article.
  const CHROME_TAGS = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "DIALOG", "MENU"]);
  const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar"]);
  const MIN_ARTICLE_CHARS = 200;
  // Readability sometimes keeps an ad slot next to the story; one of these
  // class or id words on an ancestor drops its text.
  const AD_WORD = /^(ad|ads|adv|advert|adverts|advertisement|advertising|adsbygoogle|adslot|sponsor|sponsored|promo|promoted|outbrain|taboola)$/i;
  const PHRASING = new Set(["SPAN", "A", "B", "I", "EM", "STRONG", "SMALL", "SUB", "SUP", "MARK", "Q", "ABBR", "CITE", "CODE", "FONT", "LABEL", "TIME", "U", "S", "DFN", "VAR", "KBD", "SAMP", "DATA"]);
  // <q> gets its quotation marks from CSS, not from its text; the engine needs
  // them, so the text gets them too (they map to no page character).
  const Q_MARKS = [["\u201c", "\u201d"], ["\u2018", "\u2019"]];

  /**
   * The text last built from the page and how to find each of its code units.
   * @type {null | {text: string, segments: Segment[], byNode: Map<Text, Segment>}}
   * @typedef {{node: Text, data: string, start: number, map: number[]}} Segment
   *   Code unit `start + i` of the text is code unit `map[i]` of `node.data`
   *   (`data` is node.data when the text was built, to notice later edits).
   */
  let extracted = null;
  let extractedTitle = "";
  /**
   * What is drawn now.
   * @type {null | {mode: "highlight"|"element", marks: Mark[], names: string[],
   *   wrappers: Element[], splits: Map<Text, Text[]>, labels: WeakMap<Element, string[]>,
   *   focusTimer: number}}
   * @typedef {{start: number, end: number, layer: string, label: string}} Mark
   */
  let drawn = null;
  let tip = null; // {host, box}
  let hoverFrame = 0;
  let lastPointer = null;

  // ---------------------------------------------------------------- finding the article

  function isSkipped(el) {
    for (let e = el; e; e = e.parentElement) {
      if (SKIP_TAGS.has(e.tagName)) return true;
    }
    return false;
  }

  function makeVisibility() {
    const cache = new Map();
    return (el) => {
      let v = cache.get(el);
      if (v === undefined) {
        if (typeof el.checkVisibility === "function") {
          v = el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false });
        } else {
          v = el.getClientRects().length > 0;
        }
        cache.set(el, v);
      }
      return v;
    };
  }

  function makeBlockOf() {
    const blockCache = new Map();
    const isBlock = (el) => {
      let b = blockCache.get(el);
      if (b === undefined) {
        const cs = getComputedStyle(el);
        const d = cs.display;
        b = !(d.startsWith("inline") || d === "contents" || d.startsWith("ruby"));
        // A float or absolutely placed phrasing element (a drop cap, a badge)
        // is made a block by CSS but still reads as part of its sentence.
        if (b && PHRASING.has(el.tagName) && (cs.float !== "none" || cs.position === "absolute" || cs.position === "fixed")) b = false;
        blockCache.set(el, b);
      }
      return b;
    };
    return (node) => {
      for (let e = node.parentElement; e; e = e.parentElement) {
        if (e === document.body || e === document.documentElement || isBlock(e)) return e;
      }
      return null;
    };
  }

  /** Every text node of `root`, in document order. */
  function textNodes(root) {
    const out = [];
    const doc = root.ownerDocument || root;
    const w = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n);
    return out;
  }

  function squash(s) {
    return s.replace(/\s+/g, " ").trim();
  }

  /**
   * Runs Readability on a clone and returns the live text nodes of the
   * article, in document order, or null when it finds no article.
   */
  function readabilityNodes(liveTexts) {
    if (typeof Readability !== "function") return null;
    const clone = document.cloneNode(true);
    const cloneTexts = textNodes(clone);
    if (cloneTexts.length !== liveTexts.length) return null; // cannot happen for a fresh clone
    const twin = new Map();
    for (let i = 0; i < cloneTexts.length; i++) twin.set(cloneTexts[i], liveTexts[i]);

    let article;
    try {
      article = new Readability(clone, { serializer: (el) => el }).parse();
    } catch (_) {
      return null;
    }
    if (!article || !article.content) return null;

    const keep = new Set();
    const unmatchedBlocks = new Set();
    for (const t of textNodes(article.content)) {
      const live = twin.get(t);
      if (live) keep.add(live);
      else if (t.data.trim()) {
        // Readability re-parsed this part (it retries with innerHTML), so the
        // node is new: find its block by text below.
        let b = t.parentElement;
        while (b && b !== article.content && !/^(P|LI|H[1-6]|BLOCKQUOTE|FIGCAPTION|TD|TH|DD|DT|PRE)$/.test(b.tagName)) b = b.parentElement;
        if (b && b !== article.content) unmatchedBlocks.add(b);
      }
    }
    if (unmatchedBlocks.size) {
      const byKey = new Map();
      for (const b of unmatchedBlocks) {
        const k = b.tagName + "\u0000" + squash(b.textContent);
        byKey.set(k, (byKey.get(k) || 0) + 1);
      }
      const tags = [...new Set([...unmatchedBlocks].map((b) => b.tagName.toLowerCase()))].join(",");
      for (const el of document.body ? document.body.querySelectorAll(tags) : []) {
        const k = el.tagName + "\u0000" + squash(el.textContent);
        const want = byKey.get(k);
        if (!want) continue;
        byKey.set(k, want - 1);
        for (const t of textNodes(el)) keep.add(t);
      }
    }
    const kept = liveTexts.filter((t) => keep.has(t));
    if (!kept.length) return { nodes: kept, title: article.title || "" };
    // Only ad slots inside the story count: a wrapper around the whole story
    // may well be called "page-with-ads".
    const span = document.createRange();
    span.setStartBefore(kept[0]);
    span.setEndAfter(kept[kept.length - 1]);
    const top = span.commonAncestorContainer;
    const ads = new Map();
    const isAd = (el) => {
      if (!el || el === top || !top.contains(el)) return false;
      let v = ads.get(el);
      if (v === undefined) {
        const words = `${el.id} ${typeof el.className === "string" ? el.className : ""}`.split(/[\s_-]+/);
        v = words.some((w) => AD_WORD.test(w)) || /^advertisement$/i.test(el.getAttribute("aria-label") || "") || isAd(el.parentElement);
        ads.set(el, v);
      }
      return v;
    };
    return { nodes: kept.filter((t) => !isAd(t.parentElement)), title: article.title || "" };
  }

  /** The visible body text outside page furniture, for pages without an article. */
  function bodyNodes(liveTexts) {
    const furniture = (el) => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        if (CHROME_TAGS.has(e.tagName)) return true;
        const role = e.getAttribute("role");
        if (role && CHROME_ROLES.has(role)) return true;
      }
      return false;
    };
    return liveTexts.filter((t) => t.parentElement && document.body && document.body.contains(t) && !furniture(t.parentElement));
  }

  /**
   * Builds the engine's text from live text nodes: whitespace runs collapse to
   * one space, a change of block gives a blank line ("\n\n"), a <br> gives
   * "\n". Returns the text and the per-code-unit map back to the nodes.
   */
  function buildText(nodes) {
    const visible = makeVisibility();
    const blockOf = makeBlockOf();
    const wanted = new Set(nodes);
    const out = [];
    const segments = [];
    let lastSpace = true;
    let pending = "";
    let prevBlock = null;
    let cur = null;

    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.nodeType === 1 && SKIP_TAGS.has(n.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    // Open <q> elements around the current node: {el, open: marks emitted?}
    const quotes = [];
    const virtual = (str) => {
      // Characters the text needs that no page character stands for.
      if (pending) {
        if (out.length && out[out.length - 1] === " ") dropLastSpace(out, segments);
        for (const ch of pending) out.push(ch);
        pending = "";
      }
      out.push(str);
      lastSpace = false;
    };
    const closeQuotes = (node) => {
      while (quotes.length && !(node && quotes[quotes.length - 1].el.contains(node))) {
        const q = quotes.pop();
        if (!q.open) continue;
        if (out.length && out[out.length - 1] === " ") dropLastSpace(out, segments);
        out.push(Q_MARKS[quotes.filter((x) => x.open).length % 2][1]);
        lastSpace = false;
      }
    };
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.nodeType === 1) {
        if (n.tagName === "BR" && out.length && !pending && wanted.size) {
          // Only a <br> between two article nodes of one block counts; a
          // block change below overrides it.
          pending = "\n";
          lastSpace = true;
        } else if (n.tagName === "Q") {
          closeQuotes(n);
          quotes.push({ el: n, open: false });
        }
        continue;
      }
      if (!wanted.has(n)) continue;
      wanted.delete(n);
      const parent = n.parentElement;
      if (!parent || isSkipped(parent) || !visible(parent)) continue;
      if (!/\S/.test(n.data) && !quotes.length && lastSpace) continue;
      closeQuotes(n);
      const block = blockOf(n);
      if (out.length && block !== prevBlock) {
        pending = "\n\n";
        lastSpace = true;
      }
      prevBlock = block;
      for (let d = 0; d < quotes.length; d++) {
        if (!quotes[d].open) {
          virtual(Q_MARKS[quotes.filter((x) => x.open).length % 2][0]);
          quotes[d].open = true;
        }
      }
      const data = n.data;
      cur = null;
      for (let i = 0; i < data.length; i++) {
        const c = data.charCodeAt(i);
        const ws = c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
        if (ws) {
          if (lastSpace) continue;
          lastSpace = true;
        } else {
          if (pending) {
            if (out.length && out[out.length - 1] === " ") dropLastSpace(out, segments);
            if (cur && cur.map.length === 0) cur = null;
            for (const ch of pending) out.push(ch);
            pending = "";
          }
          lastSpace = false;
        }
        if (!cur || segments[segments.length - 1] !== cur) {
          cur = { node: n, data, start: out.length, map: [] };
          segments.push(cur);
        }
        out.push(ws ? " " : data[i]);
        cur.map.push(i);
      }
    }
    closeQuotes(null);
    if (out.length && out[out.length - 1] === " ") dropLastSpace(out, segments);
    const byNode = new Map();
    for (const s of segments) if (!byNode.has(s.node)) byNode.set(s.node, s);
    return { text: out.join(""), segments, byNode };
  }

  function dropLastSpace(out, segments) {
    out.pop();
    const last = segments[segments.length - 1];
    last.map.pop();
    if (last.map.length === 0) segments.pop();
  }

  function extract() {
    const liveTexts = textNodes(document);
    let found = readabilityNodes(liveTexts);
    let source = "readability";
    let built = found && found.nodes.length ? buildText(found.nodes) : null;
    if (!built || built.text.length < MIN_ARTICLE_CHARS) {
      const fallback = buildText(bodyNodes(liveTexts));
      if (!built || fallback.text.length > built.text.length) {
        built = fallback;
        source = "body";
      }
    }
    extracted = built;
    extractedTitle = (found && found.title) || document.title || "";
    return {
      ok: true,
      text: built.text,
      title: extractedTitle,
      url: location.href,
      source,
      textNodes: built.byNode.size,
    };
  }

  // ---------------------------------------------------------------- offsets to DOM

  /** Index of the first segment whose end is after `offset`. */
  function segmentAfter(segments, offset) {
    let lo = 0;
    let hi = segments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid];
      if (s.start + s.map.length > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Did the page leave this node as it was when the text was built? */
  function intact(seg) {
    if (!seg.node.isConnected) return false;
    // While <newslens-mark>s are drawn, the node's tail lives in split-off nodes.
    const tails = drawn && drawn.splits.get(seg.node);
    return (tails ? seg.node.data + tails.map((t) => t.data).join("") : seg.node.data) === seg.data;
  }

  /**
   * Maps a span of the text to live positions: {from: [seg, i], to: [seg, i]}
   * where i indexes seg.map; null when the span covers no page text or the
   * page changed those nodes since.
   */
  function locate(start, end) {
    const segs = extracted ? extracted.segments : [];
    if (!(end > start)) return null;
    const a = segmentAfter(segs, start);
    const b = segmentAfter(segs, end - 1);
    // `b` may point past a gap (a separator); step back to the last segment that starts before `end`.
    let z = b < segs.length && segs[b].start < end ? b : b - 1;
    if (a >= segs.length || z < a) return null;
    const sa = segs[a];
    const sz = segs[z];
    const ia = Math.max(start, sa.start) - sa.start;
    const iz = Math.min(end, sz.start + sz.map.length) - 1 - sz.start;
    for (let k = a; k <= z; k++) if (!intact(segs[k])) return null;
    return { a, ia, z, iz };
  }

  function toRange(loc) {
    const segs = extracted.segments;
    const r = document.createRange();
    const sa = segs[loc.a];
    const sz = segs[loc.z];
    r.setStart(sa.node, sa.map[loc.ia]);
    r.setEnd(sz.node, sz.map[loc.iz] + 1);
    return r;
  }

  // ---------------------------------------------------------------- drawing

  function highlightApi() {
    return typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
  }

  function apply(marks, mode) {
    clear();
    if (!extracted) return { ok: false, mode: "highlight", drawn: 0, skipped: marks.length, error: "nothing extracted" };
    const useHighlights = mode === "highlight" || (mode !== "element" && highlightApi());
    if (useHighlights && !highlightApi()) {
      return { ok: false, mode: "highlight", drawn: 0, skipped: marks.length, error: "CSS Custom Highlight API missing" };
    }
    drawn = { mode: useHighlights ? "highlight" : "element", marks: [], names: [], wrappers: [], splits: new Map(), labels: new WeakMap(), focusTimer: 0 };
    let skipped = 0;
    const located = [];
    for (const m of marks) {
      const loc = locate(m.start, m.end);
      if (!loc || !P.LAYERS.includes(m.layer)) {
        skipped++;
        continue;
      }
      located.push({ mark: m, loc });
      drawn.marks.push(m);
    }
    if (useHighlights) drawHighlights(located);
    else drawElements(located);
    document.addEventListener("mousemove", onPointer, { capture: true, passive: true });
    document.addEventListener("scroll", hideTip, { capture: true, passive: true });
    return { ok: true, mode: drawn.mode, drawn: located.length, skipped };
  }

  /**
   * One Range per text node a mark covers, not one from its first to its last
   * character: a range across nodes would also paint whatever lies between
   * them (an ad or a share box inside the article).
   */
  function pieceRanges(loc) {
    const segs = extracted.segments;
    const out = [];
    for (let k = loc.a; k <= loc.z; k++) {
      const s = segs[k];
      const i0 = k === loc.a ? loc.ia : 0;
      const i1 = k === loc.z ? loc.iz : s.map.length - 1;
      if (i1 < i0) continue;
      const r = document.createRange();
      r.setStart(s.node, s.map[i0]);
      r.setEnd(s.node, s.map[i1] + 1);
      out.push(r);
    }
    return out;
  }

  function drawHighlights(located) {
    const byLayer = new Map();
    for (const { mark, loc } of located) {
      if (!byLayer.has(mark.layer)) byLayer.set(mark.layer, []);
      byLayer.get(mark.layer).push(...pieceRanges(loc));
    }
    for (const [layer, ranges] of byLayer) {
      const h = new Highlight(...ranges);
      h.priority = P.LAYERS.indexOf(layer);
      const name = HIGHLIGHT_PREFIX + layer;
      CSS.highlights.set(name, h);
      drawn.names.push(name);
    }
  }

  /**
   * Fallback: split text nodes at every mark boundary and wrap each covered
   * piece in one <newslens-mark data-nl="layer layer ..."> (one wrapper per
   * piece, so marks of different layers never need to nest).
   */
  function drawElements(located) {
    const segs = extracted.segments;
    // Per text node: intervals in node offsets, with the mark they belong to.
    const perNode = new Map();
    for (const { mark, loc } of located) {
      for (let k = loc.a; k <= loc.z; k++) {
        const s = segs[k];
        const i0 = k === loc.a ? loc.ia : 0;
        const i1 = k === loc.z ? loc.iz : s.map.length - 1;
        if (i1 < i0) continue;
        const from = s.map[i0];
        const to = s.map[i1] + 1;
        if (!perNode.has(s.node)) perNode.set(s.node, []);
        perNode.get(s.node).push({ from, to, mark });
      }
    }
    for (const [node, spans] of perNode) {
      const cuts = new Set([0, node.data.length]);
      for (const s of spans) {
        cuts.add(s.from);
        cuts.add(s.to);
      }
      const points = [...cuts].sort((x, y) => x - y);
      // Split from the end so the earlier offsets stay valid in `node`.
      const pieces = [];
      for (let i = points.length - 2; i >= 1; i--) pieces.unshift(node.splitText(points[i]));
      pieces.unshift(node);
      if (pieces.length > 1) drawn.splits.set(node, pieces.slice(1));
      for (let i = 0; i < pieces.length; i++) {
        const lo = points[i];
        const hi = points[i + 1];
        const cover = spans.filter((s) => s.from <= lo && s.to >= hi && hi > lo).map((s) => s.mark);
        if (!cover.length) continue;
        const layers = [...new Set(cover.map((m) => m.layer))].sort((x, y) => P.LAYERS.indexOf(x) - P.LAYERS.indexOf(y));
        const w = document.createElement(MARK_TAG);
        w.setAttribute("data-nl", layers.join(" "));
        pieces[i].parentNode.insertBefore(w, pieces[i]);
        w.appendChild(pieces[i]);
        drawn.wrappers.push(w);
        drawn.labels.set(w, cover.map((m) => m.label));
      }
    }
  }

  function clear() {
    let removed = 0;
    if (drawn) {
      for (const name of drawn.names) {
        if (CSS.highlights.delete(name)) removed++;
      }
      if (highlightApi()) CSS.highlights.delete(HIGHLIGHT_PREFIX + "focus");
      clearTimeout(drawn.focusTimer);
      for (const w of drawn.wrappers) {
        const parent = w.parentNode;
        if (parent) {
          while (w.firstChild) parent.insertBefore(w.firstChild, w);
          parent.removeChild(w);
        }
        removed++;
      }
      // Re-join split text nodes, so the page keeps its original node objects.
      for (const [node, tails] of drawn.splits) {
        let joined = node.data;
        for (const t of tails) {
          joined += t.data;
          if (t.parentNode) t.parentNode.removeChild(t);
        }
        node.data = joined;
      }
      drawn = null;
    }
    document.removeEventListener("mousemove", onPointer, { capture: true });
    document.removeEventListener("scroll", hideTip, { capture: true });
    cancelAnimationFrame(hoverFrame);
    hoverFrame = 0;
    if (tip) {
      tip.host.remove();
      tip = null;
    }
    return { ok: true, removed };
  }

  // ---------------------------------------------------------------- hover details

  function onPointer(e) {
    lastPointer = e;
    if (!hoverFrame) hoverFrame = requestAnimationFrame(hover);
  }

  function hover() {
    hoverFrame = 0;
    const e = lastPointer;
    if (!drawn || !e) return;
    const labels = labelsAt(e);
    if (!labels.length) return hideTip();
    showTip(labels, e.clientX, e.clientY);
  }

  function labelsAt(e) {
    if (drawn.mode === "element") {
      const w = e.target && e.target.closest ? e.target.closest(MARK_TAG) : null;
      return (w && drawn.labels.get(w)) || [];
    }
    const pos = caretAt(e.clientX, e.clientY);
    if (!pos || !extracted) return [];
    const seg = extracted.byNode.get(pos.node);
    if (!seg || !intact(seg)) return [];
    // The caret sits between two characters: take the one under the pointer.
    let at = -1;
    for (const off of [pos.offset, pos.offset - 1]) {
      if (off < 0 || off >= pos.node.data.length) continue;
      const r = document.createRange();
      r.setStart(pos.node, off);
      r.setEnd(pos.node, off + 1);
      const box = r.getBoundingClientRect();
      if (e.clientX >= box.left - 1 && e.clientX <= box.right + 1 && e.clientY >= box.top - 1 && e.clientY <= box.bottom + 1) {
        // Last code unit of the text mapped at or before `off`.
        let lo = 0;
        let hi = seg.map.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (seg.map[mid] <= off) lo = mid + 1;
          else hi = mid;
        }
        if (lo > 0) at = seg.start + lo - 1;
        break;
      }
    }
    if (at < 0) return [];
    return drawn.marks.filter((m) => m.start <= at && at < m.end).map((m) => m.label);
  }

  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      return p && p.offsetNode && p.offsetNode.nodeType === 3 ? { node: p.offsetNode, offset: p.offset } : null;
    }
    if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      return r && r.startContainer.nodeType === 3 ? { node: r.startContainer, offset: r.startOffset } : null;
    }
    return null;
  }

  function showTip(labels, x, y) {
    if (!tip) {
      const host = document.createElement(TIP_TAG);
      const shadow = host.attachShadow({ mode: "closed" });
      const box = document.createElement("div");
      shadow.appendChild(box);
      // CSSOM only: works under a page CSP without 'unsafe-inline' styles.
      for (const [k, v] of Object.entries({ position: "fixed", "z-index": "2147483647", "pointer-events": "none", display: "none", top: "0", left: "0" })) {
        host.style.setProperty(k, v, "important");
      }
      for (const [k, v] of Object.entries({
        "max-width": "22rem", padding: "6px 8px", "border-radius": "6px", background: "#1d2330", color: "#f4f6fa",
        font: "13px/1.35 system-ui, sans-serif", "box-shadow": "0 2px 10px rgba(0,0,0,.3)", "white-space": "pre-line",
      })) {
        box.style.setProperty(k, v);
      }
      document.documentElement.appendChild(host);
      tip = { host, box };
    }
    // One block per highlight under the pointer: a bold heading, then lines.
    tip.box.replaceChildren(
      ...labels.map((label, i) => {
        const [head, ...rest] = label.split("\n");
        const item = document.createElement("div");
        if (i) item.style.setProperty("margin-top", "6px");
        const strong = document.createElement("strong");
        strong.textContent = head;
        item.append(strong, ...rest.map((line) => Object.assign(document.createElement("div"), { textContent: line })));
        return item;
      }),
    );
    const h = tip.host;
    h.style.setProperty("display", "block", "important");
    const left = Math.min(x + 12, innerWidth - 280);
    const top = y + 18 + 80 > innerHeight ? y - 80 : y + 18;
    h.style.setProperty("left", `${Math.max(0, left)}px`, "important");
    h.style.setProperty("top", `${Math.max(0, top)}px`, "important");
  }

  function hideTip() {
    if (tip) tip.host.style.setProperty("display", "none", "important");
  }

  // ---------------------------------------------------------------- reveal (side panel click)

  function reveal(start, end) {
    if (!extracted) return { ok: false, error: "page not annotated" };
    const loc = locate(start, end);
    if (!loc) return { ok: false, error: "span not on the page" };
    let range;
    if (drawn && drawn.mode === "element") {
      // The nodes were split; find the wrapper or piece holding the start.
      const seg = extracted.segments[loc.a];
      const off = seg.map[loc.ia];
      let node = seg.node;
      let base = 0;
      for (const t of drawn.splits.get(seg.node) || []) {
        if (off < base + node.data.length) break;
        base += node.data.length;
        node = t;
      }
      range = document.createRange();
      range.setStart(node, off - base);
      range.setEnd(node, Math.min(off - base + 1, node.data.length));
    } else {
      range = toRange(loc);
      if (highlightApi()) {
        const h = new Highlight(...pieceRanges(loc));
        h.priority = P.LAYERS.length;
        CSS.highlights.set(HIGHLIGHT_PREFIX + "focus", h);
        if (drawn) {
          clearTimeout(drawn.focusTimer);
          drawn.focusTimer = setTimeout(() => CSS.highlights.delete(HIGHLIGHT_PREFIX + "focus"), 2500);
        }
      }
    }
    const el = range.startContainer.parentElement;
    const smooth = document.visibilityState === "visible" && !matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (el) el.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "instant" });
    return { ok: true };
  }

  // ---------------------------------------------------------------- messages

  chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || typeof msg.type !== "string") return false;
    try {
      switch (msg.type) {
        case P.PROBE:
          reply({
            active: !!drawn,
            mode: drawn ? drawn.mode : null,
            textLength: extracted ? extracted.text.length : 0,
            ...(msg.withText && extracted ? { text: extracted.text, title: extractedTitle, url: location.href } : {}),
          });
          break;
        case P.EXTRACT:
          reply(extract());
          break;
        case P.APPLY:
          reply(apply(Array.isArray(msg.marks) ? msg.marks : [], msg.mode || "auto"));
          break;
        case P.CLEAR:
          reply(clear());
          extracted = null;
          break;
        case P.REVEAL:
          reply(reveal(msg.start, msg.end));
          break;
        default:
          return false;
      }
    } catch (err) {
      reply({ ok: false, error: String((err && err.message) || err) });
    }
    return false;
  });
})();
