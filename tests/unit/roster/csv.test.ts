import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { neutralizeFormula, parseCsv, toCsv, unneutralizeFormula } from "@/lib/roster/csv";

describe("parseCsv", () => {
  it("reads quoted cells with commas, doubled quotes and line breaks; numbers rows as a spreadsheet does", () => {
    const { records, problems } = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n\n');
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { row: 1, cells: ["a", "b"] },
      { row: 2, cells: ["x, y", 'say "hi"'] },
      { row: 3, cells: ["multi\nline", "z"] },
    ]);
  });

  it("reports an unclosed quote and text after a closing quote with their rows", () => {
    expect(parseCsv('a\n"open').problems).toEqual([{ row: 2, message: expect.stringMatching(/never closed/) }]);
    expect(parseCsv('a,b\n"x"y,z').problems).toEqual([{ row: 2, message: expect.stringMatching(/text after a closing quote in cell 1/) }]);
  });

  it("round-trips any table through toCsv (property)", () => {
    const cell = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const parsed = parseCsv(toCsv(rows));
        expect(parsed.problems).toEqual([]);
        // Rows made of a single empty cell are skipped as blank lines; our rows have 2+ cells.
        expect(parsed.records.map((r) => r.cells)).toEqual(rows);
      }),
    );
  });
});

describe("formula neutralisation", () => {
  it.each(["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])("prefixes %j with a quote on export and removes it on import", (value) => {
    expect(neutralizeFormula(value)).toBe(`'${value}`);
    expect(unneutralizeFormula(neutralizeFormula(value))).toBe(value);
  });
  it("leaves ordinary cells alone, including a plain leading quote", () => {
    expect(neutralizeFormula("Smith")).toBe("Smith");
    expect(unneutralizeFormula("'quoted")).toBe("'quoted");
    expect(toCsv([["=1+1", "ok"]])).toBe("'=1+1,ok\r\n");
  });
});
