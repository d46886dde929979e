/**
 * The safe XML parser's promises (lib/formats/xml/safe-parse.ts), each tested on its own so removing the
 * guard fails a test: any DOCTYPE is refused, even one that declares no entity; the kept-element cap.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { readQrda3 } from "../../../lib/formats";
import { MAX_KEPT_ELEMENTS, parseXmlSelectively } from "../../../lib/formats/xml/safe-parse";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const keepAll = { keep: () => true };

describe("DOCTYPE", () => {
  it.each([
    ["an external DTD, no entity", '<!DOCTYPE ClinicalDocument SYSTEM "file:///etc/passwd">'],
    ["a public identifier", '<!DOCTYPE ClinicalDocument PUBLIC "-//HL7//QRDA" "http://example.test/qrda.dtd">'],
    ["an empty internal subset", "<!DOCTYPE ClinicalDocument []>"],
  ])("is refused with %s, by the reader as the code promises", (_what, doctype) => {
    const xml = `<?xml version="1.0"?>\n${doctype}\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>x</title></ClinicalDocument>`;
    const error = refusal(() => readQrda3(xml, "doctype.xml"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toBe("doctype.xml contains a DOCTYPE declaration (line 2); DTDs and entity declarations are refused for safety, and QRDA III files never need one");
    // And by the parser itself, whatever the reader keeps.
    expect(refusal(() => parseXmlSelectively(xml, { source: "doctype.xml", ...keepAll })).message).toMatch(/^doctype\.xml contains a DOCTYPE declaration/);
  });
});

describe("kept-element cap", () => {
  const document = (children: number) => `<r>${"<a/>".repeat(children)}</r>`;

  it(`keeps exactly ${MAX_KEPT_ELEMENTS} elements (the root and ${MAX_KEPT_ELEMENTS - 1} children)`, () => {
    const root = parseXmlSelectively(document(MAX_KEPT_ELEMENTS - 1), { source: "many.xml", ...keepAll });
    expect(root.children).toHaveLength(MAX_KEPT_ELEMENTS - 1);
  });

  it("refuses one element more, naming the file, the cap and where it was reached", () => {
    const error = refusal(() => parseXmlSelectively(document(MAX_KEPT_ELEMENTS), { source: "many.xml", ...keepAll }));
    expect(error.message).toBe(`many.xml has more than ${MAX_KEPT_ELEMENTS} elements in the parts read (at /r/a[${MAX_KEPT_ELEMENTS}]); refused`);
  });

  it("counts only kept elements: the same document passes when the reader keeps none of them", () => {
    const root = parseXmlSelectively(document(MAX_KEPT_ELEMENTS), { source: "many.xml", keep: () => false });
    expect(root.children).toHaveLength(0);
  });
});
