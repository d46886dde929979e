/**
 * Builds the import worker (bin/import-worker.ts) to one plain JavaScript file, dist/import-worker.cjs, which
 * bin/start.mjs runs with node and the worker's heap settings: no TypeScript loader in production (under tsx
 * the worker started at about 160 MB RSS before its first job). Run by `npm run build`.
 */
import { build } from "esbuild";
import { nodeBundleOptions } from "./node-bundle.mjs";
import path from "node:path";

await build(nodeBundleOptions("bin/import-worker.ts", path.join(process.env.CLI_OUT_DIR ?? "dist", "import-worker.cjs")));
