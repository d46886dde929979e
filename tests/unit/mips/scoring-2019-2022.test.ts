/**
 * PI scoring 2019-2022 from the reference's worked facts (../shared/domain/mips-rules-by-year.md §2.1, §2.3,
 * §2.4, §3) and the year files (lib/mips/years/2019-2022.ts). Every number is computed by hand in the
 * comment above it: each measure earns rate x its points, rounded to the nearest whole number (half up, an
 * assumption the year states), at least 1 with a numerator >= 1; booleans all or nothing; cap 100. Every
 * score's explanation lines add up to its total (checked inside `score`).
 */
import { describe, expect, it } from "vitest";
import { pointsForPerformanceRate } from "../../../lib/mips/scoring";
import { badInputText, completeSet, expectZeroNaming, failures, maxById, p, pointsById, score } from "./year-sets";

describe("rounding: rate x points, nearest whole number, at least 1 with a numerator >= 1 [C] AAO19a, AAO21a, ION19", () => {
  it.each([
    // [numerator, denominator, points, expected, working]
    [31, 100, 10, 3, "3.1 -> 3 (reference's example)"],
    [38, 100, 10, 4, "3.8 -> 4 (reference's example)"],
    [1, 1000, 10, 1, "0.01 rounds to 0, floor of 1 with a numerator >= 1"],
    [1, 1000, 40, 1, "0.04 -> floor 1"],
    [0, 100, 10, 0, "numerator 0 earns nothing"],
    [0, 0, 10, 0, "empty denominator earns nothing"],
    [999, 1000, 10, 10, "9.99 -> 10"],
    [25, 100, 10, 3, "2.5 -> 3: half up (the year's rounding assumption)"],
    [45, 100, 10, 5, "4.5 -> 5: half up"],
    [1, 3, 40, 13, "13.33 -> 13"],
    [2, 3, 40, 27, "26.67 -> 27"],
    [150, 200, 15, 11, "11.25 -> 11"],
    [9_007_199_254_740_990, 9_007_199_254_740_991, 40, 40, "beyond 2^53 / 40: exact (BigInt), 39.99999... -> 40"],
  ])("%i/%i of %i points -> %i (%s)", (n, d, max, expected) => {
    expect(pointsForPerformanceRate(n, d, max)).toBe(expected);
  });

  it("a numerator above its denominator is refused, naming both counts", () => {
    expect(badInputText(() => pointsForPerformanceRate(11, 10, 10))).toMatch(/numerator 11 must not exceed denominator 10/);
  });
});

