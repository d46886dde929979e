#!/usr/bin/env node
/**
 * The npm mirror this project is built behind lacks other platforms' native binaries (next's swc and
 * tailwind's oxide for darwin/win32/...), so `npm install` leaves them out of package-lock.json and
 * `npm ci` then refuses the lockfile. This adds lockfile entries for those optional platform packages
 * (version, registry URL, os/cpu), which npm ci skips on a platform that does not match.
 * Run after any `npm install` that rewrites the lockfile: `node bin/lockfile-platform-stubs.cjs`.
 */
const fs = require("node:fs");

const PLATFORMS = {
  "android-arm64": [["android"], ["arm64"]],
  "darwin-arm64": [["darwin"], ["arm64"]],
  "darwin-x64": [["darwin"], ["x64"]],
  "freebsd-x64": [["freebsd"], ["x64"]],
  "linux-arm-gnueabihf": [["linux"], ["arm"]],
  "linux-arm64-gnu": [["linux"], ["arm64"]],
  "linux-arm64-musl": [["linux"], ["arm64"]],
  "linux-x64-gnu": [["linux"], ["x64"]],
  "linux-x64-musl": [["linux"], ["x64"]],
  "wasm32-wasi": [null, ["wasm32"]],
  "win32-arm64-msvc": [["win32"], ["arm64"]],
  "win32-ia32-msvc": [["win32"], ["ia32"]],
  "win32-x64-msvc": [["win32"], ["x64"]],
};

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const [parentKey, parent] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const suffix = Object.keys(PLATFORMS).find((s) => name.endsWith(s));
    if (!suffix || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const [os, cpu] = PLATFORMS[suffix];
    const base = name.split("/").pop();
    const entry = { version, resolved: `https://registry.npmjs.org/${name}/-/${base}-${version}.tgz`, cpu };
    if (os) entry.os = os;
    entry.optional = true;
    if (parent.dev) entry.dev = true;
    packages[key] = entry;
    added += 1;
    console.log(`added ${key}@${version} (optional for ${parentKey})`);
  }
}
const sorted = {};
for (const k of Object.keys(packages).sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1))) sorted[k] = packages[k];
lock.packages = sorted;
fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(added === 0 ? "lockfile already complete" : `${added} platform entries added`);
