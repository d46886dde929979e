/**
 * Quality strata of 2017-2021 as CMS's converter writes them: a multi-rate measure's rates named from CMS's
 * measures data by their numerator population; the rates of a measure the year's data lists as single-rate
 * summed into one performance rate (CMS's multi-to-single measures 005, 007, 008, 143, 438); 370's "18+" stratum,
 * which CMS's data gives no populations, written with zeros (CMS's single-to-multi measure 370).
 * The expected names are CMS's, written out here: 2017's from CMS's converter's expected output
 * comprehensive-qrda.qpp.json (qpp-conversion-tool), later years' from qpp-measures-data 5.5.4.
 */
import { describe, expect, it } from "vitest";
import { readQrda3, writeQrda3 } from "../../../lib/formats";
import { ecqmByMeasureId } from "../../../lib/formats/qrda3/ecqm-catalog";
import type { AnyMeasurementSet, Submission } from "../../../lib/mips/submission";
import measures2017 from "qpp-measures-data/measures/2017/measures-data.json";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import measures2019 from "qpp-measures-data/measures/2019/measures-data.json";
import measures2020 from "qpp-measures-data/measures/2020/measures-data.json";
import measures2021 from "qpp-measures-data/measures/2021/measures-data.json";
import { qrda3, text } from "../../paths";

interface Uuids {
  initialPopulationUuid?: string;
  denominatorUuid?: string;
  numeratorUuid?: string;
  denominatorExclusionUuid?: string;
  denominatorExceptionUuid?: string;
}
interface Entry {
  measureId?: string;
  category?: string;
  eMeasureUuid?: string;
  strata?: { name?: string; eMeasureUuids?: Uuids }[];
}
const DATA: Record<number, Entry[]> = { 2017: measures2017, 2018: measures2018, 2019: measures2019, 2020: measures2020, 2021: measures2021 } as Record<number, Entry[]>;

function entry(year: number, measureId: string): Entry {
  const found = DATA[year]?.find((m) => m.category === "quality" && m.measureId === measureId);
  if (!found?.eMeasureUuid) throw new Error(`no ${year} eCQM ${measureId} in qpp-measures-data`);
  return found;
}

interface RateCounts {
  ipop: number;
  denom: number;
  numer: number;
  denex?: number;
  denexcep?: number;
  /** Which of CMS's strata the rate reports (its population UUIDs); the rate's position by default. */
  stratumIndex?: number;
}

function population(code: string, count: number, id: string | undefined): string {
  const ref = id ? `<reference typeCode="REFR"><externalObservation classCode="OBS" moodCode="EVN"><id root="${id}"/></externalObservation></reference>` : "";
  return (
    `<component><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.27.3.5" extension="2016-09-01"/><code code="ASSERTION" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/>` +
    `<value xsi:type="CD" code="${code}" codeSystem="2.16.840.1.113883.5.4"/><entryRelationship typeCode="SUBJ" inversionInd="true"><observation classCode="OBS" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.27.3.3"/><code code="MSRAGG" codeSystem="2.16.840.1.113883.5.4"/><statusCode code="completed"/><value xsi:type="INT" value="${count}"/><methodCode code="COUNT" codeSystem="2.16.840.1.113883.5.84"/></observation></entryRelationship>${ref}</observation></component>`
  );
}

