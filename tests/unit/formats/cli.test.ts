/**
 * `mips convert` and `mips aggregate` as a user runs them: stdout JSON, stderr messages without stack
 * traces, exit codes; and `aggregate | score -` (issue 3's CLI contract) once `mips score` exists.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { own, qrda3, repoRoot, text } from "../../paths";

const tsx = resolve(repoRoot, "node_modules/.bin/tsx");

function mips(args: string[], input?: string) {
  const run = spawnSync(tsx, ["bin/mips.ts", ...args], { cwd: repoRoot, encoding: "utf8", input, maxBuffer: 64 * 1024 * 1024 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/internal error/);
}

const tmp = mkdtempSync(join(tmpdir(), "mips-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const vendorFiles = [
  own("multi-vendor/vendor-a-clinician-1.xml"),
  own("multi-vendor/vendor-a-clinician-2.xml"),
  own("multi-vendor/vendor-b-group.xml"),
];

describe("mips convert", { timeout: 30_000 }, () => {
  it("prints CMS's PI set for valid-QRDA-III-latest.xml, warnings on stderr only", () => {
    const run = mips(["convert", qrda3("valid-QRDA-III-latest.xml")]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { measurementSets: { category: string }[] };
    // The quality and IA sets are kept beside it (issue 12); the PI set is CMS's.
    expect(out.measurementSets.map((s) => s.category)).toEqual(["pi", "quality", "ia"]);
    expect(out.measurementSets[0]).toStrictEqual(JSON.parse(text(qrda3("valid-QRDA-III-latest.pi-section.expected.json"))));
    expect(run.stderr).toMatch(/^mips: warning: .*valid-QRDA-III-latest\.xml: \/ClinicalDocument\/documentationOf.*NPI "0777777777"/m);
  });

  it("refuses a non-QRDA file with exit 1, one clear line, no stack trace", () => {
    const run = mips(["convert", qrda3("negative/not-a-QDRA-III-file.xml")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^mips: .*not-a-QDRA-III-file\.xml is not a QRDA III document: its root element is <ClinicalDocument> without a namespace/);
    expectNoStackTrace(run.stderr);
  });

  it("lists every problem of the unknown-measure file", () => {
    const run = mips(["convert", qrda3("odd/AciMeasurePerformedGarbage.xml")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the PI section cannot be converted \(1 problem\(s\)\)\n {2}- \/ClinicalDocument\/.*: unknown measure id "TEST_MEASURE_ID"/);
    expectNoStackTrace(run.stderr);
  });

  it("refuses a DOCTYPE (billion laughs) and a 60 MB file", () => {
    const laughs = mips(["convert", own("hostile/billion-laughs.xml")]);
    expect(laughs.code).toBe(1);
    expect(laughs.stderr).toMatch(/contains a DOCTYPE declaration/);
    const big = join(tmp, "big.xml");
    writeFileSync(big, `<ClinicalDocument xmlns="urn:hl7-org:v3"><!--${"x".repeat(60 * 1024 * 1024)}--></ClinicalDocument>`);
    const run = mips(["convert", big]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/big\.xml is too large: 60\.0 MB \(the limit for a vendor file is 50 MB\)/);
    expectNoStackTrace(run.stderr);
  });

  it("reads stdin with -, and says how to call it without a file", () => {
    const run = mips(["convert", "-"], text(own("multi-vendor/vendor-b-group.xml")));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: "123456789" });
    const none = mips(["convert"]);
    expect(none.code).toBe(64);
    expect(none.stderr).toMatch(/expected exactly one FILE/);
    const missing = mips(["convert", join(tmp, "nope.xml")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/file not found: .*nope\.xml/);
  });
});

describe("mips aggregate", { timeout: 30_000 }, () => {
  it("aggregates QRDA III and QPP JSON files of one TIN into one group submission", () => {
    const run = mips(["aggregate", ...vendorFiles, own("multi-vendor/vendor-c-clinician-3.json")]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { entityType: string; measurementSets: { measurements: { measureId: string; value: unknown }[] }[] };
    expect(out.entityType).toBe("group");
    expect(out.measurementSets[0]?.measurements).toContainEqual({ measureId: "PI_EP_1", value: { numerator: 210, denominator: 420 } });
    expect(run.stderr).toMatch(/mips: warning: PI_LVOTC_1: exclusion PI_LVOTC_1 is claimed by/);
  });

  it("--lineage prints which file contributed what on stderr; stdout stays the submission", () => {
    const run = mips(["aggregate", "--lineage", ...vendorFiles]);
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
    expect(run.stderr).toMatch(/^lineage:$/m);
    expect(run.stderr).toMatch(/^ {2}PI_EP_1 = 200\/400 \[sum\]: sum of .*vendor-a-clinician-1\.xml 100\/200/m);
    expect(run.stderr).toMatch(/^ {6}.*vendor-b-group\.xml: 70\/160$/m);
  });

  it("refuses another TIN and mixed periods, naming the files, exit 1", () => {
    const tin = mips(["aggregate", vendorFiles[0]!, own("multi-vendor/other-tin.xml")]);
    expect(tin.code).toBe(1);
    expect(tin.stderr).toMatch(/cannot aggregate sources with different TINs: .*vendor-a-clinician-1\.xml \(123456789\), .*other-tin\.xml \(987654321\)/);
    const period = mips(["aggregate", vendorFiles[0]!, own("multi-vendor/other-period.xml")]);
    expect(period.code).toBe(1);
    expect(period.stderr).toMatch(/different performance periods: .*vendor-a-clinician-1\.xml \(2018-01-01\.\.2018-03-31\), .*other-period\.xml \(2018-04-01\.\.2018-06-30\)/);
    expectNoStackTrace(period.stderr);
  });
});

describe("mips aggregate --tin (as the README shows it)", { timeout: 30_000 }, () => {
  it("aggregates when every file is the TIN's, with or without its dashes", () => {
    for (const tin of ["123456789", "12-3456789"]) {
      const run = mips(["aggregate", "--tin", tin, ...vendorFiles]);
      expect(run.stderr).not.toMatch(/unknown option/);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: "123456789" });
    }
    expect(mips(["aggregate", "--tin=123456789", ...vendorFiles]).code).toBe(0);
  });

  it("refuses files of another TIN, naming them, exit 1; and a malformed --tin, exit 64", () => {
    const other = mips(["aggregate", "--tin", "987654321", ...vendorFiles]);
    expect(other.code).toBe(1);
    expect(other.stdout).toBe("");
    expect(other.stderr).toMatch(/^mips aggregate: --tin 987654321 was given, but these files are for another TIN: .*vendor-a-clinician-1\.xml \(123456789\), .*vendor-b-group\.xml \(123456789\); nothing was aggregated$/m);
    const bad = mips(["aggregate", "--tin", "12345", ...vendorFiles]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--tin expects the group's 9-digit TIN \(got "12345"\); usage: mips aggregate \[--tin TIN\] \[--lineage\] FILE\.\.\./);
    expect(mips(["aggregate", "--tin"]).stderr).toMatch(/--tin expects the group's 9-digit TIN \(got nothing\)/);
    expectNoStackTrace(other.stderr + bad.stderr);
  });
});

describe("aggregate | score -", { timeout: 30_000 }, () => {
  it("scores the aggregated group submission", () => {
    const aggregated = mips(["aggregate", ...vendorFiles]);
    expect(aggregated.code).toBe(0);
    const scored = mips(["score", "-"], aggregated.stdout);
    expect(scored.stderr).not.toMatch(/^\s+at /m);
    expect(scored.code).toBe(0);
    const out = JSON.parse(scored.stdout) as { performanceYear: number; entityType: string; measureSet: string; score: { base: number; total: number } | null };
    expect(out).toMatchObject({ performanceYear: 2018, entityType: "group", measureSet: "pi" });
    // Rules 6.3-6.5 on the sums: base 50; PEA 100/200 -> 5, HIE_1 20/40 -> 5, HIE_2 20/50 -> 4, public
    // health 10; bonus: a second registry 5, IA via CEHRT 10, 2015 Edition only 10: 50 + 24 + 25 = 99.
    expect(out.score?.base).toBe(50);
    expect(out.score?.total).toBe(99);
  });
});
