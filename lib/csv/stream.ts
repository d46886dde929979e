/**
 * CSV for exports (RFC 4180, CRLF), written line by line so a large table streams instead of being
 * built in memory. Text cells that a spreadsheet would run as a formula (= + - @, tab, CR) are
 * neutralised with a leading quote (OWASP CSV injection); numbers are written as numbers.
 */
import { neutralizeFormula } from "../roster/csv";

export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(cell).join(",") + "\r\n";
}

/** A byte stream of the header and then every row the pages yield (each page fetched only when the reader wants more). */
export function csvStream(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvCell[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte order mark so spreadsheets read UTF-8 names correctly.
        controller.enqueue(encoder.encode("\uFEFF" + csvLine(header)));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** Pages of a paged list until a short page: `fetch(page)` returns the rows of that page. */
export async function* pagesOf<T>(fetch: (page: number) => Promise<{ rows: T[]; total: number; pageSize: number }>): AsyncGenerator<T[]> {
  for (let page = 1; ; page++) {
    const { rows, total, pageSize } = await fetch(page);
    if (rows.length) yield rows;
    if (rows.length < pageSize || page * pageSize >= total) return;
  }
}
