import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvRecordStream, parseCsvText, type CsvStreamItem } from "@/lib/csv/parse";
import { toCsv } from "@/lib/roster/csv";

async function collect(chunks: (string | Buffer)[]): Promise<CsvStreamItem[]> {
  const out: CsvStreamItem[] = [];
  for await (const item of csvRecordStream(Readable.from(chunks))) out.push(item);
  return out;
}

describe("csvRecordStream", () => {
  it("reads records split anywhere across chunks (a quoted line break, a CRLF, a BOM) like the whole text", async () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n\nlast,row\n';
    const whole = parseCsvText(text);
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const items = await collect(chunks);
      expect(items.filter((i) => i.kind === "problem")).toEqual([]);
      expect(items.flatMap((i) => (i.kind === "record" ? [i.record] : []))).toEqual(whole.records);
    }
    // The blank line counts as row 4 (a spreadsheet's numbering) but is not returned.
    expect(whole.records.map((r) => r.row)).toEqual([1, 2, 3, 5]);
  });

  it("reports a malformed quote with its row and cell, as the whole-text reader does", async () => {
    const items = await collect(['a,b\nok,1\n"x"y,z\n']);
    expect(items.filter((i) => i.kind === "problem")).toEqual([{ kind: "problem", problem: { row: 3, message: expect.stringMatching(/text after a closing quote in cell 1/) } }]);
    expect(parseCsvText('a,b\nx,"y"z\n').problems).toEqual([{ row: 2, message: expect.stringMatching(/text after a closing quote in cell 2/) }]);
    expect(parseCsvText('a,b\nx,y"z\n').problems).toEqual([{ row: 2, message: expect.stringMatching(/a quote inside unquoted cell 2/) }]);
  });

  it("streams any table written by toCsv back unchanged (property)", async () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 9 }), async (rows, size) => {
        const bytes = Buffer.from(toCsv(rows));
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const items = await collect(chunks);
        expect(items.flatMap((i) => (i.kind === "record" ? [i.record.cells] : []))).toEqual(rows);
      }),
      { numRuns: 50 },
    );
  });
});