/** CMS's valid sample's header around one quality section of `year` reporting the measure's first `rates.length` rates with CMS's population UUIDs. */
function documentWith(year: number, measureId: string, rates: RateCounts[]): string {
  const m = entry(year, measureId);
  const body = rates
    .map((r, i) => {
      const u = m.strata?.[r.stratumIndex ?? i]?.eMeasureUuids ?? {};
      return [
        population("IPOP", r.ipop, u.initialPopulationUuid),
        population("DENOM", r.denom, u.denominatorUuid),
        r.denex !== undefined ? population("DENEX", r.denex, u.denominatorExclusionUuid) : "",
        r.denexcep !== undefined ? population("DENEXCEP", r.denexcep, u.denominatorExceptionUuid) : "",
        population("NUMER", r.numer, u.numeratorUuid),
      ].join("");
    })
    .join("");
  const organizer =
    `<entry><organizer classCode="CLUSTER" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.27.3.1" extension="2016-09-01"/><templateId root="2.16.840.1.113883.10.20.27.3.17" extension="2019-05-01"/><statusCode code="completed"/>` +
    `<reference typeCode="REFR"><externalDocument classCode="DOC" moodCode="EVN"><id root="2.16.840.1.113883.4.738" extension="${m.eMeasureUuid ?? ""}"/></externalDocument></reference>${body}</organizer></entry>`;
  const act = `<entry typeCode="DRIV"><act classCode="ACT" moodCode="EVN"><templateId root="2.16.840.1.113883.10.20.17.3.8"/><code code="252116004" codeSystem="2.16.840.1.113883.6.96"/><effectiveTime><low value="${year}0101"/><high value="${year}1231"/></effectiveTime></act></entry>`;
  const section = `<component><section><templateId root="2.16.840.1.113883.10.20.27.2.1" extension="2019-05-01"/><templateId root="2.16.840.1.113883.10.20.27.2.3" extension="2019-05-01"/><code code="55186-1" codeSystem="2.16.840.1.113883.6.1"/>${organizer}${act}</section></component>`;
  const sample = text(qrda3("valid-QRDA-III-latest.xml"));
  const open = sample.indexOf("<structuredBody>") + "<structuredBody>".length;
  return sample.slice(0, open) + section + sample.slice(sample.indexOf("</structuredBody>"));
}

function qualityOf(s: Submission): AnyMeasurementSet {
  const found = s.measurementSets.find((m) => m.category === "quality");
  if (!found) throw new Error("no quality set");
  return found;
}

function read(year: number, measureId: string, rates: RateCounts[]): { value: unknown; submission: Submission; rejects: string[] } {
  const { submission, warnings } = readQrda3(documentWith(year, measureId, rates), `${measureId}-${year}.xml`);
  const measurement = qualityOf(submission).measurements.find((x) => x.measureId === measureId);
  return { value: measurement?.value, submission, rejects: warnings.filter((w) => w.cmsRejects).map((w) => w.message) };
}

function strataNames(value: unknown): string[] {
  return ((value as { strata?: { stratum: string }[] }).strata ?? []).map((s) => s.stratum);
}

const rate = (numer: number, extra: Partial<RateCounts> = {}): RateCounts => ({ ipop: 100, denom: 100, numer, ...extra });

describe("2017: CMS's converter's expected output (comprehensive-qrda.qpp.json)", () => {
  const cms: Record<string, string[]> = {
    "366": ["visitWithin30Days", "visitAndFollowups"],
    "239": ["BMI", "nutrition", "physicalActivity"],
    "305": ["14DaysOfDiagnosis", "30DaysOfVisit"],
    "238": ["overall", "2+"],
    "160": ["CD4<200/mm3", "CD4<500/mm3OrCD4<15%", "atDiagnosis"],
    "007": ["LVSD", "priorMI"],
    "009": [">=84Days", ">=180Days"],
    "371": ["4MonthsOfEnd", "4&8MonthsAfterStart", "4MonthsOfStart"],
  };
  it("every multi-rate measure of CMS's 2017 expected output has CMS's stratum names, in CMS's order", () => {
    for (const [measureId, names] of Object.entries(cms)) expect([measureId, ecqmByMeasureId(2017, measureId)?.rates.map((r) => r.name)]).toEqual([measureId, names]);
  });
  it("a 2017 file's 160 (CMS52v5, three rates) reads as CMS's three strata", () => {
    const { value, rejects } = read(2017, "160", [rate(60, { denexcep: 10 }), rate(70, { denexcep: 5 }), rate(80)]);
    expect(rejects).toEqual([]);
    expect(strataNames(value)).toEqual(["CD4<200/mm3", "CD4<500/mm3OrCD4<15%", "atDiagnosis"]);
    expect((value as { strata: unknown[] }).strata[0]).toMatchObject({ performanceMet: 60, performanceNotMet: 30, eligiblePopulation: 100, eligiblePopulationException: 10 });
  });
  it("2017's 007 is multi-rate in CMS's 2017 data: two strata", () => {
    expect(strataNames(read(2017, "007", [rate(60), rate(70)]).value)).toEqual(["LVSD", "priorMI"]);
  });
});

