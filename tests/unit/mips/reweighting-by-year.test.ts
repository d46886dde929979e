/**
 * PI reweighting per year (mips-rules-by-year.md §1.7-1.8, lib/mips/years/<year>.ts): the clinician types
 * reweighted automatically (as the year files say), small practices automatic from 2022 (by hardship
 * application before; the reason leaves the application in 2024), the 100% rule for larger groups with the
 * blocker named, the 2025+ group special status, and submitted data cancelling reweighting.
 */
import { describe, expect, it } from "vitest";
import { automaticallyReweightedTypes, clinicianReweighting, groupReweighting, hardshipReasonProblem, hardshipReasonsFor, type GroupClinician } from "../../../lib/mips/reweighting";
import { scoreSubmission } from "../../../lib/mips/score-submission";
import type { ClinicianType } from "../../../lib/mips/submission";
import { PERFORMANCE_YEARS, type PerformanceYear } from "../../../lib/mips/years";

const APP: ClinicianType[] = ["PA", "NP", "CNS", "CRNA"];
const NEW_2019: ClinicianType[] = ["physicalTherapist", "occupationalTherapist", "speechLanguagePathologist", "audiologist", "clinicalPsychologist", "registeredDietitian"];

/**
 * The year files' lists: NP/PA/CNS/CRNA through 2022 (their end year is a gap: assumed, and said), the 2019
 * types through 2023 (MMS24: ended in 2024), clinical social workers 2022-2024 (MDI25: "Beginning in 2025,
 * CMS discontinued automatic reweighting for clinical social workers"), none in 2025-2026.
 */
const AUTOMATIC: Record<PerformanceYear, ClinicianType[]> = {
  2017: APP,
  2018: APP,
  2019: [...APP, ...NEW_2019],
  2020: [...APP, ...NEW_2019],
  2021: [...APP, ...NEW_2019],
  2022: [...APP, ...NEW_2019, "clinicalSocialWorker"],
  2023: [...NEW_2019, "clinicalSocialWorker"],
  2024: ["clinicalSocialWorker"],
  2025: [],
  2026: [],
};

// Valid NPIs (check digit) for group rosters.
const NPIS = ["1234500001", "1234500076", "1234500142", "1234500217", "1234500282", "1234500357", "1234500423", "1234500498", "1234500563", "1234500639", "1234500704", "1234500779", "1234500845", "1234500910", "1234500985", "1234501058"];
const BLOCKER = "1234500357";
/** `size` clinicians, all hospital-based except one physician with no reason: the blocker (the first one in groups under 6). */
function roster(size: number): GroupClinician[] {
  return NPIS.slice(0, size).map((npi) => (npi === BLOCKER || (size < 6 && npi === NPIS[0]) ? { npi, clinicianType: "physician" } : { npi, clinicianType: "physician", hospitalBased: true }));
}

describe("automatic reweighting by clinician type, as the year files say", () => {
  it.each([...PERFORMANCE_YEARS])("%i", (year) => {
    expect([...automaticallyReweightedTypes(year)].sort()).toEqual([...AUTOMATIC[year]].sort());
  });

  it.each([
    ["NP", 2022, true],
    ["NP", 2023, false],
    ["physicalTherapist", 2019, true],
    ["physicalTherapist", 2023, true],
    ["physicalTherapist", 2024, false],
    ["clinicalSocialWorker", 2022, true],
    ["clinicalSocialWorker", 2024, true],
    ["clinicalSocialWorker", 2025, false],
    ["nurseMidwife", 2022, false],
    ["physician", 2026, false],
  ] as const)("%s in %i: reweighted %s (no PI data)", (clinicianType, year, reweighted) => {
    const r = clinicianReweighting({ performanceYear: year, clinicianType, piDataSubmitted: false });
    expect(r.reweighted).toBe(reweighted);
    if (!reweighted && clinicianType !== "physician" && clinicianType !== "nurseMidwife") expect(r.explanation.join("\n")).toMatch(new RegExp(`clinician type ${clinicianType} is not reweighted automatically in ${year}`));
  });

  it("a clinician-type decision that rests on an assumption says so (2023: NP no longer reweighted)", () => {
    const r = clinicianReweighting({ performanceYear: 2023, clinicianType: "NP", piDataSubmitted: false });
    expect(r.explanation.join("\n")).toMatch(/assumption: From 2023 this portal no longer reweights NP, PA, CNS and CRNA automatically/);
    expect(clinicianReweighting({ performanceYear: 2026, clinicianType: "NP", piDataSubmitted: false }).explanation.join("\n")).not.toMatch(/assumption:/);
  });

  it("submitting PI data cancels automatic reweighting (the data is scored)", () => {
    const r = clinicianReweighting({ performanceYear: 2022, clinicianType: "NP", piDataSubmitted: true });
    expect([r.qualifies, r.reweighted]).toEqual([true, false]);
    expect(r.explanation.join("\n")).toMatch(/PI data was submitted, which cancels reweighting/);
  });
});

