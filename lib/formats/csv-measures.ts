/**
 * CSV measure data: one row per measure value, for vendors (or spreadsheets) that export neither QRDA III
 * nor QPP JSON. Rows are grouped into one QPP-style submission per TIN, NPI (blank: the whole TIN),
 * CEHRT ID and performance period. Every row problem is reported at once (row, column, what was wrong,
 * what is expected); nothing is returned when there is any.
 *
 * Columns (header row required, names case-insensitive, order free):
 * | column             | required | content                                                              |
 * |--------------------|----------|----------------------------------------------------------------------|
 * | performance_year   | yes      | a supported year, 2017-2026                                          |
 * | tin                | yes      | 9 digits (`123456789` or `12-3456789`)                               |
 * | npi                | no       | 10 digits with a valid check digit; blank for whole-TIN (group) data |
 * | cehrt_id           | no       | CMS EHR Certification ID, 15 upper-case letters/digits               |
 * | performance_start  | yes      | YYYY-MM-DD inside the year                                           |
 * | performance_end    | yes      | YYYY-MM-DD; the period is at least 90 days                           |
 * | measure_id         | yes      | a PI (2018) / ACI (2017) measure id of the year, e.g. `PI_EP_1`      |
 * | numerator          | *        | whole number >= 0, for numerator/denominator measures                |
 * | denominator        | *        | whole number >= numerator                                            |
 * | yes_no             | *        | yes/no (also true/false, y/n, 1/0) for yes/no measures               |
 * | exclusion          | no       | yes to claim the measure's exclusion (then numerator/denominator 0/0)|
 * | vendor             | no       | the EHR vendor's name, offered for a CEHRT ID the portal does not know |
 */
import type { Issue } from "../errors";
import { supportedYearsText } from "../mips/years";
import type { Submission } from "../mips/submission";
import { parseCsv } from "../roster/csv";
import { reportMeasurementSet } from "../cehrt/report-values";
import { type CsvMeasureRow, readCsvMeasureHeader, readCsvMeasureRow } from "./csv-measure-rows";

export const CSV_MEASURE_COLUMNS = [
  { key: "performance_year", required: true, description: `a supported performance year (${supportedYearsText()})` },
  { key: "tin", required: true, description: "9 digits (123456789 or 12-3456789)" },
  { key: "npi", required: false, description: "10 digits with a valid check digit; blank for whole-TIN (group) data" },
  { key: "cehrt_id", required: false, description: "CMS EHR Certification ID: 15 upper-case letters or digits" },
  { key: "performance_start", required: true, description: "YYYY-MM-DD inside the performance year" },
  { key: "performance_end", required: true, description: "YYYY-MM-DD; the period lasts at least 90 days" },
  { key: "measure_id", required: true, description: "a measure id of the year from CMS's catalog, e.g. PI_EP_1" },
  { key: "numerator", required: false, description: "whole number >= 0 (numerator/denominator measures)" },
  { key: "denominator", required: false, description: "whole number >= the numerator" },
  { key: "yes_no", required: false, description: "yes or no (yes/no measures)" },
  { key: "exclusion", required: false, description: "yes to claim the measure's exclusion (with 0/0)" },
  { key: "vendor", required: false, description: "the EHR vendor's name, offered when the CEHRT ID is new to the portal" },
] as const;

export type CsvMeasureColumn = (typeof CSV_MEASURE_COLUMNS)[number]["key"];

export interface CsvMeasureProblem {
  /** Spreadsheet row (the header is row 1). */
  row: number;
  column: CsvMeasureColumn | "(file)";
  message: string;
}

/** One submission (TIN, NPI or whole TIN, CEHRT ID, period) and the rows it came from. */
export interface CsvMeasureGroup {
  submission: Submission;
  rows: number[];
  /** The first vendor name given on the group's rows (the `vendor` column), else null. */
  vendor: string | null;
}

export type CsvMeasureResult = { ok: true; groups: CsvMeasureGroup[]; rowCount: number } | { ok: false; problems: CsvMeasureProblem[] };

export function describeCsvProblem(p: CsvMeasureProblem): string {
  return p.column === "(file)" ? `row ${p.row}: ${p.message}` : `row ${p.row}, column ${p.column}: ${p.message}`;
}

/** Problems as the Issue shape the app shows (`row 4, column numerator`). */
export function csvProblemIssues(problems: readonly CsvMeasureProblem[], source: string): Issue[] {
  return problems.map((p) => ({ path: `${source}: row ${p.row}${p.column === "(file)" ? "" : `, column ${p.column}`}`, message: p.message }));
}

interface Row extends CsvMeasureRow {
  vendor: string | null;
}

/** Reads a measure-data CSV; see the column table above. The header and each row are checked by csv-measure-rows.ts (the streamed import's reader too). */
export function readCsvMeasures(text: string): CsvMeasureResult {
  const parsed = parseCsv(text);
  const problems: CsvMeasureProblem[] = parsed.problems.map((p) => ({ row: p.row, column: "(file)", message: p.message }));
  const [headerRecord, ...records] = parsed.records;
  if (!headerRecord) return { ok: false, problems: [{ row: 1, column: "(file)", message: "the file is empty: expected a header row naming the columns" }] };

  const { header, problems: headerProblems } = readCsvMeasureHeader(headerRecord);
  problems.push(...headerProblems);
  if (!header || problems.some((p) => p.row === 1)) return { ok: false, problems };

  const vendorIndex = header.index.get("vendor");
  const rows: Row[] = [];
  for (const record of records) {
    const { row, problems: rowProblems } = readCsvMeasureRow(header, record);
    problems.push(...rowProblems);
    if (!row) continue;
    const vendor = vendorIndex === undefined ? null : (record.cells[vendorIndex] ?? "").trim().replace(/\s+/g, " ").slice(0, 200) || null;
    rows.push({ ...row, vendor });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: "(file)", message: "the file has a header but no data rows" });

  // Group rows into submissions; a measure given twice for the same TIN/NPI/CEHRT/period is a conflict.
  const groups = new Map<string, { rows: Row[]; seen: Map<string, number> }>();
  for (const r of rows) {
    const key = [r.year, r.tin, r.npi ?? "", r.cehrtId ?? "", r.start, r.end].join("|");
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rows: [], seen: new Map() }));
    for (const v of r.values) {
      const earlier = group.seen.get(v.measureId);
      if (earlier !== undefined) {
        problems.push({ row: r.row, column: "measure_id", message: `${v.measureId} is already given on row ${earlier} for the same TIN, NPI, CEHRT ID and period` });
      } else group.seen.set(v.measureId, r.row);
    }
    group.rows.push(r);
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };

  const out: CsvMeasureGroup[] = [];
  for (const { rows: groupRows } of groups.values()) {
    const first = groupRows[0]!;
    const values = groupRows.flatMap((r) => r.values);
    const submission: Submission = {
      performanceYear: first.year,
      entityType: first.npi ? "individual" : "group",
      taxpayerIdentificationNumber: first.tin,
      ...(first.npi ? { nationalProviderIdentifier: first.npi } : {}),
      measurementSets: [reportMeasurementSet(first.year, { performanceStart: first.start, performanceEnd: first.end, cehrtId: first.cehrtId }, values)],
    };
    out.push({ submission, rows: groupRows.map((r) => r.row), vendor: groupRows.find((r) => r.vendor)?.vendor ?? null });
  }
  return { ok: true, groups: out, rowCount: rows.length };
}
