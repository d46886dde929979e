/** Export CSV: formulas neutralised in text cells (not in numbers), quoting, streaming page by page, and a round trip through the CSV parser. */
import { describe, expect, it } from "vitest";
import { csvLine, csvStream, pagesOf } from "../../../lib/csv/stream";
import { parseCsv, unneutralizeFormula } from "../../../lib/roster/csv";

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

describe("export CSV", () => {
  it("neutralises would-be formulas in text, keeps negative numbers as numbers, quotes commas and quotes", () => {
    expect(csvLine(["=HYPERLINK(\"x\")", "+1", "@SUM", -5, "a,b", 'say "hi"', null, true])).toBe(`"'=HYPERLINK(""x"")",'+1,'@SUM,-5,"a,b","say ""hi""",,yes\r\n`);
  });

  it("streams the header then each page, and reads back to the same cells", async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`Clinic ${i}`, i, i % 2 ? "=cmd" : "ok, fine"]);
    let fetched = 0;
    const pages = pagesOf(async (page) => {
      fetched++;
      return { rows: rows.slice((page - 1) * 1000, page * 1000), total: rows.length, pageSize: 1000 };
    });
    const out = await text(csvStream(["Name", "Number", "Note"], pages));
    expect(fetched).toBe(3);
    const parsed = parseCsv(out.replace(/^\uFEFF/, ""));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records[0]!.cells).toEqual(["Name", "Number", "Note"]);
    expect(parsed.records.length).toBe(2501);
    expect(parsed.records.slice(1).map(({ cells: r }) => [r[0], Number(r[1]), unneutralizeFormula(r[2]!)])).toEqual(rows);
  });
});
