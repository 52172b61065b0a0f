// newslens content script, part 4 of 6: the hover tooltip and the legend.
//
// While marks are drawn, a <newslens-tip> host with a closed shadow root,
// styled through CSSOM only (allowed under a page's strict style-src), holds
// a compact legend of the colours (bottom right; keyboard reachable; can be
// hidden) and the tooltip: the pointer is watched (once an animation frame)
// and the labels of the marks under it are shown. Labels are plain text,
// never parsed as HTML.
//
// Exports: NL.tooltipOn() (show the legend, start watching the pointer),
//   NL.tooltipOff() (stop, and remove the tooltip and the legend).
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
    ensureHost(); // the legend shows while marks are drawn
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

  const css = (el, props, important = false) => {
    // CSSOM only: works under a page CSP without 'unsafe-inline' styles.
    for (const [k, v] of Object.entries(props)) el.style.setProperty(k, v, important ? "important" : "");
    return el;
  };
  const make = (tag, props = {}, text = "") => {
    const el = css(document.createElement(tag), props);
    if (text) el.textContent = text;
    return el;
  };

  /**
   * The host and its closed shadow root: the tooltip box and the legend.
   * The host is a zero-size fixed box; what is inside places itself.
   */
  function ensureHost() {
    if (tip) return tip;
    const host = document.createElement(TIP_TAG);
    const shadow = host.attachShadow({ mode: "closed" });
    css(host, { position: "fixed", "z-index": "2147483647", "pointer-events": "none", display: "block", top: "0", left: "0", width: "0", height: "0", overflow: "visible" }, true);
    const box = make("div", {
      position: "fixed", display: "none", top: "0", left: "0", "pointer-events": "none",
      "max-width": "22rem", padding: "6px 8px", "border-radius": "6px", background: "#1d2330", color: "#f4f6fa",
      font: "13px/1.35 system-ui, sans-serif", "box-shadow": "0 2px 10px rgba(0,0,0,.3)", "white-space": "pre-line",
    });
    box.id = "tip";
    shadow.append(box, legend());
    document.documentElement.appendChild(host);
    tip = { host, box, shadow };
    return tip;
  }

  // ---------------------------------------------------------------- the legend
  // A compact key to the colours, bottom right, keyboard reachable (its
  // buttons are in the page's tab order, last), hidden with its button or
  // Escape and shown again with the small button that stays.
  const KEY = [
    ["Person", { background: "rgba(230, 159, 0, 0.34)" }],
    ["Organization", { background: "rgba(0, 158, 115, 0.34)" }],
    ["Place", { background: "rgba(204, 121, 167, 0.34)" }],
    ["Group or unnamed", { background: "rgba(240, 228, 66, 0.45)" }],
    ["Quote", { background: "rgba(86, 180, 233, 0.28)" }],
    ["Claim", { "text-decoration": "underline dotted #d55e00", "text-decoration-thickness": "2px" }],
  ];
  let legendHidden = false;

  function legend() {
    const wrap = make("div", { position: "fixed", right: "12px", bottom: "12px", "pointer-events": "auto", font: "12px/1.3 system-ui, sans-serif", color: "#f4f6fa" });
    wrap.id = "legend";
    const panel = make("div", { display: "flex", "flex-wrap": "wrap", "align-items": "center", gap: "4px 8px", "max-width": "26rem", padding: "6px 8px", "border-radius": "6px", background: "#1d2330", "box-shadow": "0 2px 10px rgba(0,0,0,.3)" });
    panel.id = "legend-panel";
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "newslens legend");
    panel.append(make("strong", {}, "newslens"));
    for (const [name, look] of KEY) {
      panel.append(make("span", { ...look, color: "#1d2330", "background-color": look.background || "#f4f6fa", padding: "0 4px", "border-radius": "3px" }, name));
    }
    const btn = { font: "inherit", color: "#f4f6fa", background: "transparent", border: "1px solid #8a94a8", "border-radius": "4px", padding: "0 6px", cursor: "pointer" };
    const hide = make("button", btn, "Hide");
    hide.type = "button";
    hide.id = "legend-hide";
    hide.setAttribute("aria-label", "Hide the newslens legend");
    const show = make("button", { ...btn, background: "#1d2330", padding: "2px 8px", display: "none" }, "newslens key");
    show.type = "button";
    show.id = "legend-show";
    show.setAttribute("aria-label", "Show the newslens legend");
    panel.append(hide);
    const set = (hidden, focus) => {
      legendHidden = hidden;
      panel.style.setProperty("display", hidden ? "none" : "flex");
      show.style.setProperty("display", hidden ? "inline-block" : "none");
      show.setAttribute("aria-expanded", String(!hidden));
      if (focus) (hidden ? show : hide).focus();
    };
    hide.addEventListener("click", () => set(true, true));
    show.addEventListener("click", () => set(false, true));
    panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") set(true, true);
    });
    wrap.append(panel, show);
    set(legendHidden, false);
    return wrap;
  }

  function showTip(labels, x, y) {
    ensureHost();
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
    const b = tip.box;
    b.style.setProperty("display", "block");
    const left = Math.min(x + 12, innerWidth - 280);
    const top = y + 18 + 80 > innerHeight ? y - 80 : y + 18;
    b.style.setProperty("left", `${Math.max(0, left)}px`);
    b.style.setProperty("top", `${Math.max(0, top)}px`);
  }

  function hideTip() {
    if (tip) tip.box.style.setProperty("display", "none");
  }

  Object.assign(NL, { tooltipOn, tooltipOff });
})();
