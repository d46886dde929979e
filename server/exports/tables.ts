/**
 * The tables a user sees, as CSV exports: TINs, clinicians with their statuses, the organization
 * overview, the measures of a TIN, the measure reports (and the audit log, server/exports/audit.ts).
 * Each reads through the same procedure as its page (so the same role checks and tenant filter apply),
 * page by page, so a large table streams instead of being loaded at once.
 */
import type { CsvCell } from "@/lib/csv/stream";
import { pagesOf } from "@/lib/csv/stream";
import { formatTin } from "@/lib/mips/identifiers";
import type { PerformanceYear } from "@/lib/mips/years";
import { piScoreText } from "@/components/dashboards/pi-score";
import type { AppCaller } from "../reports/tin-scorecard";

export interface ExportParams {
  organization: string;
  performanceYear: PerformanceYear;
  /** The TIN, for the tables of one TIN (measures; reports optionally). */
  tinId?: string | undefined;
  /** Further filters of the page (the audit log's). */
  search: URLSearchParams;
}

export interface TableExport {
  fileName: (params: ExportParams) => string;
  header: string[];
  pages: (api: AppCaller, params: ExportParams) => AsyncIterable<CsvCell[][]>;
}

const PAGE = 200;
const MODE = { individual: "individual", group: "group", virtualGroup: "virtual group" } as const;

async function* once(rows: Promise<CsvCell[][]>): AsyncGenerator<CsvCell[][]> {
  yield await rows;
}

export const TABLE_EXPORTS: Record<string, TableExport> = {
  tins: {
    fileName: (p) => `tins-${p.performanceYear}.csv`,
    header: ["TIN", "Name", "Clinicians", "MIPS eligible clinicians", "Small practice", "PI reweighted (100% rule)", "Clinicians blocking reweighting", "PI reports", "Virtual group"],
    pages: (api, p) =>
      mapPages(
        pagesOf(async (page) => {
          const r = await api.tins.list({ organization: p.organization, performanceYear: p.performanceYear, page, pageSize: PAGE });
          return { rows: r.tins, total: r.total, pageSize: PAGE };
        }),
        (t) => [[formatTin(t.tin), t.name, t.clinicianCount, t.eligibleClinicianCount, t.smallPractice, t.reweighted, t.blockingCount, t.piReportCount, t.virtualGroupName ?? ""]],
      ),
  },
  clinicians: {
    fileName: (p) => `clinicians-${p.performanceYear}.csv`,
    header: ["NPI", "Last name", "First name", "Clinician type", "TIN", "TIN name", "Billing from", "Billing to", "Must participate in MIPS", "Eligibility", "Qualifies for PI reweighting", "Hardship application", "PI reports"],
    pages: (api, p) =>
      mapPages(
        pagesOf(async (page) => {
          const r = await api.clinicians.list({ organization: p.organization, performanceYear: p.performanceYear, page, pageSize: PAGE });
          return { rows: r.clinicians, total: r.total, pageSize: PAGE };
        }),
        (c) => {
          const base: CsvCell[] = [c.npi, c.lastName, c.firstName, c.clinicianType];
          if (c.tins.length === 0) return [[...base, "", "", "", "", "", "no TIN in this year", "", "", ""]];
          return c.tins.map((t) => [
            ...base,
            t.tinDisplay,
            t.tinName,
            t.startDate,
            t.endDate ?? "",
            t.eligibility ? t.eligibility.required : "",
            t.eligibilityNote,
            t.reweighting.qualifies,
            t.hardship ? `${t.hardship.status} (${t.hardship.scope === "tin" ? "whole TIN" : "clinician"})` : "",
            t.piReportCount ?? "",
          ]);
        },
      ),
  },
  overview: {
    fileName: (p) => `overview-${p.performanceYear}.csv`,
    header: ["TIN", "Name", "Reporting", "PI score", "Final-score points", "Base met", "Clinicians", "MIPS eligible", "Blocking reweighting", "Clinicians with data", "Vendors with data", "Vendors registered"],
    pages: (api, p) =>
      once(
        api.dashboards.overview({ organization: p.organization, performanceYear: p.performanceYear }).then((o) =>
          o.tins.map((t) => [
            t.tinDisplay,
            t.name,
            t.reportingMode ? MODE[t.reportingMode] : "not chosen",
            piScoreText(t),
            t.finalScorePoints ?? "",
            t.baseMet,
            t.clinicianCount,
            t.eligibleClinicianCount,
            t.blockingCount,
            t.cliniciansWithData,
            t.vendorsWithData,
            t.vendorsRegistered,
          ]),
        ),
      ),
  },
  measures: {
    fileName: (p) => `measures-${p.tinId ?? "tin"}-${p.performanceYear}.csv`,
    header: ["Measure", "Title", "Numerator", "Denominator", "Answer", "Rate", "Points", "Maximum points", "Excluded", "Numerator for the next band", "More needed"],
    pages: (api, p) =>
      once(
        api.dashboards.tin({ organization: p.organization, tinId: p.tinId ?? "", performanceYear: p.performanceYear, clinicianPage: 1, clinicianPageSize: 1 }).then((d) =>
          d.measures.map((m) => [m.measureId, m.title, m.numerator, m.denominator, m.value, m.rate, m.points, m.maxPoints, m.excluded, m.nextBandNumerator, m.moreNeeded]),
        ),
      ),
  },
  reports: {
    fileName: (p) => `measure-reports-${p.performanceYear}.csv`,
    header: ["TIN", "TIN name", "NPI", "Clinician", "Vendor", "Product", "CEHRT ID", "Period start", "Period end", "Source", "File", "Measures"],
    pages: (api, p) =>
      mapPages(
        pagesOf(async (page) => {
          const r = await api.measureReports.list({ organization: p.organization, performanceYear: p.performanceYear, tinId: p.tinId, page, pageSize: PAGE });
          return { rows: r.reports, total: r.total, pageSize: PAGE };
        }),
        (r) => [[r.tinDisplay, r.tinName, r.npi ?? "", r.firstName ? `${r.firstName} ${r.lastName}` : "whole TIN", r.vendor ?? "", r.productName ?? "", r.cehrtId ?? "", r.performanceStart, r.performanceEnd, r.sourceKind, r.fileName ?? "", r.measureCount]],
      ),
  },
};

async function* mapPages<T>(pages: AsyncIterable<T[]>, toRows: (item: T) => CsvCell[][]): AsyncGenerator<CsvCell[][]> {
  for await (const page of pages) yield page.flatMap(toRows);
}
