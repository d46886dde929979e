/**
 * PI scoring 2023-2026 from the reference's worked facts (../shared/domain/mips-rules-by-year.md §2.1-2.4,
 * §3 "2023".."2026") and the year files: the 2023 re-balance (EP_1 10, PDMP required 10, HIE_1/HIE_4 15
 * each or HIE_5 / HIE_6 30, PEA_1 25, public health 25 with engagement levels PRE/PROD, optional public
 * health bonus 5, cap 100), the 180-day period from 2024, SAFER "yes" from 2024, eCR suppressed in 2025,
 * PI_PHCDRR_6 inside the 5-point bonus in 2026. Hand-computed; explanations add up (checked in `score`).
 *
 * The rates used throughout are those of tests/fixtures/mips/group-2026.json:
 *   EP_1 180/200 = 90% of 10 -> 9; HIE_1 150/200 = 75% of 15 = 11.25 -> 11; HIE_4 90/120 = 75% -> 11;
 *   PEA_1 400/500 = 80% of 25 -> 20; PDMP yes 10; public health 25: 9 + 10 + 11 + 11 + 20 + 25 = 86.
 */
import { describe, expect, it } from "vitest";
import { badInputText, completeSet, expectZeroNaming, failures, maxById, p, pointsById, score, type Values } from "./year-sets";

const RATES: Values = { PI_EP_1: p(180, 200), PI_HIE_1: p(150, 200), PI_HIE_4: p(90, 120), PI_PEA_1: p(400, 500) };
const set = (year: number, overrides: Values = {}) => completeSet(year, { ...RATES, ...overrides });
const ALL = [2023, 2024, 2025, 2026] as const;
const NO_REFERRAL_LOOPS = { PI_HIE_1: undefined, PI_HIE_4: undefined };

