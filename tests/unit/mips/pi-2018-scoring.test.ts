/** 2018 PI scoring, one case per rule of the rules page (sections 6.1-6.6) and the seed. */
import { describe, expect, it } from "vitest";
import { scorePiCategory } from "../../../lib/mips";
import { input, p, piSet, workedExample } from "./helpers";

const sumPoints = (lines: { points: number }[]) => lines.reduce((s, l) => s + l.points, 0);

describe("seed worked example (rules page 6.6)", () => {
  const r = scorePiCategory(workedExample());
  it("reproduces 50 + 39 + 0 = 89% -> 22.25 points on the transition set", () => {
    expect(r.measureSet).toBe("transition");
    expect([r.base, r.performance, r.bonus, r.total, r.finalScorePoints]).toEqual([50, 39, 0, 89, 22.25]);
  });
  it("gives each measure the seed's points and maximum", () => {
    const pts = Object.fromEntries(r.measures.filter((m) => m.maxPoints > 0).map((m) => [m.measureId, [m.points, m.maxPoints]]));
    expect(pts).toEqual({
      PI_TRANS_PEA_1: [8, 20],
      PI_TRANS_HIE_1: [18, 20],
      PI_TRANS_PEA_2: [7, 10],
      PI_TRANS_SM_1: [2, 10],
      PI_TRANS_MR_1: [4, 10],
    });
  });
  it("explains itself: the explanation's points add up to the total", () => {
    expect(sumPoints(r.explanation)).toBe(89);
    expect(r.explanation.find((l) => l.rule === "base")?.message).toMatch(/base score met/);
  });
});

describe("prerequisites (6.1, 6.3): any failure scores the whole category 0, with the reason", () => {
  const cases: [string, Parameters<typeof workedExample>[0], string, RegExp][] = [
    ["information blocking attestation no", { PI_INFBLO_1: false }, "attestation", /PI_INFBLO_1.*answered no/],
    ["ONC direct review attestation missing", { PI_ONCDIR_1: undefined }, "attestation", /PI_ONCDIR_1.*not reported/],
    ["security risk analysis no", { PI_TRANS_PPHI_1: false }, "securityRiskAnalysis", /Security Risk Analysis.*answered no/],
    ["security risk analysis missing", { PI_TRANS_PPHI_1: undefined }, "securityRiskAnalysis", /not reported/],
    ["e-Prescribing numerator 0 without exclusion", { PI_TRANS_EP_1: p(0, 750) }, "baseMeasure", /PI_TRANS_EP_1.*numerator 0 without its exclusion PI_TRANS_LVPP_1/],
    ["HIE 0/0 without exclusion", { PI_TRANS_HIE_1: p(0, 0) }, "baseMeasure", /PI_TRANS_HIE_1/],
    ["Provide Patient Access missing (no exclusion exists)", { PI_TRANS_PEA_1: undefined }, "baseMeasure", /PI_TRANS_PEA_1.*not reported/],
  ];
  it.each(cases)("%s", (_name, overrides, rule, message) => {
    const r = scorePiCategory(workedExample(overrides));
    expect(r.total).toBe(0);
    expect(r.finalScorePoints).toBe(0);
    expect(r.failedPrerequisites.map((f) => f.rule)).toContain(rule);
    expect(r.messages.join("\n")).toMatch(message);
    expect(r.measures.every((m) => m.points === 0)).toBe(true);
  });

  it("a period of 89 days fails; 90 days (Jan 1..Mar 31 2018) passes", () => {
    const short = scorePiCategory({ ...workedExample(), performanceStart: "2018-01-01", performanceEnd: "2018-03-30" });
    expect(short.total).toBe(0);
    expect(short.performancePeriodDays).toBe(89);
    expect(short.failedPrerequisites[0]?.message).toMatch(/is 89 days: at least 90 consecutive days/);
    const ok = scorePiCategory({ ...workedExample(), performanceStart: "2018-01-01", performanceEnd: "2018-03-31" });
    expect(ok.performancePeriodDays).toBe(90);
    expect(ok.total).toBe(89);
  });

  it("a one-day period is 1 day (inclusive), across a leap-free February too", () => {
    expect(scorePiCategory({ ...workedExample(), performanceStart: "2018-06-01", performanceEnd: "2018-06-01" }).performancePeriodDays).toBe(1);
    expect(scorePiCategory({ ...workedExample(), performanceStart: "2018-02-01", performanceEnd: "2018-05-01" }).performancePeriodDays).toBe(90);
  });

  it("reports every failed prerequisite, not just the first", () => {
    const r = scorePiCategory(workedExample({ PI_INFBLO_1: false, PI_TRANS_PPHI_1: false, PI_TRANS_HIE_1: p(0, 10) }));
    expect(r.failedPrerequisites.map((f) => f.rule).sort()).toEqual(["attestation", "baseMeasure", "securityRiskAnalysis"]);
  });
});

