#!/usr/bin/env node
/**
 * dist/mips.cjs: starts the bundled CLI (dist/mips-main.cjs, built by bin/build-cli.mjs) from V8's code cache
 * (dist/mips-main.cjs.v8cache), so a run neither compiles the 1.3 MB bundle nor its functions again: Node 20 has
 * no module.enableCompileCache() (22.1+), so this does what it does, with vm.Script's cachedData.
 *
 * The cache is written by the build (a training run) and rewritten after any run whose cache V8 refused (another
 * Node version, a rebuilt bundle): best effort, a read-only install simply runs without it. The bundle runs as
 * the CommonJS module it is (module wrapper, require from its own folder), so it behaves as `node
 * dist/mips-main.cjs` would.
 */
"use strict";
const { readFileSync, writeFileSync, renameSync } = require("node:fs");
const { join } = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

const bundle = join(__dirname, "mips-main.cjs");
const cacheFile = `${bundle}.v8cache`;
// esbuild writes ASCII only (charset ascii, its default): read as latin1, which skips UTF-8 decoding.
const source = readFileSync(bundle, "latin1");
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined; // no cache yet: compiled normally, and the cache written at exit
}

const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
const writeCache = process.env.MIPS_WRITE_CODE_CACHE === "1" || cachedData === undefined || script.cachedDataRejected === true;
if (writeCache) {
  // At exit the functions this run compiled are in the script's cache too (V8 serializes them with the script).
  process.once("exit", () => {
    try {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only or shared install: run without a cache.
    }
  });
}

const mainModule = new Module(bundle, module);
mainModule.filename = bundle;
mainModule.paths = Module._nodeModulePaths(__dirname);
const wrapper = script.runInThisContext();
wrapper.call(mainModule.exports, mainModule.exports, Module.createRequire(bundle), mainModule, bundle, __dirname);