describe("2019: one measure set, EP_1 10, HIE_1/HIE_4 20 each, PEA_1 40, public health any-two 10, PDMP/opioid bonus 5 each, cap 100", () => {
  it("the complete set at 50%: 5 + 10 + 10 + 20 + 10 = 55 -> 13.75 final-score points (x 25%)", () => {
    const r = score(2019, completeSet(2019));
    expect(r.total).toBe(55);
    expect(pointsById(r)).toEqual({ PI_EP_1: 5, PI_HIE_1: 10, PI_HIE_4: 10, PI_PEA_1: 20, PI_PHCDRR_1: 10 });
    expect(r.finalScorePoints).toBe(13.75);
    expect([r.base, r.bonus]).toEqual([0, 0]);
  });

  it("full marks and both bonuses: 10 + 20 + 20 + 40 + 10 + 5 (PDMP) + 5 (opioid agreement, numerator 1) = 110, capped at 100", () => {
    const r = score(2019, completeSet(2019, { PI_EP_1: p(200, 200), PI_HIE_1: p(80, 80), PI_HIE_4: p(60, 60), PI_PEA_1: p(500, 500), PI_EP_2: true, PI_EP_3: p(1, 10) }));
    expect([r.uncappedTotal, r.total, r.finalScorePoints]).toEqual([110, 100, 25]);
    expect(r.bonuses.map((b) => [b.measureIds[0], b.points])).toEqual([["PI_EP_2", 5], ["PI_EP_3", 5]]);
    expect(r.explanation.find((l) => l.rule === "cap")?.points).toBe(-10);
  });

  it("the reference's rounding: EP_1 31% -> 3, HIE_1 1/1000 -> 1 (floor), HIE_4 38% of 20 = 7.6 -> 8, PEA_1 50% -> 20, one yes + one exclusion -> 10: 42", () => {
    const r = score(2019, completeSet(2019, { PI_EP_1: p(31, 100), PI_HIE_1: p(1, 1000), PI_HIE_4: p(38, 100), PI_PHCDRR_2: undefined, PI_PHCDRR_2_EX_1: true }));
    expect(pointsById(r)).toEqual({ PI_EP_1: 3, PI_HIE_1: 1, PI_HIE_4: 8, PI_PEA_1: 20, PI_PHCDRR_1: 10 });
    expect(r.total).toBe(42);
    expect(r.measures.find((m) => m.measureId === "PI_HIE_1")?.note).toMatch(/at least 1 point/);
  });

  it("PDMP as numerator/denominator is accepted (SPN19; QMD says yes/no): numerator 1 -> +5 bonus, numerator 0 -> none", () => {
    expect(score(2019, completeSet(2019, { PI_EP_2: p(1, 5) })).total).toBe(55 + 5);
    expect(score(2019, completeSet(2019, { PI_EP_2: p(0, 5) })).total).toBe(55);
    expect(score(2019, completeSet(2019, { PI_EP_3: p(0, 5) })).total).toBe(55);
  });

  it("e-Prescribing excluded (PI_LVPP_1): its 10 points go 5 to each referral-loop measure (year file's assumption): 25 x 50% = 12.5 -> 13 each, + 20 + 10 = 56", () => {
    const r = score(2019, completeSet(2019, { PI_EP_1: undefined, PI_LVPP_1: true }));
    expect(maxById(r)).toMatchObject({ PI_HIE_1: 25, PI_HIE_4: 25, PI_PEA_1: 40 });
    expect(pointsById(r)).toEqual({ PI_HIE_1: 13, PI_HIE_4: 13, PI_PEA_1: 20, PI_PHCDRR_1: 10 });
    expect(r.total).toBe(56);
    expect(r.measures.find((m) => m.measureId === "PI_EP_1")).toMatchObject({ status: "excluded", points: 0 });
    expect(r.assumptions.join("\n")).toMatch(/e-Prescribing: 5 to each referral-loop measure/);
  });

  it.each([
    ["PI_HIE_1", "PI_LVOTC_1"],
    ["PI_HIE_4", "PI_LVITC_2"],
    ["PI_HIE_4", "PI_CUITC_1"],
  ])("%s excluded (%s): its 20 points go to PEA_1 (60): 5 + 10 + 30 + 10 = 55", (measure, exclusion) => {
    const r = score(2019, completeSet(2019, { [measure]: undefined, [exclusion]: true }));
    expect(maxById(r).PI_PEA_1).toBe(60);
    expect(r.total).toBe(5 + 10 + 30 + 10);
  });

  it("both referral-loop measures excluded: PEA_1 holds 80 -> 40, + 5 + 10 = 55", () => {
    const r = score(2019, completeSet(2019, { PI_HIE_1: undefined, PI_HIE_4: undefined, PI_LVOTC_1: true, PI_LVITC_2: true }));
    expect(maxById(r).PI_PEA_1).toBe(80);
    expect(r.total).toBe(55);
  });

  it("public health with no yes and two exclusions: its 10 points go to PEA_1 (50 x 50% = 25): 5 + 10 + 10 + 25 = 50 [1] AAO21a", () => {
    const r = score(2019, completeSet(2019, { PI_PHCDRR_1: undefined, PI_PHCDRR_2: undefined, PI_PHCDRR_1_EX_1: true, PI_PHCDRR_3_EX_2: true }));
    expect(maxById(r).PI_PEA_1).toBe(50);
    expect(r.total).toBe(50);
  });

  it("public health with one yes only: 0, the objective named", () => {
    expectZeroNaming(score(2019, completeSet(2019, { PI_PHCDRR_2: undefined })), /public health and clinical data exchange: two registry measures must be "yes"/);
  });

  it.each([
    ["PI_PPHI_1", false, /Security Risk Analysis \(PI_PPHI_1\) answered "no"/],
    ["PI_INFBLO_1", undefined, /PI_INFBLO_1\) not reported/],
    ["PI_ONCDIR_1", false, /PI_ONCDIR_1\) answered "no"/],
    ["PI_PEA_1", undefined, /PI_PEA_1\) not reported: a required measure needs a numerator of at least 1/],
    ["PI_EP_1", p(0, 40), /PI_EP_1\) numerator 0 \(0\/40\): a required measure needs a numerator of at least 1 or its exclusion \(PI_LVPP_1\)/],
    ["PI_HIE_4", undefined, /PI_HIE_4\) not reported.*PI_LVITC_2, PI_CUITC_1/],
  ])("a gate or required measure failing (%s = %j) scores 0 and names it", (id, value, message) => {
    expectZeroNaming(score(2019, completeSet(2019, { [id]: value })), message);
  });

  it("the security risk analysis and attestations earn nothing; ONC-ACB surveillance is optional", () => {
    const r = score(2019, completeSet(2019, { PI_ONCACB_1: true }));
    expect(r.total).toBe(55);
    for (const id of ["PI_PPHI_1", "PI_INFBLO_1", "PI_ONCDIR_1", "PI_ONCACB_1"]) expect(r.measures.find((m) => m.measureId === id)).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it("2014 Edition CEHRT no longer counts: 0, the requirement named", () => {
    expectZeroNaming(score(2019, completeSet(2019), undefined, "2014"), /CEHRT edition 2014 does not meet the 2019 requirement: 2015 Edition/);
  });

  it("a measure and its exclusion both: BAD_INPUT naming both", () => {
    expect(badInputText(() => score(2019, completeSet(2019, { PI_LVPP_1: true })))).toMatch(/PI_EP_1 is reported and its exclusion PI_LVPP_1 is claimed: in 2019 report the measure or claim the exclusion, not both/);
    expect(badInputText(() => score(2019, completeSet(2019, { PI_PHCDRR_1_EX_2: true })))).toMatch(/PI_PHCDRR_1 is reported and its exclusion PI_PHCDRR_1_EX_2 is claimed/);
  });

  it("HIE_5 does not exist yet: refused, naming the years it belongs to", () => {
    expect(badInputText(() => score(2019, completeSet(2019, { PI_HIE_5: true })))).toMatch(/"PI_HIE_5" belongs to performance years 2021-2026, not 2019/);
  });
});

