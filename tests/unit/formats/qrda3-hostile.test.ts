/**
 * Hostile and malformed QRDA III input: each is refused with a clear BAD_INPUT message (what is wrong and
 * where), never resolved, fetched or expanded. Timings belong in the benchmark; these assert behaviour.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { MAX_XML_BYTES, readQrda3, readVendorFile } from "../../../lib/formats";
import { own, text } from "../../paths";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const tmp = mkdtempSync(join(tmpdir(), "mips-formats-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hostile files", () => {
  it("refuses an external entity (XXE) at its DOCTYPE, without reading the file it names", () => {
    const error = refusal(() => readQrda3(text(own("hostile/external-entity.xml")), "external-entity.xml"));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toMatch(/^external-entity\.xml contains a DOCTYPE declaration \(line \d+\); DTDs and entity declarations are refused/);
    expect(error.message).not.toMatch(/root:/); // nothing of /etc/passwd
  });

  it('refuses entity expansion ("billion laughs") at its DOCTYPE', () => {
    const error = refusal(() => readQrda3(text(own("hostile/billion-laughs.xml")), "billion-laughs.xml"));
    expect(error.message).toMatch(/billion-laughs\.xml contains a DOCTYPE declaration/);
  });

  it("refuses an entity reference that no DTD declares, instead of resolving it", () => {
    const error = refusal(() => readQrda3(text(own("hostile/undeclared-entity.xml")), "undeclared-entity.xml"));
    expect(error.message).toMatch(/^undeclared-entity\.xml is not well-formed XML \(line 5, column \d+: undefined entity/);
  });

  it("refuses a truncated document, saying it ends early", () => {
    const error = refusal(() => readQrda3(text(own("hostile/truncated.xml")), "truncated.xml"));
    expect(error.message).toMatch(/^truncated\.xml ends before the XML document is complete; is it truncated\? \(line \d+, column \d+: unclosed tag/);
  });

  it("refuses a document cut off right after its root start tag", () => {
    const whole = text(own("multi-vendor/vendor-a-clinician-1.xml"));
    const cut = whole.slice(0, whole.indexOf("<realmCode"));
    expect(refusal(() => readQrda3(cut, "cut.xml")).message).toMatch(/ends before the XML document is complete/);
  });

  it("refuses a file that is not XML (a PDF), whatever its name", () => {
    const error = refusal(() => readVendorFile(text(own("hostile/not-xml.pdf")), "report.xml"));
    expect(error.message).toBe('report.xml is neither a QRDA III XML file nor a QPP JSON file (it starts with neither "<" nor "{")');
    expect(refusal(() => readQrda3("hello, I am plain text", "plain.xml")).message).toMatch(/^plain\.xml is not well-formed XML/);
  });

  it("refuses a 60 MB file before parsing, by its size", () => {
    const path = join(tmp, "sixty-mb.xml");
    const filler = `<!-- ${"x".repeat(1024 * 1024 - 10)} -->\n`;
    const doc = `<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3">\n${filler.repeat(60)}</ClinicalDocument>\n`;
    writeFileSync(path, doc);
    expect(doc.length).toBeGreaterThan(MAX_XML_BYTES);
    const error = refusal(() => readQrda3(text(path), "sixty-mb.xml"));
    expect(error.message).toBe("sixty-mb.xml is too large: 60.0 MB (the limit for a QRDA III file is 50.0 MB)");
    // as bytes too (the web app hands over uploads as bytes)
    expect(refusal(() => readQrda3(new Uint8Array(MAX_XML_BYTES + 1), "upload.xml")).message).toMatch(/^upload\.xml is too large/);
  });

  it("refuses nesting deeper than the cap, naming the element path", () => {
    const depth = 5000;
    const doc = `<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="2.16.840.1.113883.10.20.27.1.1"/>${"<component>".repeat(depth)}${"</component>".repeat(depth)}</ClinicalDocument>`;
    const error = refusal(() => readQrda3(doc, "deep.xml"));
    expect(error.message).toMatch(/^deep\.xml nests elements deeper than 100 levels at \/ClinicalDocument\/component\[1\](\/component\[1\])+ \(line 1\); refused$/);
  });

  it("refuses UTF-16 and invalid UTF-8 bytes", () => {
    expect(refusal(() => readQrda3(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), "u16.xml")).message).toMatch(/UTF-16/);
    expect(refusal(() => readQrda3(new Uint8Array([0x3c, 0xc3, 0x28, 0x3e]), "bad.xml")).message).toMatch(/not UTF-8/);
  });
});

describe("documents that are not QRDA III", () => {
  it("refuses a CDA document without the QRDA III template, early, listing the templates found", () => {
    const doc = `<ClinicalDocument xmlns="urn:hl7-org:v3"><realmCode code="US"/><templateId root="2.16.840.1.113883.10.20.22.1.1"/><id root="x"/><component/></ClinicalDocument>`;
    expect(refusal(() => readQrda3(doc, "ccda.xml")).message).toBe(
      'ccda.xml is not a QRDA III document: /ClinicalDocument has no templateId with root "2.16.840.1.113883.10.20.27.1.1" (QRDA Category III Report); found 2.16.840.1.113883.10.20.22.1.1',
    );
  });

  it("refuses another root element, naming it and its namespace", () => {
    expect(refusal(() => readQrda3(`<svg xmlns="http://www.w3.org/2000/svg"/>`, "img.xml")).message).toBe(
      'img.xml is not a QRDA III document: its root element is <svg> in namespace "http://www.w3.org/2000/svg"; expected <ClinicalDocument> in namespace "urn:hl7-org:v3"',
    );
  });

  it("refuses a QRDA III document without a PI section and without any quality measure or activity", () => {
    const doc = text(own("multi-vendor/vendor-a-clinician-1.xml")).replace("2.16.840.1.113883.10.20.27.2.5", "2.16.840.1.113883.10.20.27.2.1");
    expect(refusal(() => readQrda3(doc, "quality-only.xml")).message).toMatch(
      /^quality-only\.xml has no Promoting Interoperability \(Advancing Care Information\) section: expected a section with templateId "2\.16\.840\.1\.113883\.10\.20\.27\.2\.5"; its measure sections hold no quality measure or improvement activity/,
    );
  });
});

describe("malformed PI data: every problem at once, with element path and measure id", () => {
  const base = text(own("multi-vendor/vendor-a-clinician-1.xml"));

  it("reports a fractional count, numerator > denominator, a bad Y/N code and a duplicate together", () => {
    const doc = base
      .replace('<value xsi:type="INT" value="100"/>', '<value xsi:type="INT" value="10.5"/>') // PI_EP_1 numerator
      .replace('<value xsi:type="INT" value="10"/>', '<value xsi:type="INT" value="30"/>') // PI_HIE_2 30 > 20
      .replace('<value xsi:type="CD" code="N"/>', '<value xsi:type="CD" code="MAYBE"/>') // PI_PHCDRR_1
      .replace('extension="PI_ONCDIR_1"', 'extension="PI_INFBLO_1"');
    const error = refusal(() => readQrda3(doc, "bad.xml"));
    expect(error.message).toBe("bad.xml: the PI section cannot be converted (4 problem(s))");
    const messages = error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'measure "PI_EP_1": numerator count "10.5" must be a whole number >= 0',
        'measure "PI_HIE_2": numerator 30 exceeds denominator 20',
        'measure "PI_PHCDRR_1": expected a measure-performed observation ("2.16.840.1.113883.10.20.27.3.27") with value/@code Y or N, found "MAYBE"',
      ]),
    );
    expect(messages.some((m) => /^measure "PI_INFBLO_1" is reported twice \(first at \/ClinicalDocument/.test(m))).toBe(true);
    for (const issue of error.issues) expect(issue.path).toMatch(/^\/ClinicalDocument\/component\[1\]\/structuredBody\[1\]\/component\[1\]\/section\[1\]\/entry\[\d+\]/);
  });

  it("refuses a missing period and a start after the end", () => {
    const noPeriod = base.replace("2.16.840.1.113883.10.20.17.3.8", "9.9.9");
    expect(refusal(() => readQrda3(noPeriod, "np.xml")).issues[0]?.message).toMatch(/^the PI section has no Reporting Parameters Act of its own: expected an act with templateId "2\.16\.840\.1\.113883\.10\.20\.17\.3\.8"/);
    const reversed = base.replace('<low value="20180101"/><high value="20180331"/>', '<low value="20180331"/><high value="20180101"/>');
    expect(refusal(() => readQrda3(reversed, "rev.xml")).issues[0]?.message).toBe(
      "the performance period ends (2018-01-01) before it starts (2018-03-31)",
    );
  });

  it("refuses a header with two TINs or no NPI for an individual", () => {
    const twoTins = base.replace(
      "</performer>",
      '</performer><performer><assignedEntity><id root="2.16.840.1.113883.4.6" extension="1234567893"/><representedOrganization><id root="2.16.840.1.113883.4.2" extension="987654321"/></representedOrganization></assignedEntity></performer>',
    );
    const error = refusal(() => readQrda3(twoTins, "two.xml"));
    expect(error.message).toBe("two.xml: the QRDA III header cannot be used (1 problem(s))");
    expect(error.issues[0]?.message).toBe("several TINs (123456789, 987654321); a report covers one TIN");
    const noNpi = base.replace('<id root="2.16.840.1.113883.4.6" extension="1234567893"/>', "");
    expect(refusal(() => readQrda3(noNpi, "nonpi.xml")).issues[0]?.message).toMatch(/an individual report needs the clinician's NPI/);
  });
});

describe("matching by namespace URI and template id, not prefix, order or whitespace", () => {
  it("reads vendor B's prefixed, reordered file", () => {
    const { submission } = readQrda3(text(own("multi-vendor/vendor-b-group.xml")), "vendor-b-group.xml");
    expect(submission).toMatchObject({ entityType: "group", taxpayerIdentificationNumber: "123456789" });
    const set = submission.measurementSets[0];
    expect(set).toMatchObject({ performanceStart: "2018-01-01", performanceEnd: "2018-03-31", cehrtId: "0015EBBBBBBBBBB" });
    expect(set?.measurements).toContainEqual({ measureId: "PI_HIE_1", value: { numerator: 15, denominator: 30 } });
    expect(set?.measurements).toContainEqual({ measureId: "PI_IACEHRT_1", value: true });
  });

  it("ignores elements of other namespaces that look like ours", () => {
    const base = text(own("multi-vendor/vendor-a-clinician-1.xml"));
    const spoof = base.replace(
      "<entry typeCode=\"DRIV\">",
      '<x:entry xmlns:x="urn:example:not-hl7"><x:organizer><x:templateId root="2.16.840.1.113883.10.20.27.3.29"/><x:reference><x:externalDocument><x:id extension="PI_PHCDRR_2"/></x:externalDocument></x:reference></x:organizer></x:entry><entry typeCode="DRIV">',
    );
    const ids = readQrda3(spoof, "spoof.xml").submission.measurementSets[0]?.measurements.map((m) => m.measureId);
    expect(ids).not.toContain("PI_PHCDRR_2");
  });
});
