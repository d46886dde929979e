/**
 * The measure-data CSV (lib/formats/csv-measures.ts has the column table) read one row at a time, for
 * files too large to hold in memory (the streamed import, server/services/imports/): the header check
 * and the per-row checks with the same messages as `readCsvMeasures`, row and column included. What
 * needs the whole file (a measure given twice for the same report, the reports' TINs and NPIs against
 * the organization) is checked by the caller over the rows it staged.
 */
import type { CsvRecord } from "../csv/parse";
import { type PerformanceYear, findMeasure, isPerformanceYear } from "../mips/catalog";
import { describeNpiProblem, isValidCehrtId, normalizeTin } from "../mips/identifiers";
import { unsupportedYearMessage } from "../mips/years";
import { parseYesNo } from "../roster/values";
import { type ReportValue, reportPeriodIssues, reportValueIssues } from "../cehrt/report-values";
import { CSV_MEASURE_COLUMNS, type CsvMeasureColumn, type CsvMeasureProblem } from "./csv-measures";

export interface CsvMeasureHeader {
  index: Map<string, number>;
  width: number;
}

/** The header row's columns, or its problems (unknown, doubled or missing columns), reported on row 1 as the preview does. */
export function readCsvMeasureHeader(header: CsvRecord): { header: CsvMeasureHeader | null; problems: CsvMeasureProblem[] } {
  const problems: CsvMeasureProblem[] = [];
  const index = new Map<string, number>();
  header.cells.forEach((cell, i) => {
    const n = cell.trim().toLowerCase();
    if (n === "") return;
    if (!CSV_MEASURE_COLUMNS.some((c) => c.key === n)) {
      problems.push({ row: 1, column: "(file)", message: `unknown column "${cell}"; expected columns: ${CSV_MEASURE_COLUMNS.map((c) => c.key).join(", ")}` });
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
  return { header: problems.length > 0 ? null : { index, width: header.cells.length }, problems };
}

/** One valid data row: its report's key fields and its value(s) (a claimed exclusion adds one). */
export interface CsvMeasureRow {
  row: number;
  year: PerformanceYear;
  tin: string;
  npi: string | null;
  cehrtId: string | null;
  start: string;
  end: string;
  values: ReportValue[];
}

function parseCount(value: string): number | null | "bad" {
  const v = value.trim().replace(/,/g, "");
  if (v === "") return null;
  return /^\d+$/.test(v) ? Number(v) : "bad";
}

/** The period's problems once per distinct (year, start, end): a large file repeats a few periods. */
const periodIssuesCache = new Map<string, ReturnType<typeof reportPeriodIssues>>();
function periodIssues(year: PerformanceYear, start: string, end: string) {
  const key = `${year}|${start}|${end}`;
  let issues = periodIssuesCache.get(key);
  if (!issues) {
    issues = reportPeriodIssues(year, start, end);
    if (periodIssuesCache.size > 10_000) periodIssuesCache.clear();
    periodIssuesCache.set(key, issues);
  }
  return issues;
}

/** A blank row (spreadsheets leave them at the end) is null with no problems. */
export function readCsvMeasureRow(header: CsvMeasureHeader, record: CsvRecord): { row: CsvMeasureRow | null; problems: CsvMeasureProblem[] } {
  const problems: CsvMeasureProblem[] = [];
  if (record.cells.every((c) => c.trim() === "")) return { row: null, problems };
  if (record.cells.length < header.width) {
    problems.push({ row: record.row, column: "(file)", message: `has ${record.cells.length} cells, the header has ${header.width}: a column is missing on this row` });
    return { row: null, problems };
  }
  const cell = (key: CsvMeasureColumn) => {
    const i = header.index.get(key);
    return i === undefined ? "" : (record.cells[i] ?? "").trim();
  };
  const at = (column: CsvMeasureColumn, message: string) => problems.push({ row: record.row, column, message });

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
    for (const issue of periodIssues(year, start, end)) at(issue.path === "performanceStart" ? "performance_start" : "performance_end", issue.message);
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
  if (!isPerformanceYear(year) || !measureId || numerator === "bad" || denominator === "bad") return { row: null, problems };

  const values: ReportValue[] = [{ measureId, numerator, denominator, yesNo }];
  if (exclusion) {
    const exclusionId = findMeasure(year, measureId)?.exclusionMeasureId;
    if (!exclusionId) at("exclusion", `${measureId} has no exclusion in CMS's ${year} catalog`);
    else values.push({ measureId: exclusionId, yesNo: true, numerator: null, denominator: null });
  }
  for (const issue of reportValueIssues(year, values, (_id, field) => field)) {
    const column: CsvMeasureColumn = issue.path === "yesNo" ? "yes_no" : issue.path === "measureId" ? "measure_id" : (issue.path as CsvMeasureColumn);
    at(column, issue.message);
  }
  if (problems.length > 0 || !tin) return { row: null, problems };
  return { row: { row: record.row, year, tin, npi: npiText || null, cehrtId: cehrtText || null, start, end, values }, problems };
}
