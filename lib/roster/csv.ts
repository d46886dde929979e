/**
 * A small RFC 4180 CSV reader and writer (no dependency): quoted fields with commas, quotes ("") and
 * line breaks; CRLF or LF; a UTF-8 byte-order mark is dropped. Rows are numbered as a spreadsheet shows
 * them (the header is row 1), counting records, not physical lines.
 */

export interface CsvRecord {
  /** Row number as in a spreadsheet: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvProblem {
  row: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Parses CSV text into records; malformed quoting is reported with its row and parsing goes on. */
export function parseCsv(text: string): CsvParseResult {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let cells: string[] = [];
  let field = "";
  let row = 1;
  let i = 0;
  let inQuotes = false;
  let quotedField = false;
  let fieldStarted = false;
  const n = input.length;

  const endField = () => {
    cells.push(field);
    field = "";
    quotedField = false;
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line (one empty cell) is skipped, not reported: spreadsheets leave them at the end.
    if (!(cells.length === 1 && cells[0] === "")) records.push({ row, cells });
    cells = [];
    row++;
  };

  while (i < n) {
    const ch = input[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        const next = input[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          problems.push({ row, message: `text after a closing quote in cell ${cells.length + 1}; a quoted cell must end at the comma (write "" for a quote inside it)` });
          // Keep the stray text so nothing is silently dropped.
          while (i < n && input[i] !== "," && input[i] !== "\n" && input[i] !== "\r") field += input[i++];
        }
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      quotedField = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && input[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (ch === '"') {
      problems.push({ row, message: `a quote inside unquoted cell ${cells.length + 1}; quote the whole cell and double the quote ("")` });
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (inQuotes) problems.push({ row, message: "a quoted cell is never closed (missing closing quote)" });
  if (fieldStarted || quotedField || cells.length > 0) endRecord();
  return { records, problems };
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
