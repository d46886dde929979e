/**
 * esbuild's options for a Node bundle of our TypeScript (one CommonJS file for Node 20, the `@/` alias
 * resolved), shared by the import worker's build (bin/build-worker.mjs) and the benches (bin/bench/bundled.mjs).
 */
import path from "node:path";

export function nodeBundleOptions(entry, outfile) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    alias: { "@": path.resolve(".") },
    // Native or WebAssembly packages load from node_modules as they are.
    external: ["@electric-sql/pglite", "pg-native", "@node-rs/argon2"],
    logLevel: "error",
  };
}
