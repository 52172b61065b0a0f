// newslens content script, part 1 of 5: finding the article. No engine, no network.
//
// Injected on demand by background.js (CONTENT_FILES, in order) into the
// extension's isolated world: protocol.js, vendor/Readability.js, then
// content/article.js, content/text.js, content/draw.js, content/tip.js and
// content.js, plain scripts sharing one namespace, globalThis.__newslensContent
// (called NL in each file). This file creates it.
//
// Readability runs on a clone of the document; every text node it keeps is
// traced back to its twin in the live page (the clone and the page are walked
// in step, so node N of one is node N of the other).
//
// Exports: NL.MARK_TAG, NL.TIP_TAG (newslens' own elements, drawn by draw.js
//   and tip.js), NL.SKIP_TAGS and NL.isSkipped(el) (subtrees whose text is
//   never article text), NL.textNodes(root), NL.readabilityNodes(liveTexts),
//   NL.bodyNodes(liveTexts).
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

  function isSkipped(el) {
    for (let e = el; e; e = e.parentElement) {
      if (SKIP_TAGS.has(e.tagName)) return true;
    }
    return false;
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

  Object.assign(NL, { SKIP_TAGS, isSkipped, textNodes, readabilityNodes, bodyNodes });
})();
