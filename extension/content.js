// newslens content script, part 5 of 5: the messages. No engine, no network.
//
// Injected last (see content/article.js for the order and the namespace).
// Answers background.js and the side panel (protocol.js): PROBE, EXTRACT
// (find the article with article.js, build its text with text.js, keep it as
// NL.extracted), APPLY, CLEAR and REVEAL (draw.js). Sets NL.ready once the
// listener is in place: background.js probes it before injecting again.
//
// Exports: the state NL.extracted (the text last built, or null; only this
//   file writes it), NL.ready.
// Needs: protocol.js, every content/*.js file before it.
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const P = globalThis.NewsLensProtocol;
  const MIN_ARTICLE_CHARS = 200;
  NL.extracted = null;
  let extractedTitle = "";

  function extract() {
    const liveTexts = NL.textNodes(document);
    let found = NL.readabilityNodes(liveTexts);
    let source = "readability";
    let built = found && found.nodes.length ? NL.buildText(found.nodes) : null;
    if (!built || built.text.length < MIN_ARTICLE_CHARS) {
      const fallback = NL.buildText(NL.bodyNodes(liveTexts));
      if (!built || fallback.text.length > built.text.length) {
        built = fallback;
        source = "body";
      }
    }
    NL.extracted = built;
    extractedTitle = (found && found.title) || document.title || "";
    return {
      ok: true,
      text: built.text,
      title: extractedTitle,
      url: location.href,
      source,
      boxes: source === "readability" && found ? found.boxes : [],
      textNodes: built.byNode.size,
    };
  }

  // ---------------------------------------------------------------- messages

  chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || typeof msg.type !== "string") return false;
    try {
      switch (msg.type) {
        case P.PROBE: {
          const { drawn, extracted } = NL;
          reply({
            active: !!drawn,
            mode: drawn ? drawn.mode : null,
            textLength: extracted ? extracted.text.length : 0,
            ...(msg.withText && extracted ? { text: extracted.text, title: extractedTitle, url: location.href } : {}),
          });
          break;
        }
        case P.EXTRACT:
          reply(extract());
          break;
        case P.APPLY:
          reply(NL.apply(Array.isArray(msg.marks) ? msg.marks : [], msg.mode || "auto", typeof msg.css === "string" ? msg.css : ""));
          break;
        case P.CLEAR:
          reply(NL.clear());
          NL.extracted = null;
          break;
        case P.REVEAL:
          reply(NL.reveal(msg.start, msg.end));
          break;
        default:
          return false;
      }
    } catch (err) {
      reply({ ok: false, error: String((err && err.message) || err) });
    }
    return false;
  });
  NL.ready = true;
})();
