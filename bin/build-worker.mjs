/**
 * Builds the import worker (bin/import-worker.ts) to one plain JavaScript file, dist/import-worker.cjs, which
 * bin/start.mjs runs with node and the worker's heap settings: no TypeScript loader in production (under tsx
 * the worker started at about 160 MB RSS before its first job). Run by `npm run build`.
 */
import { build } from "esbuild";
import path from "node:path";

await build({
  entryPoints: ["bin/import-worker.ts"],
  outfile: path.join(process.env.CLI_OUT_DIR ?? "dist", "import-worker.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  alias: { "@": path.resolve(".") },
  // Native or WebAssembly packages load from node_modules as they are.
  external: ["@electric-sql/pglite", "pg-native", "@node-rs/argon2"],
  logLevel: "error",
});