describe("2020: 2019 without the opioid agreement and PI_CUITC_1; PDMP bonus 5; PI weighs 30% (Cost 0% for everyone)", () => {
  it("full marks: 10 + 20 + 20 + 40 + 10 + 5 = 105, capped at 100 -> 30 final-score points (x 30%)", () => {
    const r = score(2020, completeSet(2020, { PI_EP_1: p(9, 9), PI_HIE_1: p(9, 9), PI_HIE_4: p(9, 9), PI_PEA_1: p(9, 9), PI_EP_2: true }));
    expect([r.uncappedTotal, r.total, r.finalScorePoints]).toEqual([105, 100, 30]);
  });

  it("EP_1 50% -> 5, HIE_1 75% of 20 -> 15, HIE_4 60% -> 12, PEA_1 90% of 40 -> 36, PH 10, PDMP +5: 83 -> 24.9", () => {
    const r = score(2020, completeSet(2020, { PI_HIE_1: p(75, 100), PI_HIE_4: p(60, 100), PI_PEA_1: p(90, 100), PI_EP_2: true }));
    expect(pointsById(r)).toMatchObject({ PI_EP_1: 5, PI_HIE_1: 15, PI_HIE_4: 12, PI_PEA_1: 36, PI_PHCDRR_1: 10 });
    expect([r.total, r.finalScorePoints]).toEqual([83, 24.9]);
  });

  it("the opioid agreement (PI_EP_3) and PI_CUITC_1 are 2019-only: refused, naming 2019", () => {
    expect(badInputText(() => score(2020, completeSet(2020, { PI_EP_3: p(1, 2) })))).toMatch(/"PI_EP_3" belongs to performance year 2019, not 2020/);
    expect(badInputText(() => score(2020, completeSet(2020, { PI_HIE_4: undefined, PI_CUITC_1: true })))).toMatch(/"PI_CUITC_1" belongs to performance year 2019, not 2020/);
  });

  it("PDMP as counts is a 2019-only tolerance: in 2020 it is yes/no", () => {
    expect(badInputText(() => score(2020, completeSet(2020, { PI_EP_2: p(1, 2) })))).toMatch(/"PI_EP_2" is yes\/no/);
  });
});

