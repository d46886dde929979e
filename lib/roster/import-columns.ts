/**
 * The roster CSV: its documented columns, and validation of every row. Every problem is reported at once
 * with its row (as a spreadsheet numbers it: the header is row 1), column, what is wrong and what is
 * expected. The same columns are written by the export, so an exported file imports back.
 */
import { CLINICIAN_TYPES, type ClinicianType } from "../mips/submission";
import { isPerformanceYear, supportedYearsText, unsupportedYearMessage } from "../mips/years";
import { describeNpiProblem, normalizeTin } from "../mips/identifiers";
import { parseCsv, unneutralizeFormula } from "./csv";
import { parseClinicianType } from "./labels";
import { parseDate, parseDollarsToCents, parseYesNo } from "./values";

export type RosterColumnKey =
  | "tin" | "tinName" | "npi" | "firstName" | "lastName" | "clinicianType" | "specialty"
  | "membershipStart" | "membershipEnd" | "performanceYear"
  | "nonPatientFacing" | "hospitalBased" | "ascBased" | "rural" | "hpsa"
  | "allowedCharges" | "partBBeneficiaries" | "newlyEnrolled" | "advancedApmQp";

export interface RosterColumn {
  key: RosterColumnKey;
  header: string;
  required: boolean;
  expected: string;
}

const YES_NO = "yes or no (also y/n, true/false, 1/0; empty means no)";

/** The documented columns, in export order. Headers match case- and punctuation-insensitively. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: "tin", header: "TIN", required: true, expected: "a 9-digit TIN, e.g. 12-3456789 or 123456789" },
  { key: "tinName", header: "TIN name", required: false, expected: "the practice's name (required the first time a TIN appears in the roster)" },
  { key: "npi", header: "NPI", required: true, expected: "a 10-digit NPI starting with 1 or 2 with a valid check digit" },
  { key: "firstName", header: "First name", required: true, expected: "the clinician's first name" },
  { key: "lastName", header: "Last name", required: true, expected: "the clinician's last name" },
  { key: "clinicianType", header: "Clinician type", required: true, expected: `one of ${CLINICIAN_TYPES.join(", ")} (or MD, DO, PT, ...)` },
  { key: "specialty", header: "Specialty", required: false, expected: "free text" },
  { key: "membershipStart", header: "Membership start", required: true, expected: "the date the clinician started billing under the TIN, YYYY-MM-DD or M/D/YYYY" },
  { key: "membershipEnd", header: "Membership end", required: false, expected: "empty, or a date on or after the start, YYYY-MM-DD or M/D/YYYY" },
  { key: "performanceYear", header: "Performance year", required: false, expected: `a year from ${supportedYearsText()}; needed when any status or figure below is given` },
  { key: "nonPatientFacing", header: "Non-patient facing", required: false, expected: YES_NO },
  { key: "hospitalBased", header: "Hospital-based", required: false, expected: YES_NO },
  { key: "ascBased", header: "ASC-based", required: false, expected: YES_NO },
  { key: "rural", header: "Rural", required: false, expected: YES_NO },
  { key: "hpsa", header: "HPSA", required: false, expected: YES_NO },
  { key: "allowedCharges", header: "Allowed charges", required: false, expected: "Medicare Part B allowed charges in dollars, e.g. 95000 or $95,000.00" },
  { key: "partBBeneficiaries", header: "Part B beneficiaries", required: false, expected: "a whole number >= 0" },
  { key: "newlyEnrolled", header: "Newly enrolled", required: false, expected: YES_NO },
  { key: "advancedApmQp", header: "Advanced APM QP", required: false, expected: YES_NO },
];

const YEAR_COLUMNS: RosterColumnKey[] = ["nonPatientFacing", "hospitalBased", "ascBased", "rural", "hpsa", "allowedCharges", "partBBeneficiaries", "newlyEnrolled", "advancedApmQp"];

const headerKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const COLUMN_BY_HEADER = new Map(ROSTER_COLUMNS.map((c) => [headerKey(c.header), c]));
const COLUMN_BY_KEY = new Map(ROSTER_COLUMNS.map((c) => [c.key, c]));

export interface RosterImportProblem {
  row: number;
  /** The column's header, or null for a problem with the whole row or file. */
  column: string | null;
  problem: string;
  expected: string;
}

export interface RosterYearFigures {
  performanceYear: number;
  nonPatientFacing: boolean;
  hospitalBased: boolean;
  ascBased: boolean;
  rural: boolean;
  hpsa: boolean;
  allowedChargesCents: number;
  partBBeneficiaries: number;
  newlyEnrolled: boolean;
  advancedApmQp: boolean;
}

export interface RosterImportRow {
  row: number;
  tin: string;
  tinName: string | null;
  npi: string;
  firstName: string;
  lastName: string;
  clinicianType: ClinicianType;
  specialty: string | null;
  membershipStart: string;
  membershipEnd: string | null;
  year: RosterYearFigures | null;
}