describe("2018-2021: CMS's strata names, and CMS's shapes for single-rate measures with several rates and for 370", () => {
  it.each([
    [2018, "371", ["4MonthsOfEnd", "4&8MonthsAfterStart", "4MonthsOfStart"]],
    [2018, "226", ["screenedForUse", "overall", "tobacco"]],
    [2019, "007", ["LVSD", "priorMI"]],
    [2019, "438", null],
    [2020, "226", ["screenedForUse", "overall", "tobacco"]],
    [2021, "366", ["visitWithin30Days", "visitAndFollowups"]],
    [2021, "239", ["BMI", "nutrition", "physicalActivity"]],
  ] as const)("%i measure %s: strata %j", (year, measureId, names) => {
    const count = entry(year, measureId).strata?.length ?? 0;
    const { value, rejects } = read(year, measureId, Array.from({ length: count }, (_, i) => rate(50 + i)));
    expect(rejects).toEqual([]);
    if (names) expect(strataNames(value)).toEqual(names);
    else expect(value).not.toHaveProperty("strata");
  });

  it.each([
    [2018, "438"],
    [2019, "005"],
    [2019, "008"],
    [2019, "143"],
    [2020, "007"],
    [2020, "008"],
    [2021, "005"],
    [2021, "438"],
  ] as const)("%i measure %s, single-rate in CMS's data, has its rates summed into one performance rate as CMS's converter writes it", (year, measureId) => {
    const count = entry(year, measureId).strata?.length ?? 0;
    expect(count).toBeGreaterThan(1);
    const rates = Array.from({ length: count }, (_, i) => rate(40 + 10 * i, { denexcep: i }));
    const { value, rejects } = read(year, measureId, rates);
    expect(rejects).toEqual([]);
    const met = rates.reduce((n, r) => n + r.numer, 0);
    const exceptions = rates.reduce((n, r) => n + (r.denexcep ?? 0), 0);
    expect(value).toStrictEqual({ isEndToEndReported: true, performanceMet: met, performanceNotMet: 100 * count - met - exceptions, eligiblePopulation: 100 * count, eligiblePopulationExclusion: 0, eligiblePopulationException: exceptions });
  });

  it.each([2019, 2020, 2021])("%i measure 370: the reported 12-17 rate and CMS's zero '18+' stratum, which no file can report", (year) => {
    const { value, rejects } = read(year, "370", [rate(30, { denex: 5 })]);
    expect(rejects).toEqual([]);
    expect(value).toStrictEqual({
      isEndToEndReported: true,
      strata: [
        { performanceMet: 30, performanceNotMet: 65, eligiblePopulation: 100, eligiblePopulationExclusion: 5, stratum: "12-17" },
        { performanceMet: 0, performanceNotMet: 0, eligiblePopulation: 0, eligiblePopulationExclusion: 0, stratum: "18+" },
      ],
    });
  });

  it("strata come out in CMS's data order whatever the file's order (2018 371 written last rate first), each with its own counts", () => {
    const { value, rejects } = read(2018, "371", [rate(30, { stratumIndex: 2 }), rate(20, { stratumIndex: 1 }), rate(10, { stratumIndex: 0 })]);
    expect(rejects).toEqual([]);
    expect((value as { strata: { stratum: string; performanceMet: number }[] }).strata.map((s) => [s.stratum, s.performanceMet])).toEqual([
      ["4MonthsOfEnd", 10],
      ["4&8MonthsAfterStart", 20],
      ["4MonthsOfStart", 30],
    ]);
  });

  it("2017 and 2018's 370 is single-rate in CMS's data: no strata", () => {
    expect(read(2017, "370", [rate(30)]).value).not.toHaveProperty("strata");
    expect(read(2018, "370", [rate(30)]).value).not.toHaveProperty("strata");
  });

  it.each([
    [2019, "370", { denex: 3 }],
    [2021, "370", {}],
    [2020, "007", { denex: 3 }],
  ] as const)("%i measure %s (%j) exports to QRDA III and reads back equal (the zero stratum is not written, CMS adds it back)", (year, measureId, extra) => {
    const count = measureId === "370" ? 1 : (entry(year, measureId).strata?.length ?? 0);
    const { submission } = read(year, measureId, Array.from({ length: count }, (_, i) => rate(40 + i, extra)));
    const { xml, notCarried } = writeQrda3(submission);
    expect(notCarried).toEqual([]);
    if (measureId === "370") expect(xml).not.toContain('root="18+"');
    expect(qualityOf(readQrda3(xml, "export.xml").submission)).toStrictEqual(qualityOf(submission));
  });
});
