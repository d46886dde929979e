/**
 * Fixture locations, the one place tests resolve them: relative to the repository root, so CI (a fresh
 * clone with ../shared beside it) and every machine find `../shared`, never an absolute path.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
export const sharedFixtures = resolve(repoRoot, "../shared/fixtures");
export const qrda3Dir = resolve(sharedFixtures, "qrda3");
export const qppJsonDir = resolve(sharedFixtures, "qpp-json");
export const qppMeasuresDataDir = resolve(sharedFixtures, "qpp-measures-data");
export const ownFixtures = resolve(repoRoot, "tests/fixtures/formats");

export function qrda3(name: string): string {
  return resolve(qrda3Dir, name);
}
export function own(name: string): string {
  return resolve(ownFixtures, name);
}
export function text(path: string): string {
  return readFileSync(path, "utf8");
}
