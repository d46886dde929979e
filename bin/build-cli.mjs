/**
 * Builds `mips` (bin/mips.ts) to one plain JavaScript file, dist/mips.cjs, started with node (no tsx at run
 * time: starting tsx alone cost 0.84 s). Run by `npm run build` and by `npm ci` (the `prepare` script).
 *
 * The catalogs import qpp-measures-data's measures-data.json files (12 MB, mostly quality measures). The CLI
 * reads only their PI (ACI in 2017) and IA entries, so the bundle keeps those entries alone: the same data
 * for lib/mips/catalog.ts and lib/mips/ia-catalog.ts, a twentieth of the bytes to parse at start-up.
 */
import { build } from "esbuild";
import { chmod, readFile } from "node:fs/promises";

const KEPT_CATEGORIES = new Set(["aci", "pi", "ia"]);

const measuresDataOnlyPiAndIa = {
  name: "measures-data-pi-and-ia",
  setup(b) {
    b.onLoad({ filter: /qpp-measures-data[\\/]measures[\\/]\d{4}[\\/]measures-data\.json$/ }, async (args) => {
      const all = JSON.parse(await readFile(args.path, "utf8"));
      const kept = all.filter((m) => KEPT_CATEGORIES.has(m.category));
      // A JSON.parse of one string compiles and parses faster than the same data as an object literal.
      return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(kept))});`, loader: "js" };
    });
  },
};

await build({
  entryPoints: ["bin/mips.ts"],
  outfile: "dist/mips.cjs",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: process.env.CLI_MINIFY !== "0",
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node" },
  logLevel: "warning",
  plugins: [measuresDataOnlyPiAndIa],
});
await chmod("dist/mips.cjs", 0o755);