describe("2021: HIE_5 (40) as the alternative to HIE_1 + HIE_4; PDMP bonus 10", () => {
  it("HIE_5 alternative: EP_1 180/200 -> 9, HIE_5 yes 40, PEA_1 300/500 of 40 -> 24, PH 10, PDMP +10: 93", () => {
    const r = score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined, PI_HIE_5: true, PI_EP_1: p(180, 200), PI_PEA_1: p(300, 500), PI_EP_2: true }));
    expect(pointsById(r)).toEqual({ PI_EP_1: 9, PI_HIE_5: 40, PI_PEA_1: 24, PI_PHCDRR_1: 10, PI_EP_2: 0 });
    expect(r.bonuses).toEqual([expect.objectContaining({ rule: "bonusMeasure", points: 10, measureIds: ["PI_EP_2"] })]);
    expect(r.total).toBe(93);
  });

  it("full marks on the referral loops with PDMP: 10 + 20 + 20 + 40 + 10 + 10 = 110, capped at 100", () => {
    const r = score(2021, completeSet(2021, { PI_EP_1: p(1, 1), PI_HIE_1: p(1, 1), PI_HIE_4: p(1, 1), PI_PEA_1: p(1, 1), PI_EP_2: true }));
    expect([r.uncappedTotal, r.total]).toEqual([110, 100]);
  });

  it.each([["PI_HIE_1"], ["PI_HIE_4"]])("HIE_5 with %s: BAD_INPUT naming both (CMS converter problem 102)", (id) => {
    const text = badInputText(() => score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined, [id]: p(1, 2), PI_HIE_5: true })));
    expect(text).toMatch(new RegExp(`PI_HIE_5 together with ${id}`));
    expect(text).toMatch(/in 2021 report either PI_HIE_1 and PI_HIE_4 \(or their exclusions\) or PI_HIE_5, not both/);
  });

  it.each([["PI_LVOTC_1"], ["PI_LVITC_2"]])("HIE_5 with the exclusion %s: BAD_INPUT naming both", (id) => {
    expect(badInputText(() => score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined, [id]: true, PI_HIE_5: true })))).toMatch(new RegExp(`PI_HIE_5 together with ${id}`));
  });

  it("HIE_5 answered no: 0, naming PI_HIE_5; no HIE option at all: 0, naming the objective", () => {
    expectZeroNaming(score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined, PI_HIE_5: false })), /PI_HIE_5\) answered "no"/);
    expectZeroNaming(score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined })), /Health Information Exchange objective not reported: report PI_HIE_1 and PI_HIE_4, or PI_HIE_5/);
  });

  it("a MULTI flag sent with its registry's exclusion is refused (CMS's 2021 data lists X_EX_n as the flag's exclusions)", () => {
    expect(badInputText(() => score(2021, completeSet(2021, { PI_PHCDRR_3: undefined, PI_PHCDRR_3_EX_1: true, PI_PHCDRR_3_MULTI: true })))).toMatch(/PI_PHCDRR_3_MULTI is reported and its exclusion PI_PHCDRR_3_EX_1 is claimed/);
    // the flag alone carries no points of its own: one registry yes + one exclusion still meets the objective
    expect(score(2021, completeSet(2021, { PI_PHCDRR_2: undefined, PI_PHCDRR_3_EX_1: true, PI_PHCDRR_1_MULTI: true })).total).toBe(55);
  });

  it("e-Rx excluded with HIE_5: its 10 points go to HIE_5 (assumed as CMS states for 2023; said): 40 + 10 + 20 + 10 = 80", () => {
    // A judgement call of the year file ([GAP] in the reference for 2019-2022): HIE_5 yes earns 40 + 10 moved.
    const r = score(2021, completeSet(2021, { PI_HIE_1: undefined, PI_HIE_4: undefined, PI_HIE_5: true, PI_EP_1: undefined, PI_LVPP_1: true }));
    expect(r.total).toBe(80);
    expect(r.explanation.map((e) => e.message).join("\n")).toMatch(/PI_EP_1 excluded \(PI_LVPP_1\): its 10 of 10 points move to PI_HIE_5/);
  });
});