describe("small practices: by hardship application through 2021, automatic from 2022", () => {
  it("a clinician of a small practice: 2021 not reweighted (application only), 2022 reweighted automatically", () => {
    const r2021 = clinicianReweighting({ performanceYear: 2021, clinicianType: "physician", smallPractice: true, piDataSubmitted: false });
    expect(r2021.reweighted).toBe(false);
    expect(r2021.explanation.join("\n")).toMatch(/small practice: in 2021 PI is reweighted only through an approved hardship application/);
    expect(clinicianReweighting({ performanceYear: 2022, clinicianType: "physician", smallPractice: true, piDataSubmitted: false }).reweighted).toBe(true);
  });

  it("the small-practice hardship reason: approved counts in 2019-2023; from 2024 it is not a reason (automatic instead)", () => {
    const hardship = { reason: "smallPractice", status: "approved" as const };
    expect(clinicianReweighting({ performanceYear: 2021, clinicianType: "physician", hardship, piDataSubmitted: false }).reweighted).toBe(true);
    expect(clinicianReweighting({ performanceYear: 2023, clinicianType: "physician", hardship, piDataSubmitted: false }).reweighted).toBe(true);
    const r2024 = clinicianReweighting({ performanceYear: 2024, clinicianType: "physician", hardship, piDataSubmitted: false });
    expect(r2024.reweighted).toBe(false);
    expect(r2024.explanation.join("\n")).toMatch(/"Small practice \(15 or fewer clinicians\)" is not a hardship reason in 2024/);
  });

  it("hardship reasons by year: five through 2023, four from 2024 (small practice removed)", () => {
    for (const year of PERFORMANCE_YEARS) {
      const codes = hardshipReasonsFor(year).map((r) => r.code);
      expect(codes.length, `${year}`).toBe(year >= 2024 ? 4 : 5);
      expect(codes.includes("smallPractice"), `${year}`).toBe(year < 2024);
    }
    expect(hardshipReasonProblem(2026, "smallPractice")).toMatch(/small practices are reweighted automatically from 2022/);
    expect(hardshipReasonProblem(2026, "decertifiedEhrTechnology")).toBeNull();
  });

  it("a pending hardship never counts; simply lacking CEHRT never qualifies", () => {
    expect(clinicianReweighting({ performanceYear: 2026, clinicianType: "physician", hardship: { reason: "decertifiedEhrTechnology", status: "pending" }, piDataSubmitted: false }).reweighted).toBe(false);
    const r = clinicianReweighting({ performanceYear: 2019, clinicianType: "physician", hardship: { reason: "no CEHRT", status: "approved" }, piDataSubmitted: false });
    expect(r.reweighted).toBe(false);
    expect(r.explanation.join("\n")).toMatch(/simply lacking CEHRT never qualifies/);
  });
});

