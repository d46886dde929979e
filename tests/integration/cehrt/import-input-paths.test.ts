/**
 * Untrusted input through the routers, not just lib/: hostile XML, a PDF and bad base64 through
 * `dataImports`, its upload-size and file-count caps, and an empty or header-only roster CSV. Each is
 * refused with a message naming the file and what is expected, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { clinicians, dataImports, measureReports } from "@/db/schema";
import { own, text } from "../../paths";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, refusal, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;
let t: CehrtTenant;
beforeAll(async () => {
  database = await createTestDatabase();
  t = await createCehrtTenant(database.db, "input-paths");
});
afterAll(() => database.close());

const org = () => ({ organization: t.organization.slug });
const admin = () => callerAs(database.db, t.admin);

async function nothingStored() {
  const n = async (table: typeof measureReports | typeof dataImports) => (await database.db.select({ n: count() }).from(table).where(eq(table.organizationId, t.organization.id)))[0]!.n;
  expect({ reports: await n(measureReports), imports: await n(dataImports) }).toEqual({ reports: 0, imports: 0 });
}

describe("dataImports with hostile or wrong files", () => {
  it.each([
    ["billion-laughs.xml", text(own("hostile/billion-laughs.xml")), /billion-laughs\.xml contains a DOCTYPE declaration/],
    ["external-entity.xml", text(own("hostile/external-entity.xml")), /external-entity\.xml contains a DOCTYPE declaration/],
  ])("refuses %s (entity expansion / external entity) at preview and commit", async (name, content, message) => {
    const preview = await admin().dataImports.preview({ ...org(), files: [textFile(name, content)] });
    expect(preview.canCommit).toBe(false);
    expect(preview.files[0]!.problems.map((p) => p.message).join(" ")).toMatch(message);
    expect(preview.files[0]!.problems.map((p) => p.message).join(" ")).not.toMatch(/root:/);
    const refused = await refusal(admin().dataImports.commit({ ...org(), files: [textFile(name, content)] }));
    expect(refused.code).toBe("BAD_REQUEST");
    await nothingStored();
  });

  it("refuses a PDF renamed .xml and a PDF as itself, saying what it is and what is expected (not CSV column complaints)", async () => {
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF").toString("base64");
    const preview = await admin().dataImports.preview({ ...org(), files: [{ fileName: "report.xml", contentBase64: pdf }, { fileName: "report.pdf", contentBase64: pdf }] });
    expect(preview.canCommit).toBe(false);
    expect(preview.files.map((f) => f.problems)).toEqual(
      ["report.xml", "report.pdf"].map((name) => [{ path: name, message: `${name} is a PDF document, not measure data: expected a QRDA III XML, QPP JSON or CSV export of PI data` }]),
    );
    expect((await refusal(admin().dataImports.commit({ ...org(), files: [{ fileName: "report.pdf", contentBase64: pdf }] }))).code).toBe("BAD_REQUEST");
    await nothingStored();
  });

  it("refuses content that is not base64, naming the field", async () => {
    const refused = await refusal(admin().dataImports.preview({ ...org(), files: [{ fileName: "a.csv", contentBase64: "not base64 at all!" }] }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.issues.map((i) => i.path)).toEqual(["files.0.contentBase64"]);
    await nothingStored();
  });

  it("caps the number of files at 20 and the size of each upload", async () => {
    const csv = textFile("x.csv", "performance_year\n");
    const many = await refusal(admin().dataImports.preview({ ...org(), files: Array.from({ length: 21 }, (_, i) => ({ ...csv, fileName: `f${i}.csv` })) }));
    expect(many.code).toBe("BAD_REQUEST");
    expect(many.issues).toEqual([expect.objectContaining({ path: "files" })]);
    const huge = "A".repeat(27_962_036); // just over the base64 of a 20 MiB file
    const big = await refusal(admin().dataImports.preview({ ...org(), files: [{ fileName: "big.csv", contentBase64: huge }] }));
    expect(big.code).toBe("BAD_REQUEST");
    expect(big.issues).toEqual([expect.objectContaining({ path: "files.0.contentBase64" })]);
    await nothingStored();
  });
});

describe("rosterImport with an empty or header-only CSV", () => {
  it.each([
    ["header-only", "tin,tin_name,npi\n"],
    ["blank lines", "\n\n"],
  ])("refuses a %s file with a message saying there are no rows, and imports nothing", async (_what, csv) => {
    const before = (await database.db.select({ n: count() }).from(clinicians).where(eq(clinicians.organizationId, t.organization.id)))[0]!.n;
    const preview = await admin().rosterImport.preview({ ...org(), csv });
    expect(preview.ok).toBe(false);
    expect(preview.problems[0]).toMatchObject({ row: 1, problem: expect.stringMatching(/the file has no header row|the required column "First name" is missing/) });
    expect((await refusal(admin().rosterImport.commit({ ...org(), csv }))).code).toBe("BAD_REQUEST");
    const after = (await database.db.select({ n: count() }).from(clinicians).where(eq(clinicians.organizationId, t.organization.id)))[0]!.n;
    expect(after).toBe(before);
  });

  it("refuses an empty string at the input, naming the field", async () => {
    const refused = await refusal(admin().rosterImport.preview({ ...org(), csv: "" }));
    expect(refused.issues.map((i) => i.path)).toEqual(["csv"]);
  });
});
