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
import { type PerformanceYear, findMeasure, isPerformanceYear } from "../mips/catalog";
import { describeNpiProblem, isValidCehrtId, normalizeTin } from "../mips/identifiers";
import { supportedYearsText, unsupportedYearMessage } from "../mips/years";
import type { Submission } from "../mips/submission";
import { parseCsv } from "../roster/csv";
import { parseYesNo } from "../roster/values";
import { type ReportValue, reportMeasurementSet, reportPeriodIssues, reportValueIssues } from "../cehrt/report-values";

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

function parseCount(value: string): number | null | "bad" {
  const v = value.trim().replace(/,/g, "");
  if (v === "") return null;
  return /^\d+$/.test(v) ? Number(v) : "bad";
}

interface Row {
  row: number;
  year: PerformanceYear;
  tin: string;
  npi: string | null;
  cehrtId: string | null;
  start: string;
  end: string;
  values: ReportValue[];
  vendor: string | null;
}

/** Reads a measure-data CSV; see the column table above. */
export function readCsvMeasures(text: string): CsvMeasureResult {
  const parsed = parseCsv(text);
  const problems: CsvMeasureProblem[] = parsed.problems.map((p) => ({ row: p.row, column: "(file)", message: p.message }));
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, problems: [{ row: 1, column: "(file)", message: "the file is empty: expected a header row naming the columns" }] };

  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (n === "") return;
    if (!CSV_MEASURE_COLUMNS.some((c) => c.key === n)) {
      problems.push({ row: 1, column: "(file)", message: `unknown column "${header.cells[i]}"; expected columns: ${CSV_MEASURE_COLUMNS.map((c) => c.key).join(", ")}` });
    } else if (index.has(n)) {
      problems.push({ row: 1, column: "(file)", message: `column "${n}" appears twice` });
    } else index.set(n, i);
  });
  for (const c of CSV_MEASURE_COLUMNS) {
    if (c.required && !index.has(c.key)) problems.push({ row: 1, column: "(file)", message: `missing column "${c.key}" (${c.description})` });
  }
  if (!index.has("numerator") && !index.has("yes_no")) {
    problems.push({ row: 1, column: "(file)", message: `expected a "numerator"/"denominator" pair or a "yes_no" column` });
  }
  if (problems.some((p) => p.row === 1)) return { ok: false, problems };

  const rows: Row[] = [];
  for (const record of records) {
    if (record.cells.every((c) => c.trim() === "")) continue; // blank lines at the end of spreadsheets
    const cell = (key: CsvMeasureColumn) => {
      const i = index.get(key);
      return i === undefined ? "" : (record.cells[i] ?? "").trim();
    };
    const at = (column: CsvMeasureColumn, message: string) => problems.push({ row: record.row, column, message });
    if (record.cells.length < header.cells.length) {
      problems.push({ row: record.row, column: "(file)", message: `has ${record.cells.length} cells, the header has ${header.cells.length}: a column is missing on this row` });
      continue;
    }
    const before = problems.length;

    const yearText = cell("performance_year");
    const year = Number(yearText);
    if (!isPerformanceYear(year)) at("performance_year", `"${yearText}": ${unsupportedYearMessage(yearText)}`);
    const tin = normalizeTin(cell("tin"));
    if (!tin) at("tin", `"${cell("tin")}" is not a TIN (expected 9 digits, e.g. 123456789)`);
    const npiText = cell("npi");
    const npiProblem = npiText ? describeNpiProblem(npiText) : null;
    if (npiProblem) at("npi", `${npiProblem}; leave it blank for whole-TIN data`);
    const cehrtText = cell("cehrt_id");
    if (cehrtText && !isValidCehrtId(cehrtText)) at("cehrt_id", `"${cehrtText}" is not a CMS EHR Certification ID (expected 15 upper-case letters or digits)`);
    const start = cell("performance_start");
    const end = cell("performance_end");
    if (isPerformanceYear(year)) {
      for (const issue of reportPeriodIssues(year, start, end)) {
        at(issue.path === "performanceStart" ? "performance_start" : "performance_end", issue.message);
      }
    }
    const measureId = cell("measure_id");
    const numerator = parseCount(cell("numerator"));
    const denominator = parseCount(cell("denominator"));
    if (numerator === "bad") at("numerator", `"${cell("numerator")}" is not a whole number >= 0`);
    if (denominator === "bad") at("denominator", `"${cell("denominator")}" is not a whole number >= 0`);
    const yesNoText = cell("yes_no");
    const yesNo = yesNoText === "" ? null : parseYesNo(yesNoText);
    if (yesNoText !== "" && yesNo === null) at("yes_no", `"${yesNoText}" is not yes or no`);
    const exclusionText = cell("exclusion");
    const exclusion = exclusionText === "" ? false : parseYesNo(exclusionText);
    if (exclusion === null) at("exclusion", `"${exclusionText}" is not yes or no`);
    if (!measureId) at("measure_id", "a measure id is required (e.g. PI_EP_1)");
    // The value checks run whatever else is wrong on the row, so the row's every problem is listed.
    if (!isPerformanceYear(year) || !measureId || numerator === "bad" || denominator === "bad") continue;

    const values: ReportValue[] = [{ measureId, numerator, denominator, yesNo }];
    if (exclusion) {
      const measure = findMeasure(year, measureId);
      const exclusionId = measure?.exclusionMeasureId;
      if (!exclusionId) at("exclusion", `${measureId} has no exclusion in CMS's ${year} catalog`);
      else values.push({ measureId: exclusionId, yesNo: true, numerator: null, denominator: null });
    }
    for (const issue of reportValueIssues(year, values, (_id, field) => field)) {
      const column: CsvMeasureColumn = issue.path === "yesNo" ? "yes_no" : issue.path === "measureId" ? "measure_id" : (issue.path as CsvMeasureColumn);
      at(column, issue.message);
    }
    const vendor = cell("vendor").replace(/\s+/g, " ").slice(0, 200) || null;
    if (problems.length > before || !tin) continue;
    rows.push({ row: record.row, year, tin, npi: npiText || null, cehrtId: cehrtText || null, start, end, values, vendor });
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
