// Reports the gzipped JavaScript a visitor's first page (/) loads, from the build's asset manifest,
// and fails when it exceeds the budget (BUNDLE_BUDGET_KB, default 150).
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const budgetKb = Number(process.env.BUNDLE_BUDGET_KB ?? 150);
const build = await import(pathToFileURL(path.resolve("build/index.js")).href);
const { assets } = build;
const files = new Set([assets.url, assets.entry.module, ...assets.entry.imports]);
for (const id of ["root", "routes/_index"]) {
  const route = assets.routes[id];
  files.add(route.module);
  for (const i of route.imports ?? []) files.add(i);
}
let raw = 0;
let gz = 0;
const rows = [];
for (const file of files) {
  const bytes = readFileSync(path.join("public", file));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += zipped;
  rows.push([file, (bytes.length / 1024).toFixed(1), (zipped / 1024).toFixed(1)]);
}
rows.sort((a, b) => Number(b[2]) - Number(a[2]));
console.log("First page JavaScript (/):");
for (const [file, r, g] of rows) console.log(`  ${g.padStart(7)} KB gzip  ${r.padStart(7)} KB  ${file}`);
console.log(`  total: ${(gz / 1024).toFixed(1)} KB gzip (${(raw / 1024).toFixed(1)} KB raw); budget ${budgetKb} KB gzip`);
if (gz / 1024 > budgetKb) {
  console.error(`Over the JavaScript budget by ${(gz / 1024 - budgetKb).toFixed(1)} KB gzip`);
  process.exit(1);
}