describe.each(ALL)("%i: the re-balanced points table", (year) => {
  it("9 + 10 + 11 + 11 + 20 + 25 = 86 -> 21.5 final-score points", () => {
    const r = score(year, set(year));
    expect(pointsById(r)).toEqual({ PI_EP_1: 9, PI_EP_2: 10, PI_HIE_1: 11, PI_HIE_4: 11, PI_PEA_1: 20, PI_PHCDRR_1: 25 });
    expect(maxById(r)).toMatchObject({ PI_EP_1: 10, PI_EP_2: 10, PI_HIE_1: 15, PI_HIE_4: 15, PI_PEA_1: 25 });
    expect([r.total, r.finalScorePoints]).toEqual([86, 21.5]);
  });

  it("full marks and the public health bonus: 10 + 10 + 15 + 15 + 25 + 25 + 5 = 105, capped at 100", () => {
    const r = score(year, completeSet(year, { PI_EP_1: p(1, 1), PI_HIE_1: p(1, 1), PI_HIE_4: p(1, 1), PI_PEA_1: p(1, 1), PI_PHCDRR_2: true, PI_PHCDRR_2_PRE: true }));
    expect([r.uncappedTotal, r.total]).toEqual([105, 100]);
    expect(r.explanation.find((l) => l.rule === "cap")?.points).toBe(-5);
  });

  it.each([["PI_HIE_5"], ["PI_HIE_6"]])("%s (30) instead of the referral loops: 9 + 10 + 30 + 20 + 25 = 94", (id) => {
    const r = score(year, set(year, { ...NO_REFERRAL_LOOPS, [id]: true }));
    expect(pointsById(r)[id]).toBe(30);
    expect(r.total).toBe(94);
  });

  it.each([
    ["PI_HIE_5", "PI_HIE_1"],
    ["PI_HIE_6", "PI_HIE_4"],
    ["PI_HIE_6", "PI_LVOTC_1"],
    ["PI_HIE_5", "PI_LVITC_2"],
  ])("%s with %s: BAD_INPUT naming both (CMS converter problem 102)", (alternative, loop) => {
    const value = loop.startsWith("PI_HIE") ? p(1, 2) : true;
    const text = badInputText(() => score(year, set(year, { ...NO_REFERRAL_LOOPS, [loop]: value, [alternative]: true })));
    expect(text).toMatch(new RegExp(`${alternative} together with ${loop}`));
    expect(text).toMatch(new RegExp(`in ${year} report either PI_HIE_1 and PI_HIE_4`));
  });

  it("PDMP is required: missing or \"no\" scores 0 naming PI_EP_2", () => {
    expectZeroNaming(score(year, set(year, { PI_EP_2: undefined })), /Query of the Prescription Drug Monitoring Program \(PDMP\) \(PI_EP_2\) not reported: a required measure needs "yes" or its exclusion \(PI_EP_2_EX_1, PI_EP_2_EX_2/);
    expectZeroNaming(score(year, set(year, { PI_EP_2: false })), /PI_EP_2\) answered "no"/);
  });

  it("PDMP excluded: its 10 points go to EP_1 [AAO23b]: 180/200 of 20 = 18, + 11 + 11 + 20 + 25 = 85", () => {
    const r = score(year, set(year, { PI_EP_2: undefined, PI_EP_2_EX_1: true }));
    expect(maxById(r).PI_EP_1).toBe(20);
    expect(r.total).toBe(85);
  });

  it("e-Rx excluded: its 10 points go to the HIE objective [AAO23a] (5 each, the year's assumption): 150/200 and 90/120 of 20 = 15 each; 10 + 15 + 15 + 20 + 25 = 85", () => {
    const r = score(year, set(year, { PI_EP_1: undefined, PI_LVPP_1: true }));
    expect(maxById(r)).toMatchObject({ PI_HIE_1: 20, PI_HIE_4: 20 });
    expect(r.total).toBe(85);
    expect(r.assumptions.join("\n")).toMatch(/An excluded e-Prescribing measure moves its 10 points to the HIE objective/);
  });

  it("PDMP excluded and e-Rx excluded: the 10 passed to EP_1 passes along, 20 points to the HIE measures: 75% of 25 = 18.75 -> 19 each, + 20 + 25 = 83", () => {
    const r = score(year, set(year, { PI_EP_1: undefined, PI_LVPP_1: true, PI_EP_2: undefined, PI_EP_2_EX_1: true }));
    expect(maxById(r)).toMatchObject({ PI_HIE_1: 25, PI_HIE_4: 25 });
    expect(pointsById(r)).toEqual({ PI_HIE_1: 19, PI_HIE_4: 19, PI_PEA_1: 20, PI_PHCDRR_1: 25 });
    expect(r.measures.filter((m) => m.status === "excluded").map((m) => m.measureId).sort()).toEqual(["PI_EP_1", "PI_EP_2"]);
    expect(r.total).toBe(83);
    expect(r.assumptions.join("\n")).toMatch(/With both e-Prescribing and the PDMP query excluded, this estimate moves the 20 points to the HIE objective/);
  });

  it("PDMP and e-Rx excluded with HIE_5: HIE_5 holds 30 + 20 = 50; 50 + 20 + 25 = 95", () => {
    const r = score(year, set(year, { ...NO_REFERRAL_LOOPS, PI_HIE_5: true, PI_EP_1: undefined, PI_LVPP_1: true, PI_EP_2: undefined, PI_EP_2_EX_2: true }));
    expect(maxById(r).PI_HIE_5).toBe(50);
    expect(r.total).toBe(95);
  });

  it("HIE_1 excluded (PI_LVOTC_1): its 15 go to PEA_1 (the year's assumption): 400/500 of 40 = 32; 9 + 10 + 11 + 32 + 25 = 87", () => {
    const r = score(year, set(year, { PI_HIE_1: undefined, PI_LVOTC_1: true }));
    expect(maxById(r).PI_PEA_1).toBe(40);
    expect(r.total).toBe(87);
  });

  it("a public health \"yes\" with both engagement levels is refused naming both; without a level it is scored with a note", () => {
    expect(badInputText(() => score(year, set(year, { PI_PHCDRR_1_PRE: true })))).toMatch(/PI_PHCDRR_1: both engagement levels PI_PHCDRR_1_PRE and PI_PHCDRR_1_PROD are "yes"/);
    const r = score(year, set(year, { PI_PHCDRR_1_PROD: undefined }));
    expect(r.total).toBe(86);
    expect(r.messages.join("\n")).toMatch(/PI_PHCDRR_1 is "yes" without its level of active engagement \(PI_PHCDRR_1_PRE or PI_PHCDRR_1_PROD "yes"\)/);
  });

  it("one optional public health bonus of 5, at PRE or PROD: PHCDRR_2 (PRE) + PHCDRR_4 + PHCDRR_5 (PROD) -> 91", () => {
    const r = score(year, set(year, { PI_PHCDRR_2: true, PI_PHCDRR_2_PRE: true, PI_PHCDRR_4: true, PI_PHCDRR_5: true, PI_PHCDRR_5_PROD: true }));
    expect(r.bonuses).toEqual([expect.objectContaining({ rule: "publicHealthBonus", points: 5, measureIds: ["PI_PHCDRR_2", "PI_PHCDRR_4", "PI_PHCDRR_5"] })]);
    expect(r.total).toBe(91);
  });

  it("attestations, SRA and SAFER gate and earn nothing; the SRA \"no\" scores 0 naming it", () => {
    const r = score(year, set(year));
    for (const id of ["PI_PPHI_1", "PI_PPHI_2", "PI_INFBLO_1", "PI_ONCDIR_1"]) expect(r.measures.find((m) => m.measureId === id)).toMatchObject({ points: 0, maxPoints: 0 });
    expectZeroNaming(score(year, set(year, { PI_PPHI_1: false })), /PI_PPHI_1\) answered "no": it must be "yes"/);
    expectZeroNaming(score(year, set(year, { PI_PPHI_2: undefined })), /PI_PPHI_2\) not reported/);
  });

  it("a measure and its exclusion both: BAD_INPUT naming both", () => {
    expect(badInputText(() => score(year, set(year, { PI_EP_2_EX_1: true })))).toMatch(new RegExp(`PI_EP_2 is reported and its exclusion PI_EP_2_EX_1 is claimed: in ${year} report the measure or claim the exclusion`));
    expect(badInputText(() => score(year, set(year, { PI_LVITC_2: true })))).toMatch(/PI_HIE_4 is reported and its exclusion PI_LVITC_2 is claimed/);
  });

  it("the 2019-2022 bonus measures and the 2022-only eCR exclusion are not of this year", () => {
    expect(badInputText(() => score(year, set(year, { PI_EP_3: p(1, 2) })))).toMatch(new RegExp(`"PI_EP_3" belongs to performance year 2019, not ${year}`));
    expect(badInputText(() => score(year, set(year, { PI_PHCDRR_3: undefined, PI_PHCDRR_3_PROD: undefined, PI_PHCDRR_3_EX_4: true })))).toMatch(new RegExp(`"PI_PHCDRR_3_EX_4" belongs to performance year 2022, not ${year}`));
  });
});

