/**
 * The built CLI (bin/build-cli.mjs: dist/mips.cjs, a launcher running dist/mips-main.cjs from V8's code cache)
 * answers exactly as `npm run -s mips` (tsx bin/mips.ts) does: the same stdout bytes, stderr bytes and exit
 * code for conversions (QRDA III of several years, QPP JSON, stdin), refusals, score and aggregate. Built into
 * a temporary folder, so dist/ is left alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { own, qppJsonDir, qrda3, repoRoot } from "../../paths";

const tsx = resolve(repoRoot, "node_modules/.bin/tsx");
const out = mkdtempSync(join(tmpdir(), "mips-built-"));
const launcher = join(out, "mips.cjs");
const cache = join(out, "mips-main.cjs.v8cache");
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync(process.execPath, ["bin/build-cli.mjs"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, CLI_OUT_DIR: out } });
  expect(built.stderr).toBe("");
  expect(built.status).toBe(0);
}, 120_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input?: string): Run {
  const r = spawnSync(command, args, { cwd: repoRoot, encoding: "utf8", input, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const viaTsx = (args: string[], input?: string) => run(tsx, ["bin/mips.ts", ...args], input);
const built = (args: string[], input?: string) => run(process.execPath, [launcher, ...args], input);

const scratch = mkdtempSync(join(tmpdir(), "mips-built-input-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases: [string, string[], string?][] = [
  ["CMS's 1.2 MB group sample (PI, IA, quality kept)", ["convert", qrda3("MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml")]],
  ["a 2025 sample", ["convert", qrda3("2025/App1-Group-QRDA-III.xml")]],
  ["the latest sample with its NPI warning", ["convert", qrda3("valid-QRDA-III-latest.xml")]],
  ["a refused unknown measure id", ["convert", qrda3("odd/AciMeasurePerformedGarbage.xml")]],
  ["a file that is not QRDA III", ["convert", qrda3("negative/not-a-QDRA-III-file.xml")]],
  ["a DOCTYPE (billion laughs)", ["convert", own("hostile/billion-laughs.xml")]],
  ["a truncated file", ["convert", own("hostile/truncated.xml")]],
  ["a missing file", ["convert", join(scratch, "nope.xml")]],
  ["no file", ["convert"]],
  ["stdin", ["convert", "-"], readFileSync(own("multi-vendor/vendor-b-group.xml"), "utf8")],
  ["aggregate with lineage", ["aggregate", "--lineage", own("multi-vendor/vendor-a-clinician-1.xml"), own("multi-vendor/vendor-a-clinician-2.xml"), own("multi-vendor/vendor-b-group.xml")]],
  ["aggregate of another TIN", ["aggregate", own("multi-vendor/vendor-b-group.xml"), own("multi-vendor/other-tin.xml")]],
  ["an unknown command", ["frobnicate"]],
  ["help", ["--help"]],
];

describe("the built CLI answers as tsx bin/mips.ts", { timeout: 60_000 }, () => {
  it.each(cases)("%s: same stdout, stderr and exit code", (_label, args, input) => {
    const expected = viaTsx(args, input);
    const actual = built(args, input);
    expect(actual.code).toBe(expected.code);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stdout).toBe(expected.stdout);
  });

  it("a QPP JSON file, and the score of a conversion: same bytes", () => {
    const converted = built(["convert", own("multi-vendor/vendor-b-group.xml")]);
    expect(converted.code).toBe(0);
    const file = join(scratch, "group.json");
    writeFileSync(file, converted.stdout);
    expect(built(["score", file])).toStrictEqual(viaTsx(["score", file]));
    expect(built(["score", "-"], converted.stdout)).toStrictEqual(viaTsx(["score", "-"], converted.stdout));
    const qppJson = join(qppJsonDir, "cms-2018-pi-submission-example.json");
    expect(built(["convert", qppJson])).toStrictEqual(viaTsx(["convert", qppJson]));
  });
});

describe("the code cache", { timeout: 60_000 }, () => {
  it("is written by the build and used as it is (a run does not rewrite it)", () => {
    expect(statSync(cache).size).toBeGreaterThan(100_000);
    const before = statSync(cache).mtimeMs;
    expect(built(["--help"]).code).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(before);
  });

  it("is rewritten after V8 refuses it (a damaged or foreign cache), and the run's answer is unchanged", () => {
    const expected = built(["convert", own("multi-vendor/vendor-b-group.xml")]);
    writeFileSync(cache, "not a V8 code cache");
    const actual = built(["convert", own("multi-vendor/vendor-b-group.xml")]);
    expect(actual).toStrictEqual(expected);
    expect(statSync(cache).size).toBeGreaterThan(100_000);
  });
});