describe("groups: the 100% rule, small practices from 2022, 2025+ group special status", () => {
  it("a group of 3 (one physician without a reason), no PI data: 2021 blocked and the blocker named; 2022 reweighted as a small practice", () => {
    const r2021 = groupReweighting({ performanceYear: 2021, entityType: "group", tin: "123456789", clinicians: roster(3), piDataSubmitted: false });
    expect(r2021).toMatchObject({ reweighted: false, groupLevelReason: null });
    expect(r2021.blockingClinicians.map((b) => b.npi)).toEqual([NPIS[0]]);
    const r2022 = groupReweighting({ performanceYear: 2022, entityType: "group", tin: "123456789", clinicians: roster(3), piDataSubmitted: false });
    expect(r2022.reweighted).toBe(true);
    expect(r2022.groupLevelReason).toMatch(/small practice \(15 or fewer eligible clinicians/);
  });

  it("15 eligible clinicians is still small (2023: reweighted), 16 is not (blocked, the blocker named)", () => {
    const fifteen = roster(16).filter((c) => c.npi !== NPIS[15]);
    expect(groupReweighting({ performanceYear: 2023, entityType: "group", clinicians: fifteen, piDataSubmitted: false }).reweighted).toBe(true);
    const r = groupReweighting({ performanceYear: 2023, entityType: "group", clinicians: roster(16), piDataSubmitted: false });
    expect(r.reweighted).toBe(false);
    expect(r.blockingClinicians).toEqual([expect.objectContaining({ npi: BLOCKER, why: expect.stringMatching(/physician with no automatic reweighting reason/) })]);
    expect(r.reasons.join("\n")).toMatch(/100% rule not met: 1 of 16 MIPS eligible clinician\(s\) do not qualify .*\(1234500357\)/);
  });

  it("clinicians of types not eligible in the year stay outside the count (2021: a social worker does not make 16)", () => {
    const clinicians = [...roster(16).filter((c) => c.npi !== NPIS[15]), { npi: NPIS[15] as string, clinicianType: "clinicalSocialWorker" as const }];
    const r2021 = groupReweighting({ performanceYear: 2021, entityType: "group", clinicians, piDataSubmitted: false });
    expect(r2021.notMipsEligible.map((c) => c.npi)).toEqual([NPIS[15]]);
    // 15 eligible in 2021, but small practices are not reweighted automatically before 2022: the blocker blocks
    expect(r2021.reweighted).toBe(false);
    // 2022: the social worker is eligible (and reweighted automatically), 16 clinicians: the 100% rule applies
    const r2022 = groupReweighting({ performanceYear: 2022, entityType: "group", clinicians, piDataSubmitted: false });
    expect(r2022.blockingClinicians.map((b) => b.npi)).toEqual([BLOCKER]);
  });

  it("a small virtual group is not a small practice (its size is its members'): the 100% rule applies", () => {
    const r = groupReweighting({ performanceYear: 2024, entityType: "virtualGroup", clinicians: roster(3).map((c) => ({ ...c, tin: "987654321" })), piDataSubmitted: false });
    expect(r.reweighted).toBe(false);
  });

  it("2025+: a group with a group special status (hospital-based) is reweighted as a whole despite a blocker; 2024 not", () => {
    const input = { entityType: "group" as const, clinicians: roster(16), groupStatuses: { hospitalBased: true }, piDataSubmitted: false };
    expect(groupReweighting({ ...input, performanceYear: 2024 }).reweighted).toBe(false);
    for (const year of [2025, 2026] as const) {
      const r = groupReweighting({ ...input, performanceYear: year });
      expect(r.reweighted).toBe(true);
      expect(r.groupLevelReason).toMatch(/hospital-based as a group \(2025\+ group special status\)/);
      expect(r.blockingClinicians).toEqual([]);
    }
  });

  it("PI data from a small practice cancels its automatic reweighting", () => {
    const r = groupReweighting({ performanceYear: 2026, entityType: "group", clinicians: roster(3), piDataSubmitted: true });
    expect(r.reweighted).toBe(false);
    expect(r.reasons.join("\n")).toMatch(/submitted PI data, which cancels reweighting/);
  });
});

describe("through scoreSubmission: a small group with no PI data", () => {
  const submission = (year: number) => ({
    performanceYear: year,
    entityType: "group",
    taxpayerIdentificationNumber: "123456789",
    measurementSets: [{ category: "ia", submissionMethod: "registry", performanceStart: `${year}-01-01`, performanceEnd: `${year}-12-31`, measurements: [] }],
    clinicians: roster(3),
  });

  it("2021: not reweighted, the blocker named, PI 0 'no data'", () => {
    const r = scoreSubmission(submission(2021));
    expect(r.reweighting).toMatchObject({ reweighted: false, blockingNpis: [NPIS[0]] });
    expect([r.score, r.finalScorePoints]).toEqual([{ total: 0, noData: true }, 0]);
  });

  it.each([2022, 2023, 2026])("%i: reweighted automatically as a small practice; score and finalScorePoints null", (year) => {
    const r = scoreSubmission(submission(year));
    expect(r.reweighting).toMatchObject({ reweighted: true, blockingNpis: [] });
    expect(r.reweighting.reasons.join("\n")).toMatch(/small practice/);
    expect([r.score, r.finalScorePoints]).toEqual([null, null]);
  });
});

describe("a submission's groupStatuses (our extension) reach the group rule", () => {
  const clinicians = NPIS.map((npi) => ({ npi, clinicianType: "physician" as const }));
  const submission = (year: number) => ({ performanceYear: year, entityType: "group", taxpayerIdentificationNumber: "123456789", groupStatuses: { hospitalBased: true }, measurementSets: [], clinicians });
  it("2025: a hospital-based group of 16 is reweighted as a whole, nobody blocks", () => {
    const r = scoreSubmission(submission(2025));
    expect(r.reweighting).toMatchObject({ reweighted: true, blockingNpis: [] });
    expect(r.finalScorePoints).toBeNull();
  });
  it("2024: the same group is not (group statuses count from 2025): 16 blockers, PI 0 with no data", () => {
    const r = scoreSubmission(submission(2024));
    expect(r.reweighting.reweighted).toBe(false);
    expect(r.reweighting.blockingNpis).toHaveLength(16);
    expect(r.score).toEqual({ total: 0, noData: true });
  });
  it("an unknown status is refused by name", () => {
    let issues: unknown = null;
    try {
      scoreSubmission({ ...submission(2025), groupStatuses: { teaching: true } });
    } catch (error) {
      issues = (error as { issues?: unknown }).issues;
    }
    expect(issues).toEqual([{ path: "groupStatuses", message: 'Unrecognized key: "teaching"' }]);
  });
});
