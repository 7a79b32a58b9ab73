// Builds dashboard/static/plotly.min.js from frontend/plotly.js with esbuild: an IIFE that sets
// window.Plotly itself and declares no global variable, so it can share a file with other scripts
// (dashboard/infra/script_bundle.py): a top-level `var Plotly` there would exist, undefined and
// fixed, before any of them runs. The first line names the plotly.js version and trace types,
// which the app and its tests read.
import { build } from "esbuild";
import { readFileSync, unlinkSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const require = createRequire(import.meta.url);
const version = require("plotly.js/package.json").version;
const entry = new URL("./plotly.js", import.meta.url).pathname;
const traces = ["scatter", ...[...readFileSync(entry, "utf8").matchAll(/plotly\.js\/lib\/(\w+)"/g)]
  .map((m) => m[1]).filter((name) => name !== "core")];
// Another output path as argument lets the tests rebuild and compare with the committed bundle.
const outfile = process.argv[2]
  ? resolve(process.argv[2])
  : new URL("../dashboard/static/plotly.min.js", import.meta.url).pathname;

await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2016",
  define: { global: "window", "define.amd": "false" },
  outfile,
  banner: { js: `/*! plotly.js v${version} (custom bundle; traces: ${traces.join(", ")}) | MIT */` },
  // The licence notices of plotly.js and the libraries it bundles stay in the file.
  legalComments: "eof",
  logLevel: "warning",
});
// plotly.js names the stylesheet of a map library the monitor does not bundle; esbuild writes it
// beside the bundle, and nothing needs it.
const css = outfile.replace(/\.js$/, ".css");
if (existsSync(css)) unlinkSync(css);
