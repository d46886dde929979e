/**
 * eCQM version ids (QRDA III `reference/externalDocument/id[@root="2.16.840.1.113883.4.738"]/@extension`) to QPP
 * quality measure ids, as CMS's converter maps them (QRDA III IG table 15, from CMS's measures data): CMS's npm
 * package `qpp-measures-data` lists `eMeasureUuid` and, per performance rate, the rate's `name` and population
 * UUIDs for its eCQMs of 2017-2021. Its 2022 data has none and it has no 2023+ measures data, so files of 2022
 * and later keep their eCQM version ids (with a warning).
 */
import measures2017 from "qpp-measures-data/measures/2017/measures-data.json";
import measures2018 from "qpp-measures-data/measures/2018/measures-data.json";
import measures2019 from "qpp-measures-data/measures/2019/measures-data.json";
import measures2020 from "qpp-measures-data/measures/2020/measures-data.json";
import measures2021 from "qpp-measures-data/measures/2021/measures-data.json";

interface MeasuresDataEntry {
  measureId?: string;
  category?: string;
  metricType?: string;
  eMeasureUuid?: string;
  strata?: { name?: string; eMeasureUuids?: { numeratorUuid?: string; denominatorExclusionUuid?: string; denominatorExclusionsUuid?: string } }[];
}

export interface Ecqm {
  /** The QPP quality measure id, e.g. "001". */
  measureId: string;
  /** The eCQM version id as CMS's data spells it. */
  uuid: string;
  /** Named performance rates: the rate's name and its numerator population UUID (upper case). */
  rates: { name: string; numeratorUuid: string }[];
  /**
   * CMS's data lists the measure as single-rate (`metricType` singlePerformanceRate) although it names several
   * rates (2018-2021: 005, 008, 143, 438; 2020-2021 also 007): CMS's converter then sums the rates' populations
   * into one performance rate (MeasureConfigHelper's multi-to-single measures 005, 007, 008, 143, 438), which is
   * the shape the Submissions API expects for a single-rate measure.
   */
  sumsRates: boolean;
  /**
   * The measure is multi-rate and CMS's data names a stratum with no population UUIDs, which no QRDA III file can
   * report (2019-2021: 370's "18+"): CMS's converter writes every stratum of its data, this one with zero counts
   * (MeasureConfigHelper's single-to-multi measure 370). In CMS's data order.
   */
  strataWithoutPopulations: { strata: { name: string; numeratorUuid: string | null }[]; withExclusion: boolean } | null;
}

const DATA: Readonly<Record<number, readonly MeasuresDataEntry[]>> = {
  2017: measures2017 as MeasuresDataEntry[],
  2018: measures2018 as MeasuresDataEntry[],
  2019: measures2019 as MeasuresDataEntry[],
  2020: measures2020 as MeasuresDataEntry[],
  2021: measures2021 as MeasuresDataEntry[],
};

interface YearIndex {
  byUuid: Map<string, Ecqm>;
  byMeasureId: Map<string, Ecqm>;
}
const indexes = new Map<number, YearIndex | null>();

/** Built on first use per year: a CLI run that converts no quality section pays nothing. */
function indexOf(year: number): YearIndex | null {
  const cached = indexes.get(year);
  if (cached !== undefined) return cached;
  const entries = DATA[year];
  let index: YearIndex | null = null;
  if (entries) {
    index = { byUuid: new Map(), byMeasureId: new Map() };
    for (const m of entries) {
      if (m.category !== "quality" || !m.eMeasureUuid || !m.measureId) continue;
      const strata = m.strata ?? [];
      const rates = strata.flatMap((s) => (s.name && s.eMeasureUuids?.numeratorUuid ? [{ name: s.name, numeratorUuid: s.eMeasureUuids.numeratorUuid.toUpperCase() }] : []));
      const bare = strata.some((s) => s.name && !s.eMeasureUuids?.numeratorUuid);
      const ecqm: Ecqm = {
        measureId: m.measureId,
        uuid: m.eMeasureUuid,
        rates,
        sumsRates: m.metricType === "singlePerformanceRate" && rates.length > 1,
        strataWithoutPopulations:
          m.metricType === "multiPerformanceRate" && bare
            ? {
                strata: strata.flatMap((s) => (s.name ? [{ name: s.name, numeratorUuid: s.eMeasureUuids?.numeratorUuid?.toUpperCase() ?? null }] : [])),
                withExclusion: strata.some((s) => Boolean(s.eMeasureUuids?.denominatorExclusionUuid ?? s.eMeasureUuids?.denominatorExclusionsUuid)),
              }
            : null,
      };
      index.byUuid.set(m.eMeasureUuid.toLowerCase(), ecqm);
      index.byMeasureId.set(m.measureId, ecqm);
    }
  }
  indexes.set(year, index);
  return index;
}

/** The eCQM of a version id in a year's measures data (case-insensitive), if CMS's data has it. */
export function ecqmByVersionId(year: number, versionId: string): Ecqm | undefined {
  return indexOf(year)?.byUuid.get(versionId.toLowerCase());
}

/** The eCQM of a QPP quality measure id in a year's measures data: the QRDA III writer's way back. */
export function ecqmByMeasureId(year: number, measureId: string): Ecqm | undefined {
  return indexOf(year)?.byMeasureId.get(measureId);
}

/** The name CMS's data gives the performance rate whose numerator population is `numeratorUuid`. */
export function rateName(ecqm: Ecqm, numeratorUuid: string): string | undefined {
  const upper = numeratorUuid.toUpperCase();
  return ecqm.rates.find((r) => r.numeratorUuid === upper)?.name;
}

/** The numerator population UUID of a named rate (the writer's way back). */
export function rateNumeratorUuid(ecqm: Ecqm, name: string): string | undefined {
  return ecqm.rates.find((r) => r.name === name)?.numeratorUuid;
}
