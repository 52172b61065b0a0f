// The Firefox build of the extension in Debian's Firefox ESR, driven through
// WebDriver (geckodriver + selenium-webdriver): it is installed as a
// temporary add-on, the toolbar action is triggered on a test page (from the
// browser's chrome context, as the keyboard shortcut does: the same
// triggerAction, activeTab grant included), and the test checks what is
// marked, then triggers it again and checks that every trace is gone.
//
// Nothing leaves 127.0.0.1: Firefox's proxy is a local recorder for every
// host but 127.0.0.1, and the test fails if it saw any request.
//
// Needs: firefox-esr (apt) and geckodriver (cargo install geckodriver), both
// installed by scripts/setup.sh; FIREFOX and GECKODRIVER override the paths.
// Run: scripts/build-extension.sh && node --test tests/browser/extension.firefox.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Builder, Browser, By, Key } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";
import { servePages, textPoint } from "./lib/pages.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const XPI = join(ROOT, "dist/newslens-firefox.zip");
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.GECKODRIVER ?? [...(process.env.PATH || "").split(delimiter).filter(Boolean), join(homedir(), ".cargo/bin")].map((d) => join(d, "geckodriver")).find(existsSync);
const ADDON_ID = "newslens@newslens.local";
const T = { timeout: 120_000 };

let server;
let origin;
let proxy;
const foreign = []; // every request Firefox sent anywhere but 127.0.0.1
let driver;

function serve() {
  return servePages();
}