export interface RosterFileResult {
  rows: RosterImportRow[];
  problems: RosterImportProblem[];
  /** Data rows read (valid or not). */
  rowCount: number;
}

/** `row 4, column "NPI": NPI ... fails its check digit; expected ...` as one line. */
export function describeImportProblem(p: RosterImportProblem): string {
  return `row ${p.row}${p.column ? `, column "${p.column}"` : ""}: ${p.problem}; expected ${p.expected}`;
}

/** Parses and validates a roster CSV: every problem of every row, plus the rows that are valid. */
export function readRosterCsv(text: string): RosterFileResult {
  const { records, problems: csvProblems } = parseCsv(text);
  const problems: RosterImportProblem[] = csvProblems.map((p) => ({ row: p.row, column: null, problem: p.message, expected: "well-formed CSV (RFC 4180)" }));
  const [header, ...data] = records;
  if (!header) {
    problems.push({ row: 1, column: null, problem: "the file has no header row", expected: `a header row naming the columns: ${ROSTER_COLUMNS.map((c) => c.header).join(", ")}` });
    return { rows: [], problems, rowCount: 0 };
  }
  // Map header cells to columns.
  const positions = new Map<RosterColumnKey, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === "") return;
    const column = COLUMN_BY_HEADER.get(headerKey(name));
    if (!column) {
      problems.push({ row: header.row, column: name, problem: `unknown column "${name}"`, expected: `one of: ${ROSTER_COLUMNS.map((c) => c.header).join(", ")}` });
    } else if (positions.has(column.key)) {
      problems.push({ row: header.row, column: column.header, problem: `column "${column.header}" appears twice`, expected: "each column once" });
    } else positions.set(column.key, index);
  });
  for (const column of ROSTER_COLUMNS) {
    if (column.required && !positions.has(column.key)) {
      problems.push({ row: header.row, column: column.header, problem: `the required column "${column.header}" is missing`, expected: `a header cell "${column.header}" (${column.expected})` });
    }
  }
  if (problems.some((p) => p.row === header.row)) return { rows: [], problems, rowCount: data.length };

  const rows: RosterImportRow[] = [];
  for (const record of data) {
    const rowProblems: RosterImportProblem[] = [];
    const cell = (key: RosterColumnKey): string => {
      const index = positions.get(key);
      return index === undefined ? "" : unneutralizeFormula((record.cells[index] ?? "").trim());
    };
    const report = (key: RosterColumnKey, problem: string) => {
      const column = COLUMN_BY_KEY.get(key)!;
      rowProblems.push({ row: record.row, column: column.header, problem, expected: column.expected });
    };
    if (record.cells.length > header.cells.length) {
      rowProblems.push({ row: record.row, column: null, problem: `the row has ${record.cells.length} cells but the header has ${header.cells.length}`, expected: "one cell per header column (quote cells that contain commas)" });
    }
    const required = (key: RosterColumnKey): string | null => {
      const value = cell(key);
      if (value === "") {
        report(key, "the cell is empty");
        return null;
      }
      return value;
    };

    const tinText = required("tin");
    const tin = tinText === null ? null : normalizeTin(tinText);
    if (tinText !== null && tin === null) report("tin", `"${tinText}" is not a TIN`);
    const npi = required("npi");
    if (npi !== null) {
      const npiProblem = describeNpiProblem(npi);
      if (npiProblem) report("npi", npiProblem);
    }
    const firstName = required("firstName");
    const lastName = required("lastName");
    const typeText = required("clinicianType");
    const clinicianType = typeText === null ? null : parseClinicianType(typeText);
    if (typeText !== null && clinicianType === null) report("clinicianType", `"${typeText}" is not a clinician type we know`);
    const startText = required("membershipStart");
    const membershipStart = startText === null ? null : parseDate(startText);
    if (startText !== null && membershipStart === null) report("membershipStart", `"${startText}" is not a date`);
    const endText = cell("membershipEnd");
    const membershipEnd = endText === "" ? null : parseDate(endText);
    if (endText !== "" && membershipEnd === null) report("membershipEnd", `"${endText}" is not a date`);
    if (membershipStart && membershipEnd && membershipEnd < membershipStart) report("membershipEnd", `${membershipEnd} is before the start ${membershipStart}`);
    for (const key of ["firstName", "lastName", "tinName", "specialty"] as const) {
      if (cell(key).length > 200) report(key, "longer than 200 characters");
    }

    // Year figures: all or nothing per row, keyed by the performance year.
    const yearText = cell("performanceYear");
    const anyYearValue = YEAR_COLUMNS.some((k) => cell(k) !== "");
    let year: RosterYearFigures | null = null;
    if (yearText !== "" || anyYearValue) {
      const performanceYear = Number(yearText);
      if (yearText === "") report("performanceYear", "statuses or figures are given without a performance year");
      else if (!/^\d{4}$/.test(yearText) || !isPerformanceYear(performanceYear)) report("performanceYear", `"${yearText}": ${unsupportedYearMessage(yearText)}`);
      const yesNo = (key: RosterColumnKey): boolean => {
        const value = parseYesNo(cell(key));
        if (value === null) report(key, `"${cell(key)}" is not yes or no`);
        return value ?? false;
      };
      const chargesText = cell("allowedCharges");
      const allowedChargesCents = chargesText === "" ? 0 : parseDollarsToCents(chargesText);
      if (allowedChargesCents === null) report("allowedCharges", `"${chargesText}" is not an amount in dollars`);
      const beneficiariesText = cell("partBBeneficiaries");
      const partBBeneficiaries = beneficiariesText === "" ? 0 : /^\d{1,9}$/.test(beneficiariesText) ? Number(beneficiariesText) : null;
      if (partBBeneficiaries === null) report("partBBeneficiaries", `"${beneficiariesText}" is not a whole number >= 0`);
      year = {
        performanceYear,
        nonPatientFacing: yesNo("nonPatientFacing"),
        hospitalBased: yesNo("hospitalBased"),
        ascBased: yesNo("ascBased"),
        rural: yesNo("rural"),
        hpsa: yesNo("hpsa"),
        allowedChargesCents: allowedChargesCents ?? 0,
        partBBeneficiaries: partBBeneficiaries ?? 0,
        newlyEnrolled: yesNo("newlyEnrolled"),
        advancedApmQp: yesNo("advancedApmQp"),
      };
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      row: record.row,
      tin: tin!,
      tinName: cell("tinName") || null,
      npi: npi!,
      firstName: firstName!,
      lastName: lastName!,
      clinicianType: clinicianType!,
      specialty: cell("specialty") || null,
      membershipStart: membershipStart!,
      membershipEnd,
      year,
    });
  }
  problems.push(...crossRowProblems(rows));
  problems.sort((a, b) => a.row - b.row);
  return { rows, problems, rowCount: data.length };
}

