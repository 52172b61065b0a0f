// Writes the per-browser manifest from extension/manifest.json, which holds
// the keys of both (harper's shape). Usage: node manifest.mjs SRC OUT chromium|firefox
//   chromium: drops background.scripts, sidebar_action, browser_specific_settings
//   firefox:  drops background.service_worker, side_panel, the sidePanel
//             permission and minimum_chrome_version (Firefox uses sidebar_action)
import { readFileSync, writeFileSync } from "node:fs";

const [src, out, browser] = process.argv.slice(2);
if (!src || !out || !["chromium", "firefox"].includes(browser)) {
  throw new Error("usage: node manifest.mjs SRC OUT chromium|firefox");
}
const m = JSON.parse(readFileSync(src, "utf8"));
if (browser === "chromium") {
  delete m.background.scripts;
  delete m.sidebar_action;
  delete m.browser_specific_settings;
} else {
  delete m.background.service_worker;
  delete m.side_panel;
  delete m.minimum_chrome_version;
  m.permissions = m.permissions.filter((p) => p !== "sidePanel");
}
const forbidden = ["host_permissions", "optional_host_permissions", "content_scripts", "web_accessible_resources", "externally_connectable"];
for (const key of forbidden) {
  if (key in m) throw new Error(`manifest must not declare ${key}`);
}
writeFileSync(out, JSON.stringify(m, null, 2) + "\n");
