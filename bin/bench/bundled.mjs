/**
 * Runs a bench (bin/bench/<name>.ts) bundled with esbuild, the way the production build runs the same
 * code (Next bundles the server; `npm start` runs no TypeScript loader). Under tsx the engine measured
 * about twice as slow on this machine: tsx keeps function names (a defineProperty per closure created in
 * hot loops) and maps every stack to the sources. `BENCH_TSX=1` runs the .ts under tsx instead.
 * Usage: node bin/bench/bundled.mjs dashboards
 */
import { build } from "esbuild";
import { nodeBundleOptions } from "../node-bundle.mjs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z-]+$/.test(name)) {
  console.error("usage: node bin/bench/bundled.mjs <bench name, e.g. dashboards>");
  process.exit(2);
}
const entry = path.join("bin", "bench", `${name}.ts`);
if (process.env.BENCH_TSX === "1") {
  process.exit(spawnSync("npx", ["tsx", entry, ...process.argv.slice(3)], { stdio: "inherit" }).status ?? 1);
}
const dir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
// The bench's own "run me" check looks for its .ts name in argv[1]: keep it in the bundle's file name.
const outfile = path.join(dir, `${name}.ts.cjs`);
try {
  await build(nodeBundleOptions(entry, outfile));
  console.log(`(${entry} bundled with esbuild, as the production build runs it)`);
  const run = spawnSync(process.execPath, ["-e", `process.argv[1] = ${JSON.stringify(`${entry}`)}; require(${JSON.stringify(outfile)});`, ...process.argv.slice(3)], {
    stdio: "inherit",
    env: { ...process.env, NODE_PATH: path.resolve("node_modules") },
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