describe("2022: SAFER, immunization + eCR required, optional public health bonus 5, PDMP bonus 10", () => {
  it("complete set at 50%: 5 + 10 + 10 + 20 + PH 10 = 55; with PDMP +10 and PHCDRR_2 + PHCDRR_4 (one bonus) +5: 70", () => {
    expect(score(2022, completeSet(2022)).total).toBe(55);
    const r = score(2022, completeSet(2022, { PI_EP_2: true, PI_PHCDRR_2: true, PI_PHCDRR_4: true }));
    expect(r.total).toBe(70);
    expect(r.bonuses.map((b) => [b.rule, b.points, b.measureIds])).toEqual([
      ["bonusMeasure", 10, ["PI_EP_2"]],
      ["publicHealthBonus", 5, ["PI_PHCDRR_2", "PI_PHCDRR_4"]],
    ]);
  });

  it("the public health bonus is 5 however many optional registries: PHCDRR_2, _4 and _5 -> +5", () => {
    expect(score(2022, completeSet(2022, { PI_PHCDRR_2: true, PI_PHCDRR_4: true, PI_PHCDRR_5: true })).total).toBe(60);
  });

  it("SAFER (PI_PPHI_2) must be attested: missing -> 0 naming it; \"no\" is allowed in 2022 and earns nothing", () => {
    expectZeroNaming(score(2022, completeSet(2022, { PI_PPHI_2: undefined })), /PI_PPHI_2\) not reported: it must be attested \(yes or no\) in 2022/);
    const r = score(2022, completeSet(2022, { PI_PPHI_2: false }));
    expect(r.total).toBe(55);
    expect(r.measures.find((m) => m.measureId === "PI_PPHI_2")).toMatchObject({ points: 0, maxPoints: 0 });
  });

  it("eCR missing or \"no\": 0 naming PI_PHCDRR_3; immunization missing: 0 naming PI_PHCDRR_1", () => {
    expectZeroNaming(score(2022, completeSet(2022, { PI_PHCDRR_3: undefined })), /PI_PHCDRR_3\) not reported: in 2022 it must be "yes" or one of its exclusions \(PI_PHCDRR_3_EX_1, PI_PHCDRR_3_EX_2, PI_PHCDRR_3_EX_3, PI_PHCDRR_3_EX_4\)/);
    expectZeroNaming(score(2022, completeSet(2022, { PI_PHCDRR_3: false })), /PI_PHCDRR_3\) answered "no"/);
    expectZeroNaming(score(2022, completeSet(2022, { PI_PHCDRR_1: undefined })), /PI_PHCDRR_1\) not reported/);
  });

  it("eCR excluded with the 2022-only EX_4 (CEHRT not certified to 170.315(f)(5)) and immunization yes: 55", () => {
    expect(score(2022, completeSet(2022, { PI_PHCDRR_3: undefined, PI_PHCDRR_3_EX_4: true })).total).toBe(55);
  });

  it("both required public health measures excluded: 10 to PEA_1 (50 x 50% = 25) and the optional bonus still counts: 5 + 10 + 10 + 25 + 5 = 55", () => {
    const r = score(2022, completeSet(2022, { PI_PHCDRR_1: undefined, PI_PHCDRR_3: undefined, PI_PHCDRR_1_EX_1: true, PI_PHCDRR_3_EX_4: true, PI_PHCDRR_2: true }));
    expect(maxById(r).PI_PEA_1).toBe(50);
    expect(r.total).toBe(55);
  });

  it("the MULTI flags (2018-2021) are gone: refused naming their years", () => {
    expect(badInputText(() => score(2022, completeSet(2022, { PI_PHCDRR_1_MULTI: true })))).toMatch(/"PI_PHCDRR_1_MULTI" belongs to performance years 2018-2021, not 2022/);
  });

  it("HIE_5 with PI_LVOTC_1: BAD_INPUT naming both", () => {
    expect(badInputText(() => score(2022, completeSet(2022, { PI_HIE_1: undefined, PI_LVOTC_1: true, PI_HIE_4: undefined, PI_HIE_5: true })))).toMatch(/PI_HIE_5 together with PI_LVOTC_1/);
  });

  it("the assumption about 2022 public health points is shown with the score", () => {
    expect(score(2022, completeSet(2022)).assumptions.join("\n")).toMatch(/CMS's 2022 points for the public health objective are not in our sources: this estimate assumes 10 points/);
    expect(failures(score(2022, completeSet(2022)))).toBe("");
  });
});
