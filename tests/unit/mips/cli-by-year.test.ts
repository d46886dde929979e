/**
 * The `mips score FILE|-` contract for every performance year 2017-2026 (issue 11, "CLI contract"), run as a
 * process like tests/unit/mips/cli-score.test.ts: one JSON object on stdout with `performanceYear`,
 * `reweighting.{reweighted, reasons, blockingNpis}`, `score.total`, `finalScorePoints` (total x the year's PI
 * weight, null when reweighted), `measures[]` (`measureId`, `points`), `bonuses`, an `explanation` whose
 * points add up, and `score.base/performance/bonus` only for 2017-2018. Bad input (a measure of another
 * year or none, a measure with its exclusion, numerator > denominator) exits 1 with a message naming the
 * measure and the year, never a stack trace. All runs start at once (beforeAll) to keep the file quick.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { yearFacts } from "../../../lib/mips/years/index";
import type { PerformanceYear } from "../../../lib/mips/years";
import { badInputs, completeSet, individual, p, type Values } from "./year-sets";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function mips(args: string[], stdin = ""): Promise<Run> {
  return new Promise((done) => {
    const child = spawn("node_modules/.bin/tsx", ["bin/mips.ts", ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** 2017: the ACI base measures at 50% -> base 50 + performance 15 = 65 (aci-2017-scoring.test.ts). */
const ACI_2017: Values = { ACI_INFBLO_1: true, ACI_ONCDIR_1: true, ACI_PPHI_1: true, ACI_EP_1: p(50, 100), ACI_PEA_1: p(50, 100), ACI_HIE_1: p(50, 100), ACI_HIE_2: p(50, 100) };

/**
 * Each year's complete set at 50% (tests/unit/mips/year-sets.ts), by hand:
 * 2019-2022: EP_1 5 + HIE_1 10 + HIE_4 10 + PEA_1 20 + public health 10 = 55;
 * 2023-2026: EP_1 5 + PDMP 10 + HIE_1 7.5 -> 8 + HIE_4 8 + PEA_1 12.5 -> 13 + public health 25 = 69.
 * Final-score points = total x the year's PI weight: 25%, but 30% in 2020 (Cost at 0%).
 */
const EXPECTED: Record<PerformanceYear, { total: number; finalScorePoints: number }> = {
  2017: { total: 65, finalScorePoints: 16.25 },
  2018: { total: 89, finalScorePoints: 22.25 },
  2019: { total: 55, finalScorePoints: 13.75 },
  2020: { total: 55, finalScorePoints: 16.5 },
  2021: { total: 55, finalScorePoints: 13.75 },
  2022: { total: 55, finalScorePoints: 13.75 },
  2023: { total: 69, finalScorePoints: 17.25 },
  2024: { total: 69, finalScorePoints: 17.25 },
  2025: { total: 69, finalScorePoints: 17.25 },
  2026: { total: 69, finalScorePoints: 17.25 },
};
const YEARS = Object.keys(EXPECTED).map(Number) as PerformanceYear[];

function inputOf(year: PerformanceYear): { args: string[]; stdin?: string } {
  if (year === 2018) return { args: ["score", "tests/fixtures/mips/worked-example-2018-transition.json"] };
  return { args: ["score", "-"], stdin: individual(year, year === 2017 ? ACI_2017 : completeSet(year)) };
}

const PI_YEARS = YEARS.filter((y) => y >= 2019);

/** Bad input runs as processes for the first and the last year (every year is checked in-process in scoring-errors-by-year.test.ts). */
const CLI_BAD_YEARS: PerformanceYear[] = [2019, 2026];

const runs = new Map<string, Run>();
beforeAll(async () => {
  const jobs: [string, () => Promise<Run>][] = [
    ...YEARS.map((y): [string, () => Promise<Run>] => {
      const { args, stdin } = inputOf(y);
      return [`ok ${y}`, () => mips(args, stdin)];
    }),
    ...CLI_BAD_YEARS.flatMap((y) => badInputs(y).map(([what, stdin]): [string, () => Promise<Run>] => [`bad ${y} ${what}`, () => mips(["score", "-"], stdin)])),
    ["group-2026", () => mips(["score", "tests/fixtures/mips/group-2026.json"])],
    ["group-no-pi-2026", () => mips(["score", "tests/fixtures/mips/group-no-pi-2026.json"])],
    ["2027", () => mips(["score", "-"], individual(2027 as PerformanceYear, completeSet(2026)))],
  ];
  // Two processes at a time: each tsx start compiles the engine (about a second of CPU).
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) runs.set(job[0], await job[1]());
  };
  await Promise.all([worker(), worker()]);
}, 180_000);

