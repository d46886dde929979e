/** `mips score` as a process: stdout is exactly one JSON object; bad input -> non-zero, stderr, no stack. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { qppJsonDir } from "../../paths";

function mips(args: string[], stdin?: string) {
  const r = spawnSync("node_modules/.bin/tsx", ["bin/mips.ts", ...args], { input: stdin ?? "", encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("mips score (CLI)", { timeout: 60_000 }, () => {
  it("FILE: prints the contract object for the worked example", () => {
    const r = mips(["score", "tests/fixtures/mips/worked-example-2018-transition.json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      performanceYear: 2018,
      entityType: "individual",
      reweighting: { reweighted: false, blockingNpis: [] },
      measureSet: "transition",
      score: { base: 50, performance: 39, bonus: 0, total: 89 },
      finalScorePoints: 22.25,
    });
    expect(out.measures).toContainEqual(expect.objectContaining({ measureId: "PI_TRANS_SM_1", numerator: 100, denominator: 750, points: 2, maxPoints: 10 }));
  });

  it("- reads stdin (CMS example: 100 -> 25, with the NPI warning)", () => {
    const r = mips(["score", "-"], readFileSync(resolve(qppJsonDir, "cms-2018-pi-submission-example.json"), "utf8"));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { finalScorePoints: number; messages: string[] };
    expect(out.finalScorePoints).toBe(25);
    expect(out.messages[0]).toMatch(/9876543210/);
  });

  it("reweighted group: score and finalScorePoints null", () => {
    const out = JSON.parse(mips(["score", "tests/fixtures/mips/group-reweighted-2018.json"]).stdout) as Record<string, unknown>;
    expect([out.score, out.finalScorePoints, out.measureSet]).toEqual([null, null, null]);
  });

  it.each([
    [["score", "tests/fixtures/mips/invalid-numerator.json"], undefined, /measurementSets\[0\]\.measurements\[0\]\.value\.numerator: measure "PI_PEA_1" \(2018\): numerator must not exceed denominator/],
    [["score", "-"], "{ not json", /stdin is not valid JSON/],
    [["score", "tests/fixtures/mips/does-not-exist.json"], undefined, /file not found: tests\/fixtures\/mips\/does-not-exist.json/],
    [["score"], undefined, /usage: mips score FILE\|-/],
  ])("refuses %j: exit 1, message on stderr, nothing on stdout", (args, stdin, message) => {
    const r = mips(args, stdin);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