/** A proxy that answers nothing and records every request (plain and CONNECT). */
function recorder() {
  proxy = createServer((req, res) => {
    foreign.push(req.url);
    res.statusCode = 403;
    res.end();
  });
  proxy.on("connect", (req, socket) => {
    foreign.push(`CONNECT ${req.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  return new Promise((resolve) => proxy.listen(0, "127.0.0.1", () => resolve(proxy.address().port)));
}

/** Triggers the extension's toolbar action in the front tab, as its keyboard shortcut does. */
async function clickAction() {
  await driver.setContext(firefox.Context.CHROME);
  try {
    return await driver.executeScript(`
      const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
      const ext = ExtensionParent.GlobalManager.getExtension(arguments[0]);
      if (!ext) return "add-on not running";
      const action = ExtensionParent.apiManager.global.browserActionFor(ext);
      if (!action) return "no toolbar action";
      action.triggerAction(Services.wm.getMostRecentWindow("navigator:browser"));
      return "ok";
    `, ADDON_ID);
  } finally {
    await driver.setContext(firefox.Context.CONTENT);
  }
}

/** Polls `script` in the page until it returns a truthy value; returns it. */
async function until(script, what, ms = 20_000) {
  const t0 = Date.now();
  for (;;) {
    const v = await driver.executeScript(script);
    if (v) return v;
    if (Date.now() - t0 > ms) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const HIGHLIGHTS = `
  const out = [];
  for (const [name, h] of CSS.highlights) for (const r of h) out.push([name, r.toString()]);
`;

before(async () => {
  if (!existsSync(XPI)) execFileSync(join(ROOT, "scripts/build-extension.sh"), { cwd: ROOT, stdio: "inherit" });
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is missing: run scripts/setup.sh`);
  assert.ok(GECKODRIVER, "geckodriver is missing: run scripts/setup.sh");
  server = await serve();
  origin = server.origin;
  const port = await recorder();
  const options = new firefox.Options().setBinary(FIREFOX).addArguments("-headless");
  const prefs = {
    // Every host but 127.0.0.1 goes to the recorder.
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": port,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": port,
    "network.proxy.no_proxies_on": "127.0.0.1",
    "network.proxy.allow_hijacking_localhost": false,
    "network.proxy.socks_remote_dns": true,
    "network.dns.disableIPv6": true,
    // No background traffic of Firefox's own.
    "app.update.disabledForTesting": true,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "browser.safebrowsing.downloads.enabled": false,
    "browser.safebrowsing.blockedURIs.enabled": false,
    "browser.newtabpage.enabled": false,
    "browser.startup.homepage": "about:blank",
    "browser.startup.page": 0,
    "datareporting.policy.dataSubmissionEnabled": false,
    "datareporting.healthreport.uploadEnabled": false,
    "toolkit.telemetry.enabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "extensions.update.enabled": false,
    "extensions.getAddons.cache.enabled": false,
    "extensions.blocklist.enabled": false,
    "browser.region.network.url": "",
    "browser.search.update": false,
    // Honoured with MOZ_DISABLE_NONLOCAL_CONNECTIONS (below): Firefox's own
    // settings sync stays off instead of knocking on the recorder.
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    "media.gmp-manager.url": "",
    "network.prefetch-next": false,
    "network.dns.disablePrefetch": true,
    "network.http.speculative-parallel-limit": 0,
  };
  for (const [k, v] of Object.entries(prefs)) options.setPreference(k, v);
  // geckodriver passes its environment on to Firefox. A second wall: Firefox
  // refuses connections to any non-local address.
  const service = new firefox.ServiceBuilder(GECKODRIVER).addArguments("--allow-system-access").setEnvironment({ ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: "1" });
  driver = await new Builder().forBrowser(Browser.FIREFOX).setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.manage().window().setRect({ width: 1100, height: 800 });
  await driver.installAddon(XPI, true);
});

after(async () => {
  await driver?.quit();
  server?.close();
  proxy?.close();
});

describe("Firefox ESR", () => {
  test("the browser is Firefox ESR 140 or later (the CSS Custom Highlight API)", async () => {
    const caps = await driver.getCapabilities();
    assert.equal(caps.getBrowserName(), "firefox");
    assert.ok(Number(caps.getBrowserVersion().split(".")[0]) >= 140, caps.getBrowserVersion());
    assert.equal(await driver.executeScript("return typeof Highlight === 'function' && !!CSS.highlights"), true);
  });

  test("the temporary add-on annotates an article in place and a second click removes every trace", T, async () => {
    await driver.get(`${origin}/plain.html`);
    const before = await driver.executeScript("return document.documentElement.outerHTML");
    assert.equal(await clickAction(), "ok");
    const ranges = await until(`${HIGHLIGHTS}; return out.length ? out : null;`, "highlights");
    const names = new Set(ranges.map(([n]) => n));
    assert.ok(names.has("newslens-person") && names.has("newslens-quote"), JSON.stringify(ranges));
    const text = (name) => ranges.filter(([n]) => n === name).map(([, t]) => t);
    assert.ok(text("newslens-person").includes("Ines Marchetti"), text("newslens-person").join(" | "));
    assert.ok(text("newslens-quote").some((t) => t.includes("We are not going back until the night crews are safe")));
    assert.ok(!ranges.some(([, t]) => t.includes("Ruth Abernethy")), "the byline is not marked");
    // The highlight styles are in effect (inserted by the background, not in the DOM).
    const style = await driver.executeScript(`
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode()) if (n.data.includes("Ines Marchetti")) return getComputedStyle(n.parentElement, "::highlight(newslens-person)").backgroundColor;
      return null;
    `);
    assert.equal(style, "rgba(230, 159, 0, 0.34)");
    // The DOM holds one element of newslens' own: the legend's host.
    const during = await driver.executeScript("return document.documentElement.outerHTML");
    assert.equal(during.replace(/<newslens-tip [^>]*><\/newslens-tip>/, ""), before);
    // The legend, in the host's closed shadow root (WebDriver reaches closed roots).
    const host = await driver.findElement(By.css("newslens-tip"));
    assert.equal(await driver.executeScript("return arguments[0].shadowRoot", host), null, "the root is closed to the page");
    const root = await host.getShadowRoot();
    const legend = await root.findElement(By.css("#legend-panel"));
    assert.equal(await legend.isDisplayed(), true);
    assert.match(await legend.getText(), /Person[\s\S]*Quote[\s\S]*Claim/);
    // Keyboard: Tab reaches it, Enter on "Hide" hides it.
    await driver.executeScript("document.activeElement && document.activeElement.blur()");
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await driver.actions().sendKeys(Key.TAB).perform();
      reached = await driver.executeScript("return document.activeElement && document.activeElement.localName === 'newslens-tip'");
    }
    assert.ok(reached, "Tab reaches the legend");
    await driver.actions().sendKeys(Key.ENTER).perform();
    await driver.wait(async () => !(await legend.isDisplayed()), 5000, "the legend hides");
    assert.equal(await (await root.findElement(By.css("#legend-show"))).isDisplayed(), true);
    // Hover: the tooltip shows the mark's label.
    const point = await driver.executeScript(textPoint, "Ines Marchetti");
    await driver.actions().move({ x: point.x, y: point.y, origin: "viewport" }).perform();
    const tip = await root.findElement(By.css("#tip"));
    await driver.wait(async () => (await tip.isDisplayed()) && /Ines Marchetti/.test(await tip.getText()), 5000, "the tooltip on hover");

    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0 && !document.querySelector('newslens-tip')", "the marks to go");
    assert.equal(await driver.executeScript("return document.documentElement.outerHTML"), before, "DOM identical after removal");
  });

  test("an article inside nested open shadow roots is marked there and restored", T, async () => {
    await driver.get(`${origin}/shadow.html`);
    const snapshot = `
      const roots = [];
      const visit = (n) => { for (const c of n.children) { if (c.shadowRoot) { roots.push(c.shadowRoot); visit(c.shadowRoot); } visit(c); } };
      visit(document.documentElement);
      return document.documentElement.outerHTML + roots.map((r) => r.innerHTML).join("\\n--\\n");
    `;
    const before = await driver.executeScript(snapshot);
    assert.equal(await clickAction(), "ok");
    const ranges = await until(`
      const out = [];
      for (const [name, h] of CSS.highlights) for (const r of h) out.push([name, r.toString(), r.startContainer.getRootNode() instanceof ShadowRoot]);
      return out.length ? out : null;
    `, "highlights in the shadow roots");
    assert.ok(ranges.every(([, , inShadow]) => inShadow), "every mark is in the shadow story");
    assert.ok(ranges.some(([n, t]) => n === "newslens-quote" && t.includes("Nobody will be stranded")));
    assert.ok(!ranges.some(([, t]) => /Heatwave|Budget/.test(t)));
    // The highlight styles reach into the shadow roots (an adopted stylesheet).
    const styled = await driver.executeScript(`
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      return [body.adoptedStyleSheets.length, getComputedStyle(body.querySelector("p"), "::highlight(newslens-quote)").backgroundColor];
    `);
    assert.deepEqual(styled, [1, "rgba(86, 180, 233, 0.28)"]);
    // Hovering a quote inside the nested shadow root shows its tooltip.
    const point = await driver.executeScript(`
      const body = document.querySelector("gazette-story").shadowRoot.querySelector("story-body").shadowRoot;
      const p = [...body.querySelectorAll("p")].find((p) => p.textContent.includes("Nobody will be stranded"));
      const n = p.firstChild;
      const i = n.data.indexOf("rather close");
      const r = document.createRange();
      r.setStart(n, i + 1);
      r.setEnd(n, i + 2);
      const b = r.getBoundingClientRect();
      return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
    `);
    await driver.actions().move({ x: point.x, y: point.y, origin: "viewport" }).perform();
    const tip = await (await (await driver.findElement(By.css("newslens-tip"))).getShadowRoot()).findElement(By.css("#tip"));
    await driver.wait(async () => (await tip.isDisplayed()) && /quote/i.test(await tip.getText()), 5000, "the tooltip over a mark inside a shadow root");
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0", "the marks to go");
    assert.equal(await driver.executeScript(snapshot), before);
  });

  test("the sidebar (Firefox's side panel) opens on the click, and the panel lists the annotation", T, async () => {
    await driver.get(`${origin}/strict-csp.html`);
    const pageTab = await driver.getWindowHandle();
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size > 0", "highlights");
    let panel;
    await driver.setContext(firefox.Context.CHROME);
    try {
      const t0 = Date.now();
      let seen = null;
      while (Date.now() - t0 < 10_000) {
        seen = await driver.executeScript(`
          const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
          const win = Services.wm.getMostRecentWindow("navigator:browser");
          const ui = win.SidebarController || win.SidebarUI;
          const outer = win.document.getElementById("sidebar");
          const inner = outer && outer.contentDocument && outer.contentDocument.getElementById("webext-panels-browser");
          const ext = ExtensionParent.GlobalManager.getExtension(arguments[0]);
          return {
            open: !!(ui && ui.isOpen),
            url: inner && inner.currentURI ? inner.currentURI.spec : null,
            host: ext.policy.mozExtensionHostname,
            tabId: ext.tabManager.getWrapper(win.gBrowser.selectedTab).id,
          };
        `, ADDON_ID);
        if (seen.open && seen.url && seen.url.includes("sidepanel.html")) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(seen.open, "the sidebar did not open");
      assert.equal(seen.url, `moz-extension://${seen.host}/sidepanel.html`);
      panel = seen;
    } finally {
      await driver.setContext(firefox.Context.CONTENT);
    }
    // The sidebar runs in the extension's process, out of WebDriver's reach:
    // the same page, pinned to the tab, is checked in a tab of its own.
    await driver.switchTo().newWindow("tab");
    await driver.get(`moz-extension://${panel.host}/sidepanel.html?tab=${panel.tabId}`);
    const counts = await until(`
      const q = document.querySelector("[data-testid=count-quotes]");
      return q && !document.getElementById("results").hidden ? [q.textContent, document.querySelector("[data-testid=count-actors]").textContent] : null;
    `, "the panel's lists");
    assert.ok(Number(counts[0]) > 0 && Number(counts[1]) > 0, JSON.stringify(counts));
    await driver.close();
    await driver.switchTo().window(pageTab);
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0", "the marks to go");
  });

  test("content that arrives after the click is followed", T, async () => {
    await driver.get(`${origin}/late.html`);
    assert.equal(await clickAction(), "ok");
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await driver.executeScript("return CSS.highlights.size"), 0, "waiting: nothing marked yet");
    await driver.executeScript(`
      const app = document.getElementById("app");
      app.replaceChildren();
      const article = app.appendChild(document.createElement("article"));
      for (const [tag, text] of arguments[0]) article.appendChild(document.createElement(tag)).textContent = text;
    `, [
      ["h1", "Fenmoor reservoir to reopen for swimming after algae tests come back clear"],
      ["p", "FENMOOR — Swimmers will be allowed back into Fenmoor reservoir from Saturday, after three rounds of water tests found no trace of the algae that closed it in July, the county water board said on Friday."],
      ["p", "“The water is as clean as we have ever measured it,” said Oriel Vance, the board’s head of water quality. “We kept it closed until we were certain.”"],
    ]);
    const t0 = Date.now();
    const ranges = await until(`${HIGHLIGHTS}; return out.some(([n, t]) => n === "newslens-quote" && t.includes("as clean as we have ever")) ? out : null;`, "the late story to be marked", 5000);
    assert.ok(Date.now() - t0 < 2500, `marked ${Date.now() - t0} ms after it arrived`);
    assert.ok(ranges.length > 0);
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0 && !document.querySelector('newslens-tip')", "the marks to go");
  });

  test("headline, boxes, hidden text and a page that is not an article", T, async () => {
    await driver.get(`${origin}/headline.html`);
    assert.equal(await clickAction(), "ok");
    const head = await until(`${HIGHLIGHTS}; return out.length ? out : null;`, "highlights");
    assert.ok(head.some(([n, t]) => n === "newslens-quote" && t === "“We will not close a single ward,”"), "the headline's quote is marked");
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0", "the marks to go");

    await driver.get(`${origin}/paywall.html`);
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size > 0", "highlights");
    const inHidden = await driver.executeScript(`
      return [...CSS.highlights.values()].flatMap((h) => [...h]).filter((r) => r.startContainer.parentElement.closest(".locked, .truncated")).map((r) => r.toString());
    `);
    assert.deepEqual(inHidden, [], "nothing marked in hidden text");
    assert.equal(await clickAction(), "ok");
    await until("return CSS.highlights.size === 0", "the marks to go");

    await driver.get(`${origin}/search.html`);
    assert.equal(await clickAction(), "ok");
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await driver.executeScript("return CSS.highlights.size"), 0, "a search page is not marked");
  });

  test("no request left 127.0.0.1", () => {
    assert.deepEqual(foreign, []);
  });
});
