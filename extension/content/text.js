// newslens content script, part 2 of 6: the engine's text and its offset map.
//
// Builds the text the engine reads from the article's live text nodes,
// collapsing whitespace as the browser renders it, and keeps, for every UTF-16
// code unit of the text, the (text node, offset) it came from; maps the
// engine's spans back to live positions and Ranges. Holds no state: the text
// is passed in (follow.js keeps it as NL.extracted) and so are the text nodes
// draw.js split (`splits`, a Map<Text, Text[]> of each split node's tails).
//
// Exports: NL.buildText(nodes) -> Built, NL.locate(built, start, end, splits),
//   NL.intact(seg, splits), NL.toRange(built, loc), NL.pieceRanges(built, loc),
//   NL.unitAt(seg, offset), NL.hiddenSpans(built) (the spans the reader cannot
//   see), NL.inHidden(hidden, start, end).
// Needs: article.js (NL.SKIP_TAGS, NL.isSkipped, NL.flatParent, NL.walkFlat,
//   NL.flatContains).
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const { SKIP_TAGS, isSkipped, flatParent, walkFlat } = NL;
  const PHRASING = new Set(["SPAN", "A", "B", "I", "EM", "STRONG", "SMALL", "SUB", "SUP", "MARK", "Q", "ABBR", "CITE", "CODE", "FONT", "LABEL", "TIME", "U", "S", "DFN", "VAR", "KBD", "SAMP", "DATA"]);
  // <q> gets its quotation marks from CSS, not from its text; the engine needs
  // them, so the text gets them too (they map to no page character).
  const Q_MARKS = [["\u201c", "\u201d"], ["\u2018", "\u2019"]];

  /**
   * The text built from the page and how to find each of its code units.
   * @typedef {{text: string, segments: Segment[], byNode: Map<Text, Segment>}} Built
   * @typedef {{node: Text, data: string, start: number, map: number[]}} Segment
   *   Code unit `start + i` of the text is code unit `map[i]` of `node.data`
   *   (`data` is node.data when the text was built, to notice later edits).
   */

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
      for (let e = flatParent(node); e; e = flatParent(e)) {
        if (e === document.body || e === document.documentElement || isBlock(e)) return e;
      }
      return null;
    };
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
    const closeQuote = () => {
      const q = quotes.pop();
      if (!q.open) return;
      if (out.length && out[out.length - 1] === " ") dropLastSpace(out, segments);
      out.push(Q_MARKS[quotes.filter((x) => x.open).length % 2][1]);
      lastSpace = false;
    };
    const onText = (n) => {
      if (!wanted.has(n)) return;
      wanted.delete(n);
      // Slotted text and the top of a shadow root: the light parent or the host.
      const parent = n.parentElement || flatParent(n);
      if (!parent || isSkipped(parent) || !visible(parent)) return;
      if (!/\S/.test(n.data) && !quotes.length && lastSpace) return;
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
    };
    // The flat tree (open shadow roots included), in rendering order.
    walkFlat(document.documentElement, (n, enter) => {
      if (n.nodeType === 3) {
        if (enter) onText(n);
        return;
      }
      if (n.nodeType !== 1) return;
      if (enter) {
        if (SKIP_TAGS.has(n.tagName)) return false;
        if (n.tagName === "BR" && out.length && !pending && wanted.size) {
          // Only a <br> between two article nodes of one block counts; a
          // block change below overrides it.
          pending = "\n";
          lastSpace = true;
        } else if (n.tagName === "Q") {
          quotes.push({ el: n, open: false });
        }
      } else if (n.tagName === "Q") {
        closeQuote();
      }
    });
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
  function intact(seg, splits) {
    if (!seg.node.isConnected) return false;
    // While <newslens-mark>s are drawn, the node's tail lives in split-off nodes.
    const tails = splits && splits.get(seg.node);
    return (tails ? seg.node.data + tails.map((t) => t.data).join("") : seg.node.data) === seg.data;
  }

  /**
   * Maps a span of `built.text` to live positions: {a, ia, z, iz}, the span
   * runs from code unit `ia` of segment `a` (an index into its map) to unit
   * `iz` of segment `z`, inclusive; null when the span covers no page text or
   * the page changed those nodes since.
   */
  function locate(built, start, end, splits) {
    const segs = built ? built.segments : [];
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
    for (let k = a; k <= z; k++) if (!intact(segs[k], splits)) return null;
    return { a, ia, z, iz };
  }

  function toRange(built, loc) {
    const segs = built.segments;
    const r = document.createRange();
    const sa = segs[loc.a];
    const sz = segs[loc.z];
    r.setStart(sa.node, sa.map[loc.ia]);
    r.setEnd(sz.node, sz.map[loc.iz] + 1);
    return r;
  }

  /**
   * Last code unit of the text mapped at or before `offset` in `seg.node`, or
   * -1 when none is.
   */
  function unitAt(seg, offset) {
    let lo = 0;
    let hi = seg.map.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seg.map[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? seg.start + lo - 1 : -1;
  }

  /**
   * One Range per text node a mark covers, not one from its first to its last
   * character: a range across nodes would also paint whatever lies between
   * them (an ad or a share box inside the article).
   */
  function pieceRanges(built, loc) {
    const segs = built.segments;
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

  // ---------------------------------------------------------------- text the reader cannot see

  /**
   * Spans of `built.text` the reader cannot see although they are rendered:
   * clipped away by an ancestor's overflow (a truncated story), or under an
   * opaque overlay placed over them (a paywall panel; a fixed one only when
   * it covers the whole window). [{start, end}], sorted, merged.
   */
  function hiddenSpans(built) {
    const overlays = [];
    const vw = innerWidth;
    const vh = innerHeight;
    NL.walkFlat(document.body || document.documentElement, (el, enter) => {
      if (!enter || el.nodeType !== 1) return;
      if (SKIP_TAGS.has(el.tagName)) return false;
      const cs = getComputedStyle(el);
      if (cs.display === "none") return false;
      if (cs.position !== "absolute" && cs.position !== "fixed") return;
      if (cs.visibility !== "visible" || Number(cs.opacity) < 0.9 || !opaque(cs.backgroundColor)) return;
      const r = el.getBoundingClientRect();
      if (r.width < 100 || r.height < 40) return;
      const fixed = cs.position === "fixed";
      if (fixed && !(r.left <= 0 && r.top <= 0 && r.right >= vw && r.bottom >= vh)) return;
      // A fixed panel over the whole window hides all the page, wherever it scrolls.
      overlays.push({ el, r, all: fixed });
    });
    // element -> {clip: its clip box in client coordinates, or null; scroller:
    // can the reader scroll it (overflow auto or scroll)?}
    const clipCache = new Map();
    const clipOf = (el) => {
      let c = clipCache.get(el);
      if (c === undefined) {
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const box = { left: r.left + el.clientLeft, top: r.top + el.clientTop, right: r.left + el.clientLeft + el.clientWidth, bottom: r.top + el.clientTop + el.clientHeight };
        const scroller = /auto|scroll/.test(cs.overflowX) || /auto|scroll/.test(cs.overflowY);
        c = { clip: /hidden|clip/.test(cs.overflowX) || /hidden|clip/.test(cs.overflowY) ? box : null, scroller, rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom } };
        clipCache.set(el, c);
      }
      return c;
    };
    const hidden = (seg) => {
      const range = document.createRange();
      range.setStart(seg.node, seg.map[0]);
      range.setEnd(seg.node, seg.map[seg.map.length - 1] + 1);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) return false;
      const text = { left: Math.min(...rects.map((r) => r.left)), top: Math.min(...rects.map((r) => r.top)), right: Math.max(...rects.map((r) => r.right)), bottom: Math.max(...rects.map((r) => r.bottom)) };
      // Walking up: text inside a container the reader can scroll can be
      // brought into its view, so above it what counts is that container's
      // box. The document itself scrolls (<html> and <body> never clip here).
      let box = text;
      for (let e = flatParent(seg.node); e && e !== document.body && e !== document.documentElement; e = flatParent(e)) {
        const c = clipOf(e);
        const k = c.clip;
        if (k && !(box.right > k.left && box.left < k.right && box.bottom > k.top && box.top < k.bottom)) return true;
        if (c.scroller) box = c.rect;
      }
      const box0 = text;
      for (const o of overlays) {
        if (NL.flatContains(o.el, seg.node)) continue;
        if (o.all) return true;
        if (box0.left >= o.r.left - 1 && box0.right <= o.r.right + 1 && box0.top >= o.r.top - 1 && box0.bottom <= o.r.bottom + 1) return true;
      }
      return false;
    };
    const out = [];
    for (let k = 0; k < built.segments.length; k++) {
      const seg = built.segments[k];
      if (!seg.map.length || !hidden(seg)) continue;
      const start = seg.start;
      const end = seg.start + seg.map.length;
      const last = out[out.length - 1];
      // Hidden segments next to each other (a separator between them) make one span.
      if (last && k > 0 && last.seg === k - 1) {
        last.end = end;
        last.seg = k;
      } else out.push({ start, end, seg: k });
    }
    return out.map(({ start, end }) => ({ start, end }));
  }

  function opaque(color) {
    const m = /rgba?\(([^)]+)\)/.exec(color);
    if (!m) return color !== "transparent";
    const parts = m[1].split(/[\s,/]+/).filter(Boolean);
    return parts.length < 4 || Number(parts[3]) >= 0.9;
  }

  /** Does [start, end) overlap a hidden span? */
  function inHidden(hidden, start, end) {
    return !!hidden && hidden.some((h) => start < h.end && end > h.start);
  }

  Object.assign(NL, { hiddenSpans, inHidden, buildText, locate, intact, toRange, pieceRanges, unitAt });
})();