describe("exclusions (6.3): meet the base requirement, earn 0 performance points", () => {
  it.each([
    ["PI_EP_1", "PI_LVPP_1", 0],
    ["PI_HIE_1", "PI_LVOTC_1", 5],
    ["PI_HIE_2", "PI_LVITC_1", 5],
  ])("PI set: %s 0/0 with %s yes", (measureId, exclusionId, lost) => {
    const r = scorePiCategory(input(2018, "2015", piSet({ [measureId]: p(0, 0), [exclusionId]: true })));
    expect(r.baseMet).toBe(true);
    const row = r.measures.find((m) => m.measureId === measureId);
    expect(row).toMatchObject({ excluded: true, points: 0, status: "excluded" });
    // all-50% submission: PEA_1, HIE_1, HIE_2 earn 5 each (e-Prescribing none), minus the excluded measure's
    expect(r.performance).toBe(15 - lost);
  });

  it.each([
    ["PI_TRANS_EP_1", "PI_TRANS_LVPP_1", 39],
    ["PI_TRANS_HIE_1", "PI_TRANS_LVOTC_1", 21], // loses HIE's 18 points
  ])("transition set: %s 0/0 with %s yes", (measureId, exclusionId, performance) => {
    const r = scorePiCategory(workedExample({ [measureId]: p(0, 0), [exclusionId]: true }));
    expect(r.base).toBe(50);
    expect(r.performance).toBe(performance);
  });

  it("an exclusion answered no does not excuse a 0 numerator", () => {
    const r = scorePiCategory(workedExample({ PI_TRANS_EP_1: p(0, 750), PI_TRANS_LVPP_1: false }));
    expect(r.total).toBe(0);
  });

  it("an exclusion claimed with counts reported: the counts are not scored, and the message says so", () => {
    const r = scorePiCategory(workedExample({ PI_TRANS_LVOTC_1: true }));
    expect(r.performance).toBe(21);
    expect(r.messages.join("\n")).toMatch(/PI_TRANS_HIE_1: exclusion PI_TRANS_LVOTC_1 claimed.*650\/750 is not scored/);
  });

  it("an exclusion excuses a measure left out entirely", () => {
    const r = scorePiCategory(input(2018, "2015", piSet({ PI_EP_1: undefined, PI_LVPP_1: true })));
    expect(r.baseMet).toBe(true);
  });
});

