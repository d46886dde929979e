/**
 * The corpus test (issue 12): every fixture file (CMS's QRDA III samples in ../shared/fixtures/qrda3,
 * including 2025/, negative/ and odd/; CMS's QPP JSON examples; our own tests/fixtures/formats) has a
 * statement here of what it must give. Every conversion validates with our QPP JSON validator (the one
 * `validateSubmission`), and every submission, QPP JSON fixture or converted QRDA III, round-trips:
 * read -> export (the JSON the portal downloads) -> read gives the same submission.
 * A new fixture file fails the first test until it is stated here. Detailed expectations per file (CMS's
 * expected PI sets, warnings, messages) live in qrda3-cms-samples, vendor-files-by-year and qrda3-hostile.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../lib/errors";
import { readQppJson, readVendorFile } from "../../../lib/formats";
import { validateSubmission, type Submission } from "../../../lib/mips";
import { ownFixtures, qppJsonDir, qrda3Dir, sharedFixtures } from "../../paths";

type Statement =
  /** Converts: year, entity type, and per set `category:measurement count`, in order. */
  | { gives: { year: number; entityType: Submission["entityType"]; sets: string } }
  /** Refused as a whole, with a message matching. */
  | { refused: RegExp }
  /** Not a vendor file (licence, expected output of another file): why it is here. */
  | { data: string };

const STATEMENTS: Record<string, Statement> = {
  // CMS's 2025 samples (README there: what CMS's converter produces).
  "qrda3/2025/App1-Group-QRDA-III.xml": { gives: { year: 2025, entityType: "group", sets: "pi:3,quality:1" } },
  "qrda3/2025/App1-Indv-QRDA-III.xml": { gives: { year: 2025, entityType: "individual", sets: "pi:3,quality:1" } },
  "qrda3/2025/Mvp_Mips-Group-Sample.xml": { gives: { year: 2025, entityType: "group", sets: "quality:1" } },
  "qrda3/2025/valid-QRDA-III-latest-2025.xml": { gives: { year: 2025, entityType: "individual", sets: "pi:1,quality:2,ia:2" } },
  // CMS's 2018 samples.
  "qrda3/CPCPlus_No_Quality_Section.xml": { gives: { year: 2018, entityType: "group", sets: "pi:29,ia:92" } },
  "qrda3/CPCPlus_WithOnlyACI_SampleQRDA-III.xml": { gives: { year: 2018, entityType: "group", sets: "pi:3" } },
  "qrda3/MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml": { gives: { year: 2018, entityType: "group", sets: "pi:28,quality:9,ia:85" } },
  "qrda3/demo-mips-virtual-group.xml": { gives: { year: 2018, entityType: "virtualGroup", sets: "pi:2,quality:4,ia:2" } },
  "qrda3/valid-QRDA-III-abridged.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:3,ia:1" } },
  "qrda3/valid-QRDA-III-latest.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:1,quality:4,ia:2" } },
  "qrda3/valid-QRDA-III-abridged.expected.json": { data: "CMS's expected output for valid-QRDA-III-abridged.xml (compared in qrda3-cms-samples)" },
  "qrda3/valid-QRDA-III-latest.pi-section.expected.json": { data: "CMS's expected PI set for valid-QRDA-III-latest.xml (compared in qrda3-cms-samples)" },
  "qrda3/LICENSE-CC0.txt": { data: "the samples' licence" },
  // Files CMS refuses: refused here too.
  "qrda3/negative/not-a-QDRA-III-file.xml": { refused: /is not a QRDA III document: its root element is <ClinicalDocument> without a namespace/ },
  "qrda3/odd/AciMeasurePerformedGarbage.xml": { refused: /: the PI section cannot be converted/ },
  "qrda3/odd/QRDA-III-without-required-measure.xml": { refused: /the PI section has no Reporting Parameters Act of its own/ },
  // CMS's QPP JSON examples.
  "qpp-json/cms-2018-pi-submission-example.json": { gives: { year: 2018, entityType: "individual", sets: "pi:9" } },
  "qpp-json/cms-2018-pi-scoring-output-example.json": { refused: /is not a valid QPP submission/ },
  // Our own fixtures.
  "formats/hostile/billion-laughs.xml": { refused: /contains a DOCTYPE declaration/ },
  "formats/hostile/external-entity.xml": { refused: /contains a DOCTYPE declaration/ },
  "formats/hostile/truncated.xml": { refused: /ends before the XML document is complete/ },
  "formats/hostile/undeclared-entity.xml": { refused: /is not well-formed XML .*undefined entity/ },
  // (The import names it "a PDF document" by its first bytes before reading; the reader refuses its bytes.)
  "formats/hostile/not-xml.pdf": { refused: /^formats\/hostile\/not-xml\.pdf is not UTF-8 text \(is it a binary file\?\)/ },
  "formats/multi-vendor/other-period.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:8" } },
  "formats/multi-vendor/other-tin.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:8" } },
  "formats/multi-vendor/vendor-a-clinician-1.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:9" } },
  "formats/multi-vendor/vendor-a-clinician-2.xml": { gives: { year: 2018, entityType: "individual", sets: "pi:8" } },
  "formats/multi-vendor/vendor-b-group.xml": { gives: { year: 2018, entityType: "group", sets: "pi:8" } },
  "formats/multi-vendor/vendor-c-clinician-3.json": { gives: { year: 2018, entityType: "individual", sets: "pi:4" } },
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every fixture file, named relative to its fixtures root (`qrda3/...`, `qpp-json/...`, `formats/...`). */
const FILES = new Map<string, string>([
  ...[...walk(qrda3Dir), ...walk(qppJsonDir)].map((p) => [relative(sharedFixtures, p), p] as const),
  ...walk(ownFixtures).map((p) => [relative(join(ownFixtures, ".."), p), p] as const),
]);

function read(name: string) {
  return readVendorFile(readFileSync(FILES.get(name)!), name);
}

function sets(submission: Submission): string {
  return submission.measurementSets.map((s) => `${s.category}:${s.measurements.length}`).join(",");
}

const converting = Object.entries(STATEMENTS).flatMap(([name, s]) => ("gives" in s ? [name] : []));

describe("fixture corpus", () => {
  it("every fixture file has a statement here, and every statement a file", () => {
    expect([...FILES.keys()].sort()).toEqual(Object.keys(STATEMENTS).sort());
  });

  it.each(Object.entries(STATEMENTS).filter(([, s]) => !("data" in s)))("%s gives what it must", (name, statement) => {
    if ("refused" in statement) {
      let error: unknown;
      try {
        read(name);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(statement.refused);
      return;
    }
    if (!("gives" in statement)) return;
    const { submission } = read(name);
    expect({ year: submission.performanceYear, entityType: submission.entityType, sets: sets(submission) }).toEqual(statement.gives);
  });

  it.each(converting)("%s: the conversion validates with the QPP JSON validator", (name) => {
    const { submission } = read(name);
    const valid = validateSubmission(JSON.parse(JSON.stringify(submission)));
    expect(valid.ok ? [] : valid.issues).toEqual([]);
    // Quality and IA problems are findings; none of the fixtures has one.
    expect(valid.ok && valid.findings).toEqual([]);
  });

  it.each(converting)("%s round-trips: read -> export -> read gives the same submission", (name) => {
    const first = read(name).submission;
    const exported = JSON.stringify(first, null, 2);
    const again = readQppJson(exported, `${name} (exported)`).submission;
    expect(again).toStrictEqual(first);
    // And once more: the export of the re-read file is byte-identical.
    expect(JSON.stringify(again, null, 2)).toBe(exported);
  });
});
