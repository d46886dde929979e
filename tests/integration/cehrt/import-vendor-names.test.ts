/**
 * A CEHRT ID new to its TIN: the preview lists it once with the vendor the file names (QRDA III author or
 * custodian organization, a CSV `vendor` column; QPP JSON names none), the commit creates the product under
 * the name the user gave (trimmed, at most 200 characters) and audits it; a blank, missing or too long name
 * refuses the whole import and stores nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, cehrtProducts, measureReports } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, fileInput, MULTI_VENDOR, refusal, textFile, type CehrtTenant } from "./setup";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const CSV = [
  "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no,vendor",
  "2018,123456789,1245319599,0015ECSVCSVCSV1,2018-07-01,2018-09-30,PI_PEA_1,5,10,,",
  "2018,123456789,1245319599,0015ECSVCSVCSV1,2018-07-01,2018-09-30,PI_EP_1,3,10,, Riverside  Charts Inc ",
].join("\n");

/** Vendor C's QPP JSON with a CEHRT ID (QPP JSON names no vendor). */
function jsonWithCehrtId() {
  const body = JSON.parse(readFileSync(path.join(MULTI_VENDOR, "vendor-c-clinician-3.json"), "utf8")) as { measurementSets: Record<string, unknown>[] };
  body.measurementSets[0]!.cehrtId = "0015ECCCCCCCCCC";
  return textFile("vendor-c.json", JSON.stringify(body));
}

async function tenant(label: string) {
  const t = await createCehrtTenant(database.db, label);
  return { t, api: callerAs(database.db, t.admin), o: { organization: t.organization.slug } };
}

async function stored(t: CehrtTenant) {
  const products = await database.db.select().from(cehrtProducts).where(eq(cehrtProducts.organizationId, t.organization.id));
  const reports = await database.db.select().from(measureReports).where(eq(measureReports.organizationId, t.organization.id));
  return { products, reports };
}

describe("vendor names of new CEHRT products", () => {
  it("the preview lists each new CEHRT ID once, prefilled from the author, the custodian and the CSV column; QPP JSON leaves it blank", async () => {
    const { api, o } = await tenant("vendor-preview");
    const files = [
      fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml"),
      fileInput(MULTI_VENDOR, "vendor-a-clinician-2.xml"),
      fileInput(MULTI_VENDOR, "vendor-b-group.xml"),
      jsonWithCehrtId(),
      textFile("q3.csv", CSV),
    ];
    const preview = await api.dataImports.preview({ ...o, files });
    expect(preview.problemCount).toBe(0);
    const byId = Object.fromEntries(preview.newProducts.map((p) => [p.cehrtId, p]));
    expect(byId["0015EAAAAAAAAAA"]).toEqual({ cehrtId: "0015EAAAAAAAAAA", suggestedVendor: "Vendor A Health IT", tins: ["12-3456789"], files: ["vendor-a-clinician-1.xml", "vendor-a-clinician-2.xml"] });
    expect(byId["0015EBBBBBBBBBB"]).toMatchObject({ suggestedVendor: "Vendor B Systems", files: ["vendor-b-group.xml"] });
    expect(byId["0015ECSVCSVCSV1"]).toMatchObject({ suggestedVendor: "Riverside Charts Inc", files: ["q3.csv"] });
    expect(byId["0015ECCCCCCCCCC"]).toMatchObject({ suggestedVendor: null, files: ["vendor-c.json"] });
    expect(preview.newProducts).toHaveLength(4);
  });

  it("creates the product under the name the user gave (trimmed), audited with its file", async () => {
    const { t, api, o } = await tenant("vendor-commit");
    const outcome = await api.dataImports.commit({
      ...o,
      files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml")],
      vendors: [{ cehrtId: "0015EAAAAAAAAAA", vendor: "  Acme   Health\tIT  " }],
    });
    expect(outcome).toMatchObject({ added: 1, productsAdded: 1 });
    const { products } = await stored(t);
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ vendor: "Acme Health IT", productName: "imported from vendor-a-clinician-1.xml", cehrtId: "0015EAAAAAAAAAA", edition: "2015" });
    const [entry] = await database.db.select().from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.targetId, products[0]!.id), eq(auditLog.action, "cehrt_product.created")));
    expect(entry?.actorUserId).toBe(t.admin.id);
    expect(entry?.after).toMatchObject({ vendor: "Acme Health IT", source: "vendor-a-clinician-1.xml" });
    // The next import of the same CEHRT ID uses the registered product and asks nothing.
    const again = await api.dataImports.preview({ ...o, files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-2.xml")] });
    expect(again.newProducts).toEqual([]);
    expect(again.files[0]!.reports[0]!.productLabel).toBe("Acme Health IT imported from vendor-a-clinician-1.xml");
  });

  it("takes the file's name when the caller gives none", async () => {
    const { t, api, o } = await tenant("vendor-prefill");
    await api.dataImports.commit({ ...o, files: [fileInput(MULTI_VENDOR, "vendor-b-group.xml")] });
    expect((await stored(t)).products.map((p) => p.vendor)).toEqual(["Vendor B Systems"]);
  });

  it("refuses a blank, missing or too long name with the CEHRT ID and its file, and stores nothing", async () => {
    const { t, api, o } = await tenant("vendor-refused");
    const cases = [
      { files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml")], vendors: [{ cehrtId: "0015EAAAAAAAAAA", vendor: "   " }], message: /new to TIN 12-3456789 \(in vendor-a-clinician-1\.xml\): enter the vendor's name/ },
      { files: [jsonWithCehrtId()], vendors: [], message: /enter the vendor's name/ },
      { files: [fileInput(MULTI_VENDOR, "vendor-a-clinician-1.xml")], vendors: [{ cehrtId: "0015EAAAAAAAAAA", vendor: "V".repeat(201) }], message: /201 characters; a vendor's name has at most 200/ },
    ];
    for (const c of cases) {
      const refused = await refusal(api.dataImports.commit({ ...o, files: c.files, vendors: c.vendors }));
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toMatch(/Nothing was imported: name the vendor of 1 new CEHRT product/);
      expect(refused.issues).toEqual([{ path: expect.stringMatching(/^vendor of CEHRT ID 0015E/), message: expect.stringMatching(c.message) }]);
    }
    expect(await stored(t)).toEqual({ products: [], reports: [] });
  });
});