describe("2023", () => {
  it("SAFER may be answered \"no\" (attested, [PAI23]): 86", () => {
    expect(score(2023, set(2023, { PI_PPHI_2: false })).total).toBe(86);
  });

  it("both required public health measures excluded: 25 to PEA_1 (the year's assumption): 400/500 of 50 = 40; 9 + 10 + 11 + 11 + 40 = 81", () => {
    const r = score(2023, set(2023, { PI_PHCDRR_1: undefined, PI_PHCDRR_1_PROD: undefined, PI_PHCDRR_3: undefined, PI_PHCDRR_3_PROD: undefined, PI_PHCDRR_1_EX_2: true, PI_PHCDRR_3_EX_3: true }));
    expect(maxById(r).PI_PEA_1).toBe(50);
    expect(r.total).toBe(81);
  });

  it("PDMP exclusion EX_3 (excessive burden) exists only in 2023", () => {
    expect(score(2023, set(2023, { PI_EP_2: undefined, PI_EP_2_EX_3: true })).total).toBe(85);
    expect(badInputText(() => score(2024, set(2024, { PI_EP_2: undefined, PI_EP_2_EX_3: true })))).toMatch(/"PI_EP_2_EX_3" belongs to performance year 2023, not 2024/);
  });

  it("HIE_5 and HIE_6 both \"yes\": alternatives, scored once (30), with a note", () => {
    const r = score(2023, set(2023, { ...NO_REFERRAL_LOOPS, PI_HIE_5: true, PI_HIE_6: true }));
    expect(r.total).toBe(94);
    expect(r.messages.join("\n")).toMatch(/PI_HIE_5 and PI_HIE_6 both reported; PI_HIE_5 is scored \(they are alternatives\)/);
  });

  it("a 90-day period is enough: 2023-01-01..03-31 (90 days) passes, ..03-30 (89) scores 0", () => {
    expect(score(2023, set(2023), ["2023-01-01", "2023-03-31"]).total).toBe(86);
    expectZeroNaming(score(2023, set(2023), ["2023-01-01", "2023-03-30"]), /is 89 days: 2023 needs at least 90 consecutive days/);
  });
});

