// newslens content script, part 3 of 6: drawing the marks, and removing them.
//
// Draws the engine's spans onto the text nodes they came from: CSS Custom
// Highlight API ranges (no DOM change at all), or <newslens-mark> wrappers
// where the browser lacks it (hypothesis' highlighter shape). clear() removes
// every trace: highlights, wrappers (split text nodes are re-joined, so the
// page keeps its own node objects), and through tip.js the hover listeners and
// the tooltip. reveal() scrolls to a span and flashes it (side panel clicks).
//
// Exports: NL.apply(marks, mode), NL.clear(), NL.reveal(start, end), and the
//   state NL.drawn (what is drawn now, or null; only this file writes it).
// Needs: protocol.js (NewsLensProtocol.LAYERS), article.js (NL.MARK_TAG),
//   text.js (NL.locate, NL.pieceRanges, NL.toRange, NL.inHidden), tip.js (NL.tooltipOn,
//   NL.tooltipOff, called only once a message arrives), and NL.extracted
//   (the text follow.js built last, or null).
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const P = globalThis.NewsLensProtocol;
  const { MARK_TAG } = NL;
  const { locate, pieceRanges, toRange } = NL;
  const HIGHLIGHT_PREFIX = "newslens-";

  /**
   * What is drawn now.
   * @type {null | {mode: "highlight"|"element", marks: Mark[], names: string[],
   *   wrappers: Element[], splits: Map<Text, Text[]>, labels: WeakMap<Element, string[]>,
   *   focusTimer: number}}
   * @typedef {{start: number, end: number, layer: string, label: string}} Mark
   */
  NL.drawn = null;

  function highlightApi() {
    return typeof CSS !== "undefined" && CSS.highlights && typeof Highlight === "function";
  }

  /**
   * The page's stylesheet (highlight.css, inserted by the background) does
   * not reach into shadow roots: each open shadow root that holds marks
   * adopts a copy of it while they are drawn (CSSOM, no DOM change).
   */
  function styleShadowRoots(drawn, css, nodes) {
    if (!css || typeof CSSStyleSheet !== "function") return;
    for (const n of nodes) {
      const root = n.getRootNode();
      if (!(root instanceof ShadowRoot) || drawn.roots.has(root)) continue;
      let sheet = null;
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch (_) {
        sheet = null; // the marks are there, unstyled
      }
      drawn.roots.set(root, sheet);
    }
  }

  function apply(marks, mode, css) {
    // A redraw (a page change, the tagger's refinement) keeps the legend's
    // host, so its state and the reader's focus in it survive.
    clear(true);
    const extracted = NL.extracted;
    if (!extracted) NL.tooltipOff();
    if (!extracted) return { ok: false, mode: "highlight", drawn: 0, skipped: marks.length, error: "nothing extracted" };
    const useHighlights = mode === "highlight" || (mode !== "element" && highlightApi());
    if (useHighlights && !highlightApi()) {
      return { ok: false, mode: "highlight", drawn: 0, skipped: marks.length, error: "CSS Custom Highlight API missing" };
    }
    const drawn = (NL.drawn = { mode: useHighlights ? "highlight" : "element", marks: [], names: [], wrappers: [], splits: new Map(), labels: new WeakMap(), focusTimer: 0, roots: new Map() });
    let skipped = 0;
    let hidden = 0;
    const located = [];
    for (const m of marks) {
      // Text the reader cannot see is not marked as if it were visible.
      if (NL.inHidden(extracted.hidden, m.start, m.end)) {
        hidden++;
        continue;
      }
      const loc = locate(extracted, m.start, m.end, drawn.splits);
      if (!loc || !P.LAYERS.includes(m.layer)) {
        skipped++;
        continue;
      }
      located.push({ mark: m, loc });
      drawn.marks.push(m);
    }
    const nodes = new Set();
    for (const { loc } of located) for (let k = loc.a; k <= loc.z; k++) nodes.add(extracted.segments[k].node);
    styleShadowRoots(drawn, css, nodes);
    if (useHighlights) drawHighlights(extracted, drawn, located);
    else drawElements(extracted, drawn, located);
    NL.tooltipOn();
    return { ok: true, mode: drawn.mode, drawn: located.length, skipped, hidden };
  }

  function drawHighlights(extracted, drawn, located) {
    const byLayer = new Map();
    for (const { mark, loc } of located) {
      if (!byLayer.has(mark.layer)) byLayer.set(mark.layer, []);
      byLayer.get(mark.layer).push(...pieceRanges(extracted, loc));
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
  function drawElements(extracted, drawn, located) {
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

  function clear(keepTip = false) {
    let removed = 0;
    const drawn = NL.drawn;
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
      for (const [root, sheet] of drawn.roots) {
        if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((x) => x !== sheet);
      }
      NL.drawn = null;
    }
    if (!keepTip) NL.tooltipOff();
    return { ok: true, removed };
  }

  // ---------------------------------------------------------------- reveal (side panel click)

  function reveal(start, end) {
    const { extracted, drawn } = NL;
    if (!extracted) return { ok: false, error: "page not annotated" };
    if (NL.inHidden(extracted.hidden, start, end)) return { ok: false, hidden: true, error: "that text is hidden on the page (clipped or covered)" };
    const loc = locate(extracted, start, end, drawn && drawn.splits);
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
      range = toRange(extracted, loc);
      if (highlightApi()) {
        const h = new Highlight(...pieceRanges(extracted, loc));
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

  Object.assign(NL, { apply, clear, reveal });
})();
