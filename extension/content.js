// newslens content script, part 6 of 6: the messages. No engine, no network.
//
// Injected last (see content/article.js for the order and the namespace).
// Answers background.js and the side panel (protocol.js): PROBE, EXTRACT
// (follow.js: find the article, build its text), APPLY, CLEAR and REVEAL
// (draw.js), FOLLOW (follow.js: follow the page after a click, or wait for
// the article). Sets NL.ready once the listener is in place: background.js
// probes it before injecting again.
//
// Exports: NL.ready.
// Needs: protocol.js, every content/*.js file before it.
(() => {
  "use strict";
  const NL = globalThis.__newslensContent;
  if (NL.ready) return; // injected before: that copy keeps its state
  const P = globalThis.NewsLensProtocol;
  let extractedTitle = "";

  chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (!msg || typeof msg.type !== "string") return false;
    try {
      switch (msg.type) {
        case P.PROBE: {
          const { drawn, extracted, following } = NL;
          reply({
            active: !!drawn || !!following,
            waiting: !!(following && following.waiting),
            mode: drawn ? drawn.mode : null,
            textLength: extracted ? extracted.text.length : 0,
            version: NL.version, // how many times the text was built
            ...(msg.withText && extracted ? { text: extracted.text, title: extractedTitle, url: location.href, hidden: extracted.hidden || [] } : {}),
          });
          break;
        }
        case P.EXTRACT: {
          const found = NL.quiet(() => NL.extract());
          extractedTitle = found.title;
          reply(found);
          break;
        }
        case P.APPLY: {
          if (msg.version != null && msg.version !== NL.version) {
            reply({ ok: false, stale: true, mode: "highlight", drawn: 0, skipped: 0, error: "the page changed since" });
            break;
          }
          const marks = Array.isArray(msg.marks) ? msg.marks : [];
          const css = typeof msg.css === "string" ? msg.css : "";
          const res = NL.quiet(() => NL.apply(marks, msg.mode || "auto", css));
          if (res.ok && msg.follow) NL.follow(msg.mode || "auto", false, css);
          reply(res);
          break;
        }
        case P.FOLLOW:
          NL.follow(msg.mode || "auto", !!msg.waiting, typeof msg.css === "string" ? msg.css : "");
          reply({ ok: true });
          break;
        case P.CLEAR:
          NL.unfollow();
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
