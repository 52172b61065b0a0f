// newslens content script, part 1 of 6: finding the article. No engine, no network.
//
// Injected on demand by background.js (CONTENT_FILES, in order) into the
// extension's isolated world: protocol.js, vendor/Readability.js, then
// content/article.js, content/text.js, content/draw.js, content/tip.js,
// content/follow.js and content.js, plain scripts sharing one namespace, globalThis.__newslensContent
// (called NL in each file). This file creates it.
//
// Readability runs on a copy of the page with its open shadow roots
// flattened in (the flat tree: what is rendered); every text node it keeps is
// traced back to its twin in the live page. Ad slots and related / read-more
// / newsletter / "most read" boxes inside the story are dropped, and a page
// that reads as a list of stories is told apart (listingReason).
//
// Exports: NL.MARK_TAG, NL.TIP_TAG (newslens' own elements, drawn by draw.js
//   and tip.js), NL.SKIP_TAGS and NL.isSkipped(el) (subtrees whose text is
//   never article text), the flat tree: NL.flatParent(node),
//   NL.flatContains(outer, inner), NL.shadowRoots(), NL.walkFlat(root, visit),
//   NL.textNodes(root); NL.readabilityNodes(liveTexts) (the article, with its
//   headline and standfirst, without boxes), NL.bodyNodes(liveTexts),
//   NL.furnitureOf(el, top) (the ad slot or box around el), NL.selectionBoxes(),
//   NL.listingReason(nodes).
// Needs: Readability (vendor/Readability.js; without it, no article is found).
(() => {
  "use strict";
  const NL = (globalThis.__newslensContent ??= {});
  if (NL.ready) return; // injected before: that copy keeps its state

  NL.MARK_TAG = "newslens-mark";
  NL.TIP_TAG = "newslens-tip";
  // Subtrees whose text is never article text.
  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "SELECT", "OPTION", "svg", "math", "CANVAS", "IFRAME", "OBJECT", "BUTTON", NL.MARK_TAG.toUpperCase(), NL.TIP_TAG.toUpperCase()]);
  // Used only when Readability finds no article.
  const CHROME_TAGS = new Set(["NAV", "HEADER", "FOOTER", "ASIDE", "FORM", "DIALOG", "MENU"]);
  const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu", "menubar"]);
  // Readability sometimes keeps an ad slot next to the story; one of these
  // class or id words on an ancestor drops its text.
  const AD_WORD = /^(ad|ads|adv|advert|adverts|advertisement|advertising|adsbygoogle|adslot|sponsor|sponsored|promo|promoted|outbrain|taboola)$/i;

  // ---------------------------------------------------------------- the flat tree
  // Open shadow roots are part of the page: the text is read, and marks are
  // drawn, in the flat tree (what is rendered): a host's shadow root stands
  // in for its children, a <slot> for the nodes assigned to it (or for its
  // fallback content when none are).

  /** The children of `node` in the flat tree. */
  function flatChildren(node) {
    if (node.nodeType === 1) {
      if (node.shadowRoot) return node.shadowRoot.childNodes;
      if (node.tagName === "SLOT" && typeof node.assignedNodes === "function" && node.getRootNode() instanceof ShadowRoot) {
        const assigned = node.assignedNodes();
        if (assigned.length) return assigned;
      }
    }
    return node.childNodes;
  }

  /** The parent element of `node` in the flat tree (a host for the top of its shadow root). */
  function flatParent(node) {
    if (node.assignedSlot) return node.assignedSlot;
    const p = node.parentNode;
    if (!p) return null;
    if (p.nodeType === 11) return p.host || null; // a ShadowRoot (a DocumentFragment has no host)
    return p.nodeType === 1 ? p : null;
  }

  /** Is `inner` `outer` or inside it, in the flat tree? */
  function flatContains(outer, inner) {
    for (let n = inner; n; n = flatParent(n)) if (n === outer) return true;
    return false;
  }

  /** Every open shadow root under `root` (nested ones too). */
  function shadowRoots(root = document.documentElement) {
    const out = [];
    const visit = (node) => {
      for (const c of node.childNodes) {
        if (c.nodeType !== 1) continue;
        if (c.shadowRoot) {
          out.push(c.shadowRoot);
          visit(c.shadowRoot);
        }
        visit(c);
      }
    };
    if (root) visit(root);
    return out;
  }

  function isSkipped(el) {
    for (let e = el; e; e = flatParent(e)) {
      if (SKIP_TAGS.has(e.tagName)) return true;
    }
    return false;
  }

  /**
   * Every node under `root` in flat-tree order, calling `visit(node, enter)`
   * with enter true before a node's children and false after them; `visit`
   * returning false on enter skips the children (and the exit call).
   */
  function walkFlat(root, visit) {
    const go = (node) => {
      if (visit(node, true) === false) return;
      for (const c of flatChildren(node)) go(c);
      visit(node, false);
    };
    go(root);
  }

  /** Every text node of `root` (in the flat tree), in rendering order. */
  function textNodes(root) {
    const out = [];
    walkFlat(root, (n, enter) => {
      if (enter && n.nodeType === 3) out.push(n);
    });
    return out;
  }

  /**
   * A copy of the page with its open shadow roots flattened in (what a reader
   * sees, for Readability), and `twin`: each copied text node -> its live one.
   */
  function flatClone() {
    const doc = document.implementation.createHTMLDocument("");
    const twin = new Map();
    const copy = (node, into) => {
      if (node.nodeType === 3) {
        const t = doc.createTextNode(node.data);
        twin.set(t, node);
        into.appendChild(t);
        return;
      }
      if (node.nodeType !== 1) return;
      // A slot stands for what it shows: its children are copied in its place.
      if (node.tagName === "SLOT" && node.getRootNode() instanceof ShadowRoot) {
        for (const c of flatChildren(node)) copy(c, into);
        return;
      }
      const el = doc.importNode(node, false);
      into.appendChild(el);
      for (const c of flatChildren(node)) copy(c, el);
    };
    const root = document.documentElement;
    doc.replaceChild(doc.importNode(root, false), doc.documentElement);
    for (const c of flatChildren(root)) copy(c, doc.documentElement);
    return { clone: doc, twin };
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
    const { clone, twin } = flatClone();

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
      const tags = new Set([...unmatchedBlocks].map((b) => b.tagName));
      walkFlat(document.body || document.documentElement, (el, enter) => {
        if (!enter || el.nodeType !== 1 || !tags.has(el.tagName)) return;
        const k = el.tagName + "\u0000" + squash(flatText(el));
        const want = byKey.get(k);
        if (!want) return;
        byKey.set(k, want - 1);
        for (const t of textNodes(el)) keep.add(t);
      });
    }
    const kept = liveTexts.filter((t) => keep.has(t));
    if (!kept.length) return { nodes: kept, title: article.title || "", boxes: [] };
    // Only ad slots and boxes inside the story count: a wrapper around the
    // whole story may well be called "page-with-ads".
    const top = commonFlatAncestor(kept[0], kept[kept.length - 1]);
    const boxes = new Set();
    furnitureOf.cache = new WeakMap();
    const nodes = kept.filter((t) => {
      const box = furnitureOf(flatParent(t), top);
      if (box && box.kind === "box") boxes.add(box.label);
      return !box;
    });
    const { head, drop } = headNodes(liveTexts, nodes, article.title || "");
    const wanted = new Set([...head, ...nodes.filter((t) => !drop.has(t))]);
    const all = head.length || drop.size ? liveTexts.filter((t) => wanted.has(t)) : nodes;
    return { nodes: all, title: article.title || "", boxes: [...boxes], headline: head.length > 0 };
  }

  // ---------------------------------------------------------------- headline and standfirst
  // Readability takes the headline as the title and often leaves out the
  // standfirst (the summary under it); both are read with the body.
  const META_WORDS = /(?:^|[\s_-])(byline|dateline|author|authors|date|time|timestamp|meta|credit|credits|caption|share|sharing|social|kicker|eyebrow|label|tags?|breadcrumbs?|category|section|topic|updated|published|reading[\s_-]?time)(?:$|[\s_-])/i;
  const STANDFIRST_WORDS = /(?:^|[\s_-])(standfirst|dek|deck|subtitle|sub[\s_-]?headline|subhead|summary|lede|lead|intro|strap|strapline|description|excerpt)(?:$|[\s_-])/i;

  /**
   * The live text nodes of the headline and the standfirst that the body
   * (`nodes`) lacks: the <h1> that reads as the title, and the text blocks
   * between it and the body that are neither bylines, dates, captions nor
   * boxes.
   */
  /** Is `el` in the site's header, navigation or footer (not the story's own <header>)? */
  function inMasthead(el) {
    let chrome = false;
    for (let e = flatParent(el); e; e = flatParent(e)) {
      if (e.tagName === "ARTICLE" || e.tagName === "MAIN" || e.getAttribute("role") === "main") return false;
      const role = e.getAttribute("role");
      if (/^(HEADER|FOOTER|NAV)$/.test(e.tagName) || (role && CHROME_ROLES.has(role))) chrome = true;
    }
    return chrome;
  }

  function headNodes(liveTexts, nodes, title) {
    const none = { head: [], drop: new Set() };
    if (!nodes.length) return none;
    const inBody = new Set(nodes);
    const index = new Map(liveTexts.map((t, i) => [t, i]));
    const last = index.get(nodes[nodes.length - 1]);
    const want = squash(title).toLowerCase();
    let h1 = null;
    let best = -1;
    walkFlat(document.body || document.documentElement, (el, enter) => {
      if (!enter || el.nodeType !== 1) return;
      if (SKIP_TAGS.has(el.tagName)) return false;
      if (el.tagName !== "H1" && el.tagName !== "H2") return;
      const text = squash(flatText(el)).toLowerCase();
      if (!text) return false;
      const ts = textNodes(el);
      if (ts.some((t) => inBody.has(t)) || !(index.get(ts[0]) < last)) return false; // kept already, or after the body
      // 3: the title itself; 2: most of it; 1: an <h1> that is not the site's
      // (a logo in the masthead is no headline). An <h2> only as the title.
      const score = text === want ? 3 : want && (text.includes(want) || (want.includes(text) && text.length >= 0.6 * want.length)) ? 2 : el.tagName === "H1" && !inMasthead(el) ? 1 : 0;
      if (score > best && score > 0) {
        best = score;
        h1 = el;
      }
      return false;
    });
    if (!h1) return none;
    const top = commonFlatAncestor(h1, nodes[0]);
    const boxed = (el) => {
      for (let e = el; e && e !== top; e = flatParent(e)) if (boxLabel(e)) return true;
      return false;
    };
    if (boxed(h1)) return none;
    const head = textNodes(h1);
    const after = index.get(head[head.length - 1]);
    // The body starts with the first kept node after the headline.
    let first = after + 1;
    while (first < liveTexts.length && !inBody.has(liveTexts[first])) first++;
    // Between the headline and the body: the standfirst, if any.
    const blockOf = (t) => {
      for (let e = flatParent(t); e; e = flatParent(e)) if (/^(P|DIV|H2|H3|SECTION|HEADER|LI|SPAN)$/.test(e.tagName) && getComputedStyle(e).display !== "inline") return e;
      return null;
    };
    const isMeta = (block) => {
      for (let e = block; e && e !== top && e !== document.body; e = flatParent(e)) {
        if (META_WORDS.test(`${e.id} ${typeof e.className === "string" ? e.className : ""}`) || /^(TIME|FIGURE|FIGCAPTION|ADDRESS|NAV|BUTTON)$/.test(e.tagName)) return true;
      }
      return false;
    };
    const verdict = new Map();
    const isStandfirst = (block) => {
      let v = verdict.get(block);
      if (v !== undefined) return v;
      v = false;
      const meta = isMeta(block);
      let named = false;
      for (let e = block; e && e !== h1.parentElement && e !== document.body; e = flatParent(e)) {
        if (STANDFIRST_WORDS.test(`${e.id} ${typeof e.className === "string" ? e.className : ""}`)) named = true;
      }
      const text = squash(flatText(block));
      if (!meta && !boxed(block) && !/^by\s/i.test(text) && (named || text.length >= 60)) v = true;
      verdict.set(block, v);
      return v;
    };
    for (let i = after + 1; i < first; i++) {
      const t = liveTexts[i];
      if (!t.data.trim()) continue;
      const block = blockOf(t);
      if (block && !flatContains(block, h1) && isStandfirst(block)) head.push(t);
    }
    // Kept text above the headline that is a kicker, a date or a byline.
    const drop = new Set();
    for (const t of nodes) {
      if (index.get(t) > after) break;
      const block = blockOf(t);
      if (block && isMeta(block)) drop.add(t);
    }
    return { head, drop };
  }

  /** The text of `el` in the flat tree. */
  function flatText(el) {
    return textNodes(el).map((t) => t.data).join("");
  }

  function commonFlatAncestor(a, b) {
    const up = new Set();
    for (let n = a; n; n = flatParent(n)) up.add(n);
    for (let n = b; n; n = flatParent(n)) if (up.has(n)) return n;
    return document.documentElement;
  }

  // ---------------------------------------------------------------- boxes inside the story
  // Ad slots, and related / read-more / newsletter / "most read" boxes: their
  // text is not the article's. Found by class, id or aria-label words, by the
  // element (<aside>, <form>, role=complementary inside the story), by a short
  // heading that names such a box, or by a "Read more:" line.
  const BOX_WORDS = /(?:^|[\s_-])(related|recommended|recirc\w*|newsletters?|signup|subscribe|subscription|trending|popular|most[\s_-]?(?:read|viewed|popular|shared)|read[\s_-]?(?:more|next|also)|more[\s_-]?(?:stories|news|on[\s_-]?this|from)|also[\s_-]?read|see[\s_-]?also|further[\s_-]?reading|you[\s_-]?may[\s_-]?(?:also[\s_-]?)?like|paywall|regwall|outbrain|taboola)(?:$|[\s_-])/i;
  const BOX_HEADING = /^(?:related(?: stories| articles| coverage| content| news)?|read (?:more|also|next)|more (?:on this(?: story| topic)?|from [\w\s’'-]{1,30}|stories|news)|also read|most (?:read|viewed|popular|shared)(?: today| this week)?|trending(?: now| stories)?|popular(?: now| stories)?|recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?like|see also|further reading|(?:sign up|subscribe)\b[\w\s’'-]{0,40}|[\w\s’'-]{0,30}\bnewsletters?\b[\w\s’'-]{0,30})[:.!]?$/i;
  const READ_MORE_LINE = /^(?:read more|read also|read next|also read|related|see also|more on this(?: story)?)\s*[:|»›>]/i;
  const BOX_TAGS = new Set(["ASIDE", "FORM", "NAV", "DIALOG"]);

  /**
   * Is `el` an ad slot or a box that is not article text? Returns
   * {kind: "ad"|"box", label} or null. `label` names the box for the reader
   * ("Related stories", "newsletter").
   */
  function boxLabel(el) {
    const words = `${el.id} ${typeof el.className === "string" ? el.className : ""}`;
    if (words.split(/[\s_-]+/).some((w) => AD_WORD.test(w)) || /^advertisement$/i.test(el.getAttribute("aria-label") || "")) return { kind: "ad", label: "advertisement" };
    const lead = leadText(el);
    if (BOX_TAGS.has(el.tagName) || el.getAttribute("role") === "complementary") return { kind: "box", label: lead || el.tagName.toLowerCase() };
    const m = words.match(BOX_WORDS) || (el.getAttribute("aria-label") || "").match(BOX_WORDS);
    if (m) return { kind: "box", label: lead || m[1].replace(/[\s_-]+/g, " ").toLowerCase() };
    if (lead && lead.length <= 60 && BOX_HEADING.test(lead) && lead !== squash(flatText(el))) return { kind: "box", label: lead.replace(/\s*[:.!]$/, "") };
    if (/^(P|LI|DIV)$/.test(el.tagName)) {
      const all = squash(flatText(el));
      if (all.length < 200 && READ_MORE_LINE.test(all)) return { kind: "box", label: all.split(/[:|»›>]/)[0].trim() };
    }
    return null;
  }

  /** The first text of `el`, when it stands alone in its element (a heading). */
  function leadText(el) {
    let first = null;
    walkFlat(el, (n, enter) => {
      if (first || !enter) return first ? false : undefined;
      if (n.nodeType === 1 && SKIP_TAGS.has(n.tagName)) return false;
      if (n.nodeType === 3 && n.data.trim()) first = n;
    });
    if (!first) return "";
    const holder = first.parentElement || flatParent(first);
    if (!holder || holder === el) return "";
    const text = squash(flatText(holder));
    return text.length <= 80 ? text : "";
  }

  /**
   * The nearest ad slot or box around `el`, below `top` (exclusive; null:
   * up to <body>), or null.
   */
  function furnitureOf(el, top = null) {
    const cache = top ? (furnitureOf.cache ??= new WeakMap()) : new WeakMap();
    const path = [];
    let found = null;
    for (let e = el; e && e !== top && e !== document.body && e !== document.documentElement; e = flatParent(e)) {
      if (cache.has(e)) {
        found = cache.get(e);
        break;
      }
      path.push(e);
      const b = boxLabel(e);
      if (b) {
        found = b;
        break;
      }
    }
    // A cache for one extraction only (boxes below `top` depend on `top`).
    if (top) for (const e of path) cache.set(e, found);
    return found;
  }

  /** The visible body text outside page furniture, for pages without an article. */
  function bodyNodes(liveTexts) {
    const body = document.body;
    const furniture = (el) => {
      for (let e = el; e; e = flatParent(e)) {
        if (e === body) return false;
        if (CHROME_TAGS.has(e.tagName)) return true;
        const role = e.getAttribute("role");
        if (role && CHROME_ROLES.has(role)) return true;
      }
      return true; // not inside <body>
    };
    return liveTexts.filter((t) => {
      const p = flatParent(t);
      return p && !furniture(p);
    });
  }

  /**
   * The boxes (related stories, read more, newsletter, most read...) the
   * reader's selection runs through: their labels, in order, without repeats.
   */
  function selectionBoxes() {
    const sel = getSelection();
    const labels = [];
    for (let i = 0; sel && i < sel.rangeCount; i++) {
      const r = sel.getRangeAt(i);
      const root = r.commonAncestorContainer;
      for (const t of textNodes(root.nodeType === 3 ? root.parentNode : root)) {
        if (!r.intersectsNode(t)) continue;
        const from = t === r.startContainer ? r.startOffset : 0;
        const to = t === r.endContainer ? r.endOffset : t.data.length;
        if (!t.data.slice(from, to).trim()) continue;
        const box = furnitureOf(flatParent(t));
        if (box && box.kind === "box" && !labels.includes(box.label)) labels.push(box.label);
      }
    }
    return labels;
  }

  // ---------------------------------------------------------------- is it an article?

  /**
   * Why the text in `nodes` reads as a list of stories (search results, a
   * section front) rather than one article, or "" when it does not.
   */
  function listingReason(nodes) {
    let total = 0;
    let linked = 0;
    const blocks = new Map(); // block element -> {chars, led: first text in a link}
    const blockOf = (t) => {
      for (let e = flatParent(t); e; e = flatParent(e)) if (/^(P|LI|H[1-6]|DD|DT|TD|ARTICLE|SECTION|DIV)$/.test(e.tagName)) return e;
      return null;
    };
    for (const t of nodes) {
      const n = t.data.replace(/\s+/g, "").length;
      if (!n) continue;
      total += n;
      let inLink = false;
      for (let e = flatParent(t); e && !inLink; e = flatParent(e)) inLink = e.tagName === "A";
      if (inLink) linked += n;
      const b = blockOf(t);
      if (!b) continue;
      const info = blocks.get(b) || { chars: 0, led: null };
      if (info.led === null) info.led = inLink;
      info.chars += n;
      blocks.set(b, info);
    }
    if (!total) return "";
    if (linked / total >= 0.35) return `${Math.round((100 * linked) / total)}% of its text is links`;
    // Headlines that are links, each with a line or two under it: results, teasers.
    const ledBlocks = [...blocks.values()].filter((b) => b.led && b.chars < 160);
    if (ledBlocks.length >= 5) {
      const led = new Set([...blocks].filter(([, b]) => b.led && b.chars < 160).map(([el]) => el));
      let near = 0; // text in linked headlines and the blocks that follow them
      let tail = 0; // blocks after a linked headline that still belong to it
      for (const [el, b] of blocks) {
        if (led.has(el)) tail = 2;
        else if (tail > 0 && b.chars < 400) tail--;
        else {
          tail = 0;
          continue;
        }
        near += b.chars;
      }
      if (near / total >= 0.6) return `it is ${ledBlocks.length} linked headlines with a line or two each`;
    }
    // Story cards: several <article> elements, none holding most of the text.
    const articles = [];
    walkFlat(document.body || document.documentElement, (el, enter) => {
      if (!enter || el.nodeType !== 1) return;
      if (SKIP_TAGS.has(el.tagName)) return false;
      if (el.tagName === "ARTICLE") {
        articles.push(el);
        return false; // nested ones belong to this one
      }
    });
    if (articles.length >= 3) {
      const sizes = articles.map((a) => flatText(a).replace(/\s+/g, "").length);
      const all = sizes.reduce((x, y) => x + y, 0);
      if (Math.max(...sizes) < 0.5 * all) return `it holds ${articles.length} separate stories`;
    }
    return "";
  }

  Object.assign(NL, { listingReason, selectionBoxes, SKIP_TAGS, isSkipped, flatParent, flatContains, shadowRoots, walkFlat, textNodes, readabilityNodes, bodyNodes, furnitureOf });
})();