describe("2024: 180 continuous days (a leap year), SAFER must be \"yes\"", () => {
  it("2024-01-01..2024-06-28 is 180 days (31 + 29 + 31 + 30 + 31 + 28) and passes", () => {
    const r = score(2024, set(2024), ["2024-01-01", "2024-06-28"]);
    expect([r.performancePeriodDays, r.total]).toEqual([180, 86]);
  });

  it("2024-01-01..2024-06-27 is 179 days: 0, naming the period and the 180-day minimum", () => {
    const r = score(2024, set(2024), ["2024-01-01", "2024-06-27"]);
    expect(r.performancePeriodDays).toBe(179);
    expectZeroNaming(r, /performance period 2024-01-01\.\.2024-06-27 is 179 days: 2024 needs at least 180 consecutive days \(the last day to start one is 2024-07-05\)/);
    expect(r.failedPrerequisites.map((f) => f.rule)).toEqual(["performancePeriod"]);
  });

  it("the last day to start: 2024-07-05..12-31 is 180 days and passes; from 07-06 (179) it does not", () => {
    expect(score(2024, set(2024), ["2024-07-05", "2024-12-31"]).total).toBe(86);
    expect(score(2024, set(2024), ["2024-07-06", "2024-12-31"]).total).toBe(0);
  });

  it("the same 179 days pass in 2023 (90-day minimum)", () => {
    expect(score(2023, set(2023), ["2023-01-01", "2023-06-28"]).total).toBe(86);
  });

  it.each([2024, 2025, 2026])("%i: SAFER \"no\" scores 0 naming PI_PPHI_2 (the year's assumption, shown)", (year) => {
    const r = score(year, set(year, { PI_PPHI_2: false }));
    expectZeroNaming(r, /SAFER.*\(PI_PPHI_2\) answered "no": it must be "yes"/);
    expect(r.assumptions.join("\n")).toMatch(/requires a "yes" on the SAFER Guides measure/);
  });

  it.each([2025, 2026])("%i: 180 days too (Jan 1..Jun 29 = 180 in a common year)", (year) => {
    expect(score(year, set(year), [`${year}-01-01`, `${year}-06-29`]).total).toBe(86);
    expect(score(year, set(year), [`${year}-01-01`, `${year}-06-28`]).total).toBe(0);
  });
});

