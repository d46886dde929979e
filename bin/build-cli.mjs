/**
 * Builds `mips` (bin/mips.ts) to one plain JavaScript file, dist/mips-main.cjs, started with node through
 * dist/mips.cjs (bin/cli-launcher.cjs), which runs it from V8's code cache (no tsx at run time: starting tsx
 * alone cost 0.84 s; compiling the bundle and its functions about 40 ms more). Run by `npm run build` and by
 * `npm ci` (the `prepare` script). The build ends with training runs of the CLI on the repository's own
 * fixtures, which write dist/mips-main.cjs.v8cache with every function a convert, score and aggregate compile.
 *
 * The catalogs import qpp-measures-data's measures-data.json files (12 MB, mostly quality measures). The CLI
 * reads only their PI (ACI in 2017) and IA entries, and of the eCQMs their version id, QPP id and rate names,
 * so the bundle keeps those alone: the same data for lib/mips/catalog.ts, lib/mips/ia-catalog.ts and
 * lib/formats/qrda3/ecqm-catalog.ts, a twentieth of the bytes to parse at start-up.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { access, chmod, copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** dist/ (package.json's bin); CLI_OUT_DIR builds elsewhere, as the built-CLI test does. */
const outDir = process.env.CLI_OUT_DIR ?? "dist";
const launcher = join(outDir, "mips.cjs");
const cache = join(outDir, "mips-main.cjs.v8cache");

const KEPT_CATEGORIES = new Set(["aci", "pi", "ia"]);

/** A quality eCQM reduced to what lib/formats/qrda3/ecqm-catalog.ts reads (version id to QPP measure id, metric type, rate names, exclusions). */
function ecqmFields(m) {
  return {
    category: m.category,
    measureId: m.measureId,
    metricType: m.metricType,
    eMeasureUuid: m.eMeasureUuid,
    strata: (m.strata ?? []).map((s) => ({
      name: s.name,
      eMeasureUuids: { numeratorUuid: s.eMeasureUuids?.numeratorUuid, denominatorExclusionUuid: s.eMeasureUuids?.denominatorExclusionUuid ?? s.eMeasureUuids?.denominatorExclusionsUuid },
    })),
  };
}

const measuresDataOnlyPiAndIa = {
  name: "measures-data-pi-and-ia",
  setup(b) {
    b.onLoad({ filter: /qpp-measures-data[\\/]measures[\\/]\d{4}[\\/]measures-data\.json$/ }, async (args) => {
      const all = JSON.parse(await readFile(args.path, "utf8"));
      const kept = all.filter((m) => KEPT_CATEGORIES.has(m.category)).concat(all.filter((m) => m.category === "quality" && m.eMeasureUuid).map(ecqmFields));
      // A JSON.parse of one string compiles and parses faster than the same data as an object literal; an ES
      // module's default export, because esbuild wraps a CommonJS one in __toESM, which defines a getter per
      // array entry (thousands of them at every start).
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(kept))});`, loader: "js" };
    });
  },
};

/**
 * zod's `locales` namespace re-exports its error messages in some fifty languages (about a fifth of the bundle);
 * the CLI's messages are English, and zod configures English itself (its `en` locale, imported directly), so the
 * namespace keeps `en` alone. Nothing of ours reads `z.locales`.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(args.resolveDir, "../locales/en.js"), namespace: "zod-locales" };
    });
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: "js",
      resolveDir: args.path.replace(/[\\/][^\\/]*$/, ""),
    }));
  },
};

await build({
  entryPoints: ["bin/mips.ts"],
  outfile: join(outDir, "mips-main.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: process.env.CLI_MINIFY !== "0",
  legalComments: "none",
  logLevel: "warning",
  plugins: [measuresDataOnlyPiAndIa, zodEnglishOnly],
});
await copyFile("bin/cli-launcher.cjs", launcher);
await chmod(launcher, 0o755);
await rm(cache, { force: true });

/** Runs the built CLI once with the cache written at exit; its stdout, or a thrown error naming the run. */
function train(args, input) {
  const run = spawnSync(process.execPath, [launcher, ...args], {
    encoding: "utf8",
    input,
    env: { ...process.env, MIPS_WRITE_CODE_CACHE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`building the CLI: the training run mips ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

const fixtures = "tests/fixtures/formats/multi-vendor";
const work = await mkdtemp(join(tmpdir(), "mips-cli-cache-"));
try {
  const converted = train(["convert", `${fixtures}/vendor-b-group.xml`]);
  await writeFile(join(work, "group.json"), converted);
  train(["score", join(work, "group.json")]);
  train(["aggregate", `${fixtures}/vendor-a-clinician-1.xml`, `${fixtures}/vendor-a-clinician-2.xml`]);
} finally {
  await rm(work, { recursive: true, force: true });
}
await access(cache).catch(() => {
  throw new Error(`building the CLI: the training runs wrote no code cache (${cache})`);
});
