/**
 * CSV for the roster and the measure files: reading with csv-parse (lib/csv/parse.ts: RFC 4180, quoted
 * cells with commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 byte-order mark is dropped), and a
 * writer that neutralises spreadsheet formulas. Rows are numbered as a spreadsheet shows them (the
 * header is row 1), counting records, not physical lines.
 */
import { parseCsvText, type CsvProblem, type CsvRecord } from "../csv/parse";

export type { CsvProblem, CsvRecord };

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Parses CSV text into records; malformed quoting is reported with its row and cell. */
export function parseCsv(text: string): CsvParseResult {
  return parseCsvText(text);
}

/** Cells a spreadsheet would run as a formula: starting with = + - @, tab or carriage return (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a would-be formula with a single quote so spreadsheets show it as text. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutralizeFormula` on import, so an exported file imports back unchanged. */
export function unneutralizeFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialises rows to CSV (CRLF line ends, RFC 4180), neutralising spreadsheet formulas in every cell. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((cells) => cells.map((c) => quoteCell(neutralizeFormula(c === null || c === undefined ? "" : String(c)))).join(",")).join("\r\n") + "\r\n";
}