const json = (key: string) => {
  const r = runs.get(key) as Run;
  expect(r.stderr, `${key}: stderr`).toBe("");
  expect(r.code, `${key}: exit code`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown> & {
    performanceYear: number;
    reweighting: { reweighted: boolean; reasons: string[]; blockingNpis: string[] };
    score: { total: number; base?: number; performance?: number; bonus?: number; noData?: boolean } | null;
    finalScorePoints: number | null;
    measures: { measureId: string; points: number; maxPoints: number }[];
    bonuses: { points: number; measureIds: string[] }[];
    explanation: { points: number; rule: string }[];
    messages: string[];
  };
};
const explained = (out: { explanation: { points: number }[] }) => out.explanation.reduce((s, l) => s + l.points, 0);

describe("mips score: the contract, every year", () => {
  it.each(YEARS)("%i: performanceYear, reweighting, score.total, finalScorePoints = total x PI weight, measures, bonuses, explanation adding up", (year) => {
    const out = json(`ok ${year}`);
    expect(out.performanceYear).toBe(year);
    expect(out.reweighting).toMatchObject({ reweighted: false, blockingNpis: [] });
    expect(Array.isArray(out.reweighting.reasons)).toBe(true);
    expect(out.score?.total).toBe(EXPECTED[year].total);
    expect(out.finalScorePoints).toBe(EXPECTED[year].finalScorePoints);
    expect(out.finalScorePoints).toBe(((out.score?.total ?? 0) * yearFacts(year).weights.pi) / 100);
    expect(out.measures.length).toBeGreaterThan(0);
    for (const m of out.measures) expect(m).toEqual(expect.objectContaining({ measureId: expect.any(String), points: expect.any(Number) }));
    expect(Array.isArray(out.bonuses)).toBe(true);
    expect(explained(out)).toBe(out.score?.total);
  });

  it.each(YEARS)("%i: score.base/performance/bonus only for 2017-2018", (year) => {
    const score = json(`ok ${year}`).score as Record<string, unknown>;
    if (year <= 2018) expect(Object.keys(score).sort()).toEqual(["base", "bonus", "performance", "total"]);
    else expect(Object.keys(score)).toEqual(["total"]);
  });

  it("2019+: the measures list every scored measure with its points; they and the bonuses make the total (before the cap)", () => {
    for (const year of PI_YEARS) {
      const out = json(`ok ${year}`);
      const byId = Object.fromEntries(out.measures.map((m) => [m.measureId, m.points]));
      expect(byId.PI_EP_1, `${year}`).toBe(5);
      expect(byId.PI_PEA_1, `${year}`).toBe(year >= 2023 ? 13 : 20);
      const sum = out.measures.reduce((s, m) => s + m.points, 0) + out.bonuses.reduce((s, b) => s + b.points, 0);
      expect(sum, `${year}`).toBe(out.score?.total);
    }
  });
});

describe("mips score: tests/fixtures/mips/group-2026.json, hand-computed", () => {
  it("EP_1 180/200 -> 9, PDMP yes 10, HIE_1 150/200 -> 11, HIE_4 90/120 -> 11, PEA_1 400/500 -> 20, public health 25, bonus 5 = 91 -> 22.75", () => {
    const out = json("group-2026");
    expect(out).toMatchObject({ performanceYear: 2026, entityType: "group", score: { total: 91 }, finalScorePoints: 22.75 });
    expect(Object.fromEntries(out.measures.map((m) => [m.measureId, m.points]))).toEqual({ PI_EP_1: 9, PI_EP_2: 10, PI_HIE_1: 11, PI_HIE_4: 11, PI_PEA_1: 20, PI_PHCDRR_1: 25 });
    expect(out.bonuses).toEqual([expect.objectContaining({ rule: "publicHealthBonus", points: 5, measureIds: ["PI_PHCDRR_2"] })]);
    expect(explained(out)).toBe(91);
  });

  it("a small practice (2 clinicians) that sent PI data is scored, not reweighted: the data cancels it", () => {
    const out = json("group-2026");
    expect(out.reweighting.reweighted).toBe(false);
    expect(out.reweighting.reasons.join("\n")).toMatch(/small practice[\s\S]*submitted PI data, which cancels reweighting/);
  });
});

describe("mips score: a group not reweighted and with no PI set (tests/fixtures/mips/group-no-pi-2026.json)", () => {
  it("16 clinicians (not a small practice), one blocked by a pending hardship: reweighted false, the blocker named, PI 0 'no data'", () => {
    const out = json("group-no-pi-2026");
    expect(out.reweighting).toMatchObject({ reweighted: false, blockingNpis: ["1234500357"] });
    expect(out.reweighting.reasons.join("\n")).toMatch(/100% rule not met: 1 of 16 MIPS eligible clinician\(s\) do not qualify/);
    expect(out.score).toEqual({ total: 0, noData: true });
    expect(out.finalScorePoints).toBe(0);
    expect(out.measures).toEqual([]);
    expect(out.messages.join("\n")).toMatch(/no "pi" measurement set for performance year 2026 .* PI scores 0 \("no data"\)/);
    expect(explained(out)).toBe(0);
  });
});

describe("mips score: bad input exits 1 naming the measure and the year, without a stack trace", () => {
  const cases = CLI_BAD_YEARS.flatMap((year) => badInputs(year).map(([what, , measure]) => [year, what, measure] as const));
  it.each(cases)("%i: %s (%s)", (year, what, measure) => {
    const r = runs.get(`bad ${year} ${what}`) as Run;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (what === "numerator > denominator") {
      // At its JSON path, naming the measure and the year.
      expect(r.stderr).toMatch(new RegExp(`measurementSets\\[0\\]\\.measurements\\[\\d+\\]\\.value\\.numerator: measure "${measure}" \\(${year}\\): numerator must not exceed denominator`));
      return;
    }
    expect(r.stderr).toMatch(new RegExp(measure));
    expect(r.stderr).toMatch(new RegExp(String(year)));
  });

  it("the retired measure's message says which years it belongs to (PI_EP_3 in 2026 -> 2019)", () => {
    expect(runs.get("bad 2026 a measure of another year")?.stderr).toMatch(/"PI_EP_3" belongs to performance year 2019, not 2026/);
  });

  it("2027 is refused as not supported yet", () => {
    const r = runs.get("2027") as Run;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/performance year 2027 is not supported yet: its rules are not final or not yet sourced \(supported: 2017-2026\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

it("the fixture files used here are valid JSON", () => {
  for (const f of ["group-2026.json", "group-no-pi-2026.json"]) expect(() => JSON.parse(readFileSync(`tests/fixtures/mips/${f}`, "utf8")) as unknown).not.toThrow();
});