describe("2025: eCR suppressed (answered, full credit, points not moved)", () => {
  it.each([
    ["yes", { PI_PHCDRR_3: true }],
    ["no", { PI_PHCDRR_3: false, PI_PHCDRR_3_PROD: undefined }],
    ["an exclusion", { PI_PHCDRR_3: undefined, PI_PHCDRR_3_PROD: undefined, PI_PHCDRR_3_EX_2: true }],
  ])("eCR answered %s: the same 86", (_, overrides) => {
    const r = score(2025, set(2025, overrides as Values));
    expect(r.total).toBe(86);
    expect(r.messages.join("\n")).toMatch(/PI_PHCDRR_3 answered: suppressed in 2025, full credit whatever the answer and no points moved/);
  });

  it("the suppressed eCR still names one engagement level: PRE and PROD both \"yes\" is refused, as in 2024 and 2026", () => {
    expect(badInputText(() => score(2025, set(2025, { PI_PHCDRR_3_PRE: true })))).toMatch(/PI_PHCDRR_3: both engagement levels PI_PHCDRR_3_PRE and PI_PHCDRR_3_PROD are "yes"/);
  });

  it("eCR not answered at all: 0, naming PI_PHCDRR_3", () => {
    expectZeroNaming(score(2025, set(2025, { PI_PHCDRR_3: undefined, PI_PHCDRR_3_PROD: undefined })), /PI_PHCDRR_3\) not reported: in 2025 it must still be answered \(yes, no or an exclusion\)/);
  });

  it("immunization missing: 0 naming PI_PHCDRR_1; eCR \"no\" in 2024 and 2026 (not suppressed): 0 naming PI_PHCDRR_3", () => {
    expectZeroNaming(score(2025, set(2025, { PI_PHCDRR_1: undefined, PI_PHCDRR_1_PROD: undefined })), /PI_PHCDRR_1\) not reported/);
    expectZeroNaming(score(2024, set(2024, { PI_PHCDRR_3: false, PI_PHCDRR_3_PROD: undefined })), /PI_PHCDRR_3\) answered "no"/);
    expectZeroNaming(score(2026, set(2026, { PI_PHCDRR_3: false, PI_PHCDRR_3_PROD: undefined })), /PI_PHCDRR_3\) answered "no"/);
  });

  it("immunization excluded, eCR yes: the year file treats the objective as all excluded, 25 to PEA_1 (50): 9 + 10 + 11 + 11 + 40 = 81", () => {
    // A judgement call of the year file (the suppressed eCR carries no points of its own), pinned as it stands.
    const r = score(2025, set(2025, { PI_PHCDRR_1: undefined, PI_PHCDRR_1_PROD: undefined, PI_PHCDRR_1_EX_1: true }));
    expect(r.total).toBe(81);
  });
});

describe("2026: PI_PHCDRR_6 (public health via TEFCA) inside the one 5-point public health bonus", () => {
  it("PHCDRR_6 alone: +5 -> 91 -> 22.75", () => {
    const r = score(2026, set(2026, { PI_PHCDRR_6: true }));
    expect(r.bonuses).toEqual([expect.objectContaining({ rule: "publicHealthBonus", points: 5, measureIds: ["PI_PHCDRR_6"] })]);
    expect([r.total, r.finalScorePoints]).toEqual([91, 22.75]);
  });

  it("PHCDRR_6 with PHCDRR_2, _4, _5: still one +5 -> 91", () => {
    const r = score(2026, set(2026, { PI_PHCDRR_6: true, PI_PHCDRR_2: true, PI_PHCDRR_2_PROD: true, PI_PHCDRR_4: true, PI_PHCDRR_5: true }));
    expect(r.bonuses.map((b) => b.points)).toEqual([5]);
    expect(r.total).toBe(91);
  });

  it("PHCDRR_6 has no PRE/PROD pair (added then removed for 2026): PI_PHCDRR_6_PROD is unknown", () => {
    expect(badInputText(() => score(2026, set(2026, { PI_PHCDRR_6: true, PI_PHCDRR_6_PROD: true })))).toMatch(/unknown measure "PI_PHCDRR_6_PROD" for performance year 2026/);
    expect(badInputText(() => score(2025, set(2025, { PI_PHCDRR_6: true })))).toMatch(/"PI_PHCDRR_6" belongs to performance year 2026, not 2025/);
  });

  it("the 2026 assumptions are shown with the score (points carried forward)", () => {
    const r = score(2026, set(2026));
    expect(r.assumptions.join("\n")).toMatch(/2026 measure points are carried forward from 2025/);
    expect(failures(r)).toBe("");
  });
});
