/** scoreSubmission: the QPP JSON -> CLI report path, including CMS's own example submission. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { scoreSubmission } from "../../../lib/mips";
import { qppJsonDir } from "../../paths";

const fixture = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const ours = (name: string) => fixture(`tests/fixtures/mips/${name}`);
const CMS_EXAMPLE = resolve(qppJsonDir, "cms-2018-pi-submission-example.json");
const CONTRACT_KEYS = ["performanceYear", "entityType", "reweighting", "measureSet", "score", "finalScorePoints", "measures", "messages"];

function badInputOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected BAD_INPUT");
}

describe("CMS's 2018 example submission", () => {
  // By hand (rules page 6): attestations yes; SRA yes; EP 150/200, PEA 110/110, HIE_1 150/150,
  // HIE_2 130/130 -> base 50. Performance: PEA, HIE_1, HIE_2, HIE_3 at 100% -> 10 each = 40 (EP earns none).
  // Bonus: PI_IACEHRT_1 yes -> +10; no edition stated -> no 2015-Edition bonus. 50 + 40 + 10 = 100 -> 25 points.
  const r = scoreSubmission(fixture(CMS_EXAMPLE));
  it("scores 50 + 40 + 10 = 100 -> 25 points on the PI set", () => {
    expect(r.measureSet).toBe("pi");
    expect(r.score).toEqual({ base: 50, performance: 40, bonus: 10, total: 100 });
    expect(r.finalScorePoints).toBe(25);
    expect(r.measures.map((m) => [m.measureId, m.points, m.maxPoints])).toEqual([
      ["PI_EP_1", 0, 0],
      ["PI_PEA_1", 10, 10],
      ["PI_HIE_2", 10, 10],
      ["PI_HIE_1", 10, 10],
      ["PI_HIE_3", 10, 10],
    ]);
  });
  it("warns that its NPI 9876543210 is not a valid NPI, but scores it", () => {
    expect(r.messages[0]).toMatch(/^warning: nationalProviderIdentifier: NPI "9876543210" .*cannot join a roster/);
  });
  it("keeps every contract key, in order", () => {
    expect(Object.keys(r).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(Object.keys(r.reweighting).slice(0, 3)).toEqual(["reweighted", "reasons", "blockingNpis"]);
  });
});

describe("scoreSubmission", () => {
  it("worked example file: 89 -> 22.25", () => {
    const r = scoreSubmission(ours("worked-example-2018-transition.json"));
    expect([r.measureSet, r.score?.total, r.finalScorePoints]).toEqual(["transition", 89, 22.25]);
  });

  it("group with one blocker: scored, the blocker named; 2015 Edition derived from the CEHRT ID gives +10", () => {
    const r = scoreSubmission(ours("group-one-blocker-2018.json"));
    expect(r.reweighting.reweighted).toBe(false);
    expect(r.reweighting.blockingNpis).toEqual(["2567891421"]);
    expect(r.reweighting.blockingClinicians[0]?.why).toMatch(/dismissed/);
    // PEA 72% -> 8, HIE_1 75% -> 8, HIE_2 0.2% -> 1, SM 72% -> 8, immunization registry 10; e-Rx excluded
    expect(r.score).toEqual({ base: 50, performance: 35, bonus: 10, total: 95 });
    expect(r.messages.join("\n")).toMatch(/CEHRT edition 2015 derived from cehrtId 0015E8TQ3BVWXYZ/);
    expect(r.measures.find((m) => m.measureId === "PI_EP_1")).toMatchObject({ excluded: true, points: 0 });
  });

  it("group where every clinician qualifies and no PI data: reweighted, score and points null", () => {
    const r = scoreSubmission(ours("group-reweighted-2018.json"));
    expect(r.reweighting).toMatchObject({ reweighted: true, blockingNpis: [] });
    expect([r.measureSet, r.score, r.finalScorePoints, r.measures]).toEqual([null, null, null, []]);
  });

  it("virtual group across member TINs: reweighted", () => {
    const r = scoreSubmission(ours("virtual-group-reweighted-2018.json"));
    expect(r.entityType).toBe("virtualGroup");
    expect(r.reweighting.reweighted).toBe(true);
    expect(r.score).toBeNull();
  });

  it("an NP submitting PI data is scored, not reweighted", () => {
    const json = { ...(ours("worked-example-2018-transition.json") as object), clinicians: [{ npi: "1234567893", clinicianType: "NP" }] };
    const r = scoreSubmission(json);
    expect(r.reweighting.reweighted).toBe(false);
    expect(r.reweighting.reasons.join("\n")).toMatch(/cancels reweighting/);
    expect(r.score?.total).toBe(89);
  });

  it("an NP with no PI set is reweighted", () => {
    const json = { ...(ours("no-pi-set-2017.json") as object), clinicians: [{ npi: "1234567893", clinicianType: "NP" }] };
    const r = scoreSubmission(json);
    expect([r.reweighting.reweighted, r.score]).toEqual([true, null]);
  });

  it("no PI/ACI set and no reweighting: PI scores 0 (\"no data\"), not an error", () => {
    const r = scoreSubmission(ours("no-pi-set-2017.json"));
    expect(r.reweighting.reweighted).toBe(false);
    expect(r.score).toEqual({ total: 0, noData: true });
    expect(r.finalScorePoints).toBe(0);
    expect(r.messages.join("\n")).toMatch(/no "aci" measurement set for performance year 2017 \(found: "quality"\) and the category is not reweighted: PI scores 0/);
  });

  it("invalid counts: every problem with its JSON path", () => {
    const e = badInputOf(() => scoreSubmission(ours("invalid-numerator.json")));
    expect(e.issues.map((i) => i.path)).toEqual([
      "measurementSets[0].measurements[0].value.numerator",
      "measurementSets[0].measurements[1].value.numerator",
    ]);
  });

  it("unknown measure and other-year measure are named", () => {
    const json = ours("worked-example-2018-transition.json") as { measurementSets: { measurements: unknown[] }[] };
    json.measurementSets[0]?.measurements.push({ measureId: "ACI_PEA_1", value: { numerator: 1, denominator: 2 } }, { measureId: "PI_BOGUS", value: true });
    const e = badInputOf(() => scoreSubmission(json));
    expect(e.issues.map((i) => i.message).join("\n")).toMatch(/"ACI_PEA_1" belongs to performance year 2017, not 2018[\s\S]*unknown measure "PI_BOGUS"/);
  });

  it("missing performance period and contradicting CEHRT edition are refused", () => {
    const json = ours("worked-example-2018-transition.json") as { measurementSets: Record<string, unknown>[] };
    const set = json.measurementSets[0] as Record<string, unknown>;
    delete set.performanceEnd;
    expect(badInputOf(() => scoreSubmission(json)).issues[0]?.path).toBe("measurementSets[0].performanceEnd");
    set.performanceEnd = "2018-12-31";
    set.cehrtId = "0015E8TQ3BVWXYZ";
    expect(badInputOf(() => scoreSubmission(json)).message).toMatch(/cehrtEdition "2014" contradicts cehrtId 0015E8TQ3BVWXYZ/);
  });

  it("a short period is a score of 0 with the reason, not an error", () => {
    const json = ours("worked-example-2018-transition.json") as { measurementSets: Record<string, unknown>[] };
    (json.measurementSets[0] as Record<string, unknown>).performanceEnd = "2018-03-30";
    const r = scoreSubmission(json);
    expect(r.score).toEqual({ base: 0, performance: 0, bonus: 0, total: 0 });
    expect(r.messages.join("\n")).toMatch(/is 89 days: at least 90 consecutive days/);
  });

  it("several PI sets: each scored, the highest kept", () => {
    const json = ours("worked-example-2018-transition.json") as { measurementSets: Record<string, unknown>[] };
    const first = json.measurementSets[0] as Record<string, unknown>;
    json.measurementSets.unshift({ ...first, submissionMethod: "electronicHealthRecord", performanceEnd: "2018-02-01" });
    const r = scoreSubmission(json);
    expect(r.score?.total).toBe(89);
    expect(r.messages.join("\n")).toMatch(/2 "pi" measurement sets: kept measurementSets\[1\]/);
  });
});
