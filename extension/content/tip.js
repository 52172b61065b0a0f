// newslens content script, part 4 of 6: the hover tooltip.
//
// While marks are drawn, the pointer is watched (once an animation frame) and
// the labels of the marks under it are shown in a <newslens-tip> host with a
// closed shadow root, styled through CSSOM only (allowed under a page's
// strict style-src). Labels are plain text, never parsed as HTML.
//
// Exports: NL.tooltipOn() (start watching the pointer), NL.tooltipOff()
//   (stop, and remove the tooltip).
// Needs: article.js (NL.MARK_TAG, NL.TIP_TAG), text.js (NL.intact,
//   NL.unitAt), the state NL.drawn (draw.js) and NL.extracted (follow.js).
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const { MARK_TAG, TIP_TAG } = NL;
  let tip = null; // {host, box}
  let hoverFrame = 0;
  let lastPointer = null;

  function tooltipOn() {
    document.addEventListener("mousemove", onPointer, { capture: true, passive: true });
    document.addEventListener("scroll", hideTip, { capture: true, passive: true });
  }

  function tooltipOff() {
    document.removeEventListener("mousemove", onPointer, { capture: true });
    document.removeEventListener("scroll", hideTip, { capture: true });
    cancelAnimationFrame(hoverFrame);
    hoverFrame = 0;
    if (tip) {
      tip.host.remove();
      tip = null;
    }
  }

  function onPointer(e) {
    // The innermost target (inside an open shadow root, not its host); the
    // event's path is gone once dispatch ends.
    const path = typeof e.composedPath === "function" ? e.composedPath() : [];
    lastPointer = { clientX: e.clientX, clientY: e.clientY, target: path[0] || e.target };
    if (!hoverFrame) hoverFrame = requestAnimationFrame(hover);
  }

  function hover() {
    hoverFrame = 0;
    const e = lastPointer;
    if (!NL.drawn || !e) return;
    const labels = labelsAt(e);
    if (!labels.length) return hideTip();
    showTip(labels, e.clientX, e.clientY);
  }

  function labelsAt(e) {
    const { drawn, extracted } = NL;
    if (drawn.mode === "element") {
      const t = e.target && e.target.nodeType === 3 ? e.target.parentElement : e.target;
      const w = t && t.closest ? t.closest(MARK_TAG) : null;
      return (w && drawn.labels.get(w)) || [];
    }
    const pos = caretAt(e.clientX, e.clientY, [...drawn.roots.keys()]);
    if (!pos || !extracted) return [];
    const seg = extracted.byNode.get(pos.node);
    if (!seg || !NL.intact(seg, drawn.splits)) return [];
    // The caret sits between two characters: take the one under the pointer.
    let at = -1;
    for (const off of [pos.offset, pos.offset - 1]) {
      if (off < 0 || off >= pos.node.data.length) continue;
      const r = document.createRange();
      r.setStart(pos.node, off);
      r.setEnd(pos.node, off + 1);
      const box = r.getBoundingClientRect();
      if (e.clientX >= box.left - 1 && e.clientX <= box.right + 1 && e.clientY >= box.top - 1 && e.clientY <= box.bottom + 1) {
        at = NL.unitAt(seg, off);
        break;
      }
    }
    if (at < 0) return [];
    return drawn.marks.filter((m) => m.start <= at && at < m.end).map((m) => m.label);
  }

  function caretAt(x, y, shadowRoots) {
    if (document.caretPositionFromPoint) {
      const p = shadowRoots.length ? document.caretPositionFromPoint(x, y, { shadowRoots }) : document.caretPositionFromPoint(x, y);
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

  Object.assign(NL, { tooltipOn, tooltipOff });
})();
