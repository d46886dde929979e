/**
 * Builds the Node programs `npm start` runs on Postgres (bin/start.mjs) to plain JavaScript files, so no
 * TypeScript loader runs in production (under tsx the import worker started at about 160 MB RSS before its
 * first job): the import worker (bin/import-worker.ts -> dist/import-worker.cjs, run with its heap settings)
 * and the server process (bin/web-server.ts -> dist/web-server.cjs: Next behind the rendered-page cache;
 * Next itself stays in node_modules, as the build in .next expects). Run by `npm run build`.
 */
import { build } from "esbuild";
import { nodeBundleOptions } from "./node-bundle.mjs";
import path from "node:path";

const out = process.env.CLI_OUT_DIR ?? "dist";
const webServer = nodeBundleOptions("bin/web-server.ts", path.join(out, "web-server.cjs"));
await Promise.all([
  build(nodeBundleOptions("bin/import-worker.ts", path.join(out, "import-worker.cjs"))),
  build({ ...webServer, external: [...webServer.external, "next"] }),
]);
