/**
 * CSV reading with csv-parse (RFC 4180: quoted cells with commas, doubled quotes and line breaks; CRLF,
 * LF or CR, mixed; a UTF-8 byte-order mark dropped), whole texts (`parseCsvText`) or streams
 * (`csvRecordStream`), with the same row numbers and messages either way. Rows are numbered as a
 * spreadsheet shows them (the header is row 1), counting records, not physical lines; blank lines count
 * as rows but are not returned. A malformed quote is reported with its row and cell; csv-parse cannot
 * resynchronise after one, so only the first such problem of a file is reported (the file is refused).
 */
import { parse, type CsvError, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";

export interface CsvRecord {
  /** Row number as in a spreadsheet: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvProblem {
  row: number;
  message: string;
}

const OPTIONS: Options = {
  bom: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  relax_column_count: true,
  skip_records_with_error: true,
  info: true,
};

/** A csv-parse error in our words (what, where, what is expected). */
function describeError(error: CsvError): CsvProblem {
  const row = Number(error.records ?? 0) + 1;
  const cell = typeof error.index === "number" ? error.index + 1 : 1;
  switch (error.code) {
    case "CSV_INVALID_CLOSING_QUOTE":
      return { row, message: `text after a closing quote in cell ${cell}; a quoted cell must end at the comma (write "" for a quote inside it)` };
    case "INVALID_OPENING_QUOTE":
      return { row, message: `a quote inside unquoted cell ${cell}; quote the whole cell and double the quote ("")` };
    case "CSV_QUOTE_NOT_CLOSED":
      return { row, message: "a quoted cell is never closed (missing closing quote)" };
    default:
      return { row, message: `cannot be read as CSV (${error.message})` };
  }
}

const isBlank = (cells: readonly string[]) => cells.length === 1 && cells[0] === "";

/** Keeps the first problem only: what follows a malformed quote is csv-parse losing its place. */
function problemCollector() {
  const problems: CsvProblem[] = [];
  return {
    problems,
    onSkip(error: CsvError | undefined): undefined {
      if (error && problems.length === 0) problems.push(describeError(error));
      return undefined;
    },
  };
}

interface InfoRecord {
  record: string[];
  info: { records: number };
}

/** Parses CSV text into records and problems (parsing goes on as far as csv-parse can). */
export function parseCsvText(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const collector = problemCollector();
  const rows = parseSync(text, { ...OPTIONS, on_skip: collector.onSkip }) as unknown as InfoRecord[];
  const records: CsvRecord[] = [];
  for (const r of rows) if (!isBlank(r.record)) records.push({ row: r.info.records, cells: r.record });
  return { records, problems: collector.problems };
}

const SLICE = 16 * 1024;

export type CsvStreamItem = { kind: "record"; record: CsvRecord } | { kind: "problem"; problem: CsvProblem };

/** Reads CSV from a byte stream (Node Readable or any async iterable of chunks), one record at a time. */
export async function* csvRecordStream(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvStreamItem> {
  const collector = problemCollector();
  let reported = 0;
  const parser = parse({ ...OPTIONS, on_skip: collector.onSkip });
  const feeding = (async () => {
    try {
      for await (const chunk of source) {
        // In slices: csv-parse parses a whole write at once, and every record of it waits in memory to be read.
        for (let i = 0; i < chunk.length; i += SLICE) {
          if (!parser.write(chunk.slice(i, i + SLICE))) await new Promise<void>((resolve) => parser.once("drain", resolve));
        }
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  for await (const r of parser as AsyncIterable<InfoRecord>) {
    while (reported < collector.problems.length) yield { kind: "problem", problem: collector.problems[reported++]! };
    if (!isBlank(r.record)) yield { kind: "record", record: { row: r.info.records, cells: r.record } };
  }
  await feeding;
  while (reported < collector.problems.length) yield { kind: "problem", problem: collector.problems[reported++]! };
}