/** Rows that contradict each other: one TIN with two names, one NPI with two names or types, duplicates. */
function crossRowProblems(rows: readonly RosterImportRow[]): RosterImportProblem[] {
  const problems: RosterImportProblem[] = [];
  const tinNames = new Map<string, { name: string; row: number }>();
  const clinicianByNpi = new Map<string, RosterImportRow>();
  const membershipByPair = new Map<string, RosterImportRow>();
  const yearRows = new Map<string, number>();
  const col = (key: RosterColumnKey) => COLUMN_BY_KEY.get(key)!.header;
  for (const r of rows) {
    if (r.tinName) {
      const seen = tinNames.get(r.tin);
      if (!seen) tinNames.set(r.tin, { name: r.tinName, row: r.row });
      else if (seen.name !== r.tinName) problems.push({ row: r.row, column: col("tinName"), problem: `TIN ${r.tin} is named "${r.tinName}" here but "${seen.name}" in row ${seen.row}`, expected: "the same name for a TIN in every row (or leave it empty)" });
    }
    const first = clinicianByNpi.get(r.npi);
    if (!first) clinicianByNpi.set(r.npi, r);
    else {
      for (const key of ["firstName", "lastName", "clinicianType", "specialty"] as const) {
        if ((first[key] ?? "") !== (r[key] ?? "")) {
          problems.push({ row: r.row, column: col(key), problem: `NPI ${r.npi} has "${r[key] ?? ""}" here but "${first[key] ?? ""}" in row ${first.row}`, expected: "the same clinician details for an NPI in every row" });
        }
      }
    }
    const pair = `${r.tin}/${r.npi}`;
    const membership = membershipByPair.get(pair);
    if (!membership) membershipByPair.set(pair, r);
    else if (membership.membershipStart !== r.membershipStart || membership.membershipEnd !== r.membershipEnd) {
      problems.push({ row: r.row, column: col("membershipStart"), problem: `TIN ${r.tin} / NPI ${r.npi} has membership dates ${r.membershipStart}..${r.membershipEnd ?? ""} here but ${membership.membershipStart}..${membership.membershipEnd ?? ""} in row ${membership.row}`, expected: "the same membership dates for a TIN/NPI pair in every row" });
    }
    const yearKey = `${pair}/${r.year?.performanceYear ?? "-"}`;
    const dup = yearRows.get(yearKey);
    if (dup !== undefined) {
      problems.push({ row: r.row, column: null, problem: `TIN ${r.tin} / NPI ${r.npi}${r.year ? ` for ${r.year.performanceYear}` : ""} already appears in row ${dup}`, expected: "one row per TIN, NPI and performance year" });
    } else yearRows.set(yearKey, r.row);
  }
  return problems;
}

/** The header row of the roster CSV. */
export const ROSTER_HEADER: readonly string[] = ROSTER_COLUMNS.map((c) => c.header);