describe("performance score (6.4)", () => {
  it("PI set: 10 each for PEA_1, HIE_1, HIE_2, PEA_2, CCTPE_1-3, HIE_3; e-Prescribing earns none", () => {
    const all = piSet({ PI_PEA_2: p(72, 100), PI_CCTPE_1: p(72, 100), PI_CCTPE_2: p(72, 100), PI_CCTPE_3: p(72, 100), PI_HIE_3: p(72, 100) }, 72);
    const r = scorePiCategory(input(2018, "2014/2015", all));
    expect(r.performance).toBe(8 * 8);
    expect(r.measures.find((m) => m.measureId === "PI_EP_1")).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it("public health: one registry yes earns 10; a second earns the +5 bonus, not another 10", () => {
    const one = scorePiCategory(input(2018, "2014/2015", piSet({ PI_PHCDRR_2: true })));
    expect(one.performance).toBe(15 + 10);
    expect(one.bonus).toBe(0);
    const two = scorePiCategory(input(2018, "2014/2015", piSet({ PI_PHCDRR_2: true, PI_PHCDRR_4: true, PI_PHCDRR_5: true })));
    expect(two.performance).toBe(25);
    expect(two.bonus).toBe(5);
    expect(two.bonuses).toEqual([expect.objectContaining({ rule: "registry", points: 5 })]);
  });

  it("a registry answered no earns nothing", () => {
    const r = scorePiCategory(input(2018, "2014/2015", piSet({ PI_PHCDRR_1: false })));
    expect(r.performance).toBe(15);
  });
});

describe("bonus score (6.5)", () => {
  it("*_MULTI yes earns the +5 registry bonus once", () => {
    const r = scorePiCategory(input(2018, "2014/2015", piSet({ PI_PHCDRR_1: true, PI_PHCDRR_1_MULTI: true, PI_PHCDRR_2_MULTI: true })));
    expect(r.bonus).toBe(5);
  });
  it("IA via CEHRT (PI_IACEHRT_1 yes) +10, on either set", () => {
    expect(scorePiCategory(input(2018, "2014/2015", piSet({ PI_IACEHRT_1: true }))).bonus).toBe(10);
    expect(scorePiCategory(workedExample({ PI_IACEHRT_1: true })).total).toBe(99);
  });
  it("2015-Edition bonus +10: PI set only, 2015 Edition only", () => {
    const r = scorePiCategory(input(2018, "2015", piSet()));
    expect(r.bonuses).toEqual([expect.objectContaining({ rule: "cehrt2015EditionOnly", points: 10 })]);
    expect(r.total).toBe(75);
  });
  it.each([
    ["2014/2015 mix", "2014/2015" as const],
    ["edition not stated", null],
  ])("no 2015-Edition bonus with %s, and the message says why", (_n, edition) => {
    const r = scorePiCategory(input(2018, edition, piSet()));
    expect(r.total).toBe(65);
    expect(r.messages.join("\n")).toMatch(/no 2015-Edition bonus/);
  });
  it("no 2015-Edition bonus on the transition set, even with 2015 Edition CEHRT", () => {
    expect(scorePiCategory({ ...workedExample(), cehrtEdition: "2015" }).total).toBe(89);
  });
});

describe("cap (6.5): at most 100", () => {
  it("165% possible, 100% kept; the cap line makes the explanation add up", () => {
    const everything = piSet(
      { PI_PEA_2: p(1, 1), PI_CCTPE_1: p(1, 1), PI_CCTPE_2: p(1, 1), PI_CCTPE_3: p(1, 1), PI_HIE_3: p(1, 1), PI_PHCDRR_1: true, PI_PHCDRR_2: true, PI_IACEHRT_1: true },
      100,
    );
    const r = scorePiCategory(input(2018, "2015", everything));
    expect(r.uncappedTotal).toBe(165);
    expect(r.total).toBe(100);
    expect(r.finalScorePoints).toBe(25);
    expect(sumPoints(r.explanation)).toBe(100);
    expect(r.explanation.at(-1)).toMatchObject({ rule: "cap", points: -65 });
  });
});

describe("measure sets (6.2)", () => {
  it("both sets present: each is scored, the higher kept, and the message says which", () => {
    const mixed = { ...workedExample().measurements, ...piSet({ PI_PEA_2: p(95, 100), PI_HIE_3: p(1, 100) }, 100) };
    const r = scorePiCategory(input(2018, "2015", mixed));
    // PI set: 50 + 30 + 10 + 1 = 91, no 2015 bonus because transition measures are present too; transition: 89
    expect(r.measureSetScores.map((s) => [s.measureSet, s.total])).toEqual([["pi", 91], ["transition", 89]]);
    expect(r.measureSet).toBe("pi");
    expect(r.total).toBe(91);
    expect(r.messages.join("\n")).toMatch(/PI Objectives and Measures \("pi"\) kept with 91% over PI Transition Objectives and Measures \("transition"\) with 89%/);
    expect(r.messages.join("\n")).toMatch(/also holds Transition measures/);
  });

  it("both sets present, transition higher: transition kept", () => {
    const mixed = { ...workedExample().measurements, ...piSet({}, 10) };
    const r = scorePiCategory(input(2018, "2014/2015", mixed));
    expect(r.measureSet).toBe("transition");
    expect(r.total).toBe(89);
  });

  it("2014 Edition with both sets: only the transition set is scored, and the message says so", () => {
    const mixed = { ...workedExample().measurements, ...piSet({}, 100) };
    const r = scorePiCategory(input(2018, "2014", mixed));
    expect(r.measureSetScores.map((s) => s.measureSet)).toEqual(["transition"]);
    expect(r.total).toBe(89);
    expect(r.messages.join("\n")).toMatch(/with 2014 Edition CEHRT only the transition set may be used/);
  });

  it("2014 Edition with only PI-set measures: the CEHRT prerequisite fails, score 0", () => {
    const r = scorePiCategory(input(2018, "2014", piSet({}, 100)));
    expect(r.measureSet).toBe("pi");
    expect(r.total).toBe(0);
    expect(r.failedPrerequisites.map((f) => f.rule)).toEqual(["cehrtEdition"]);
  });

  it("only attestations: no measure set, score 0 with the reason", () => {
    const r = scorePiCategory(input(2018, "2015", { PI_INFBLO_1: true, PI_ONCDIR_1: true, PI_IACEHRT_1: true }));
    expect(r.measureSet).toBeNull();
    expect(r.total).toBe(0);
    expect(r.failedPrerequisites.map((f) => f.rule)).toContain("noMeasures");
  });
});
