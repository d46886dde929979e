/**
 * The import commit writes in multi-row statements of 1,000 rows: a file of 1,001 reports (2,002 values)
 * crosses every chunk boundary (reports, values, replaced ids) and must store exactly what the file holds,
 * then replace all of it from a second file, all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sum } from "drizzle-orm";
import { auditLog, measureReports, measureValues } from "@/db/schema";
import { toCsv } from "@/lib/roster/csv";
import { syntheticNpi } from "@/lib/roster/generate";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { commitImport as commitRoster } from "@/server/services/roster/roster-import";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs, createTestTenant, type TestTenant } from "../helpers/tenant";
import { refusal, textFile } from "./setup";

const REPORTS = 1_001;
const TIN = "700800900";
let database: TestDatabase;
let t: TestTenant;

function measureCsv(numerator: number, badRow?: number) {
  const lines = ["performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no,vendor"];
  for (let i = 0; i < REPORTS; i++) {
    const npi = syntheticNpi(70_000_000 + i);
    lines.push(`2018,${TIN},${npi},0015EBATCH00001,2018-01-01,2018-12-31,PI_EP_1,${i === badRow ? 20 : numerator},10,,Batch EHR Inc`);
    lines.push(`2018,${TIN},${npi},0015EBATCH00001,2018-01-01,2018-12-31,PI_PPHI_1,,,yes,`);
  }
  return lines.join("\n");
}

beforeAll(async () => {
  database = await createTestDatabase();
  t = await createTestTenant(database.db, "batches");
  const rows = Array.from({ length: REPORTS }, (_, i) => [TIN, "Batch Practice", syntheticNpi(70_000_000 + i), `F${i}`, `L${i}`, "physician", "", "2017-01-01", "", "", "", "", "", "", "", "", "", "", ""]);
  await commitRoster(database.db, t.adminScope, { csv: toCsv([ROSTER_HEADER, ...rows]), fileName: "roster.csv" });
});
afterAll(() => database.close());

async function stored() {
  const where = and(eq(measureReports.organizationId, t.organization.id), eq(measureReports.performanceYear, 2018));
  const [reports] = await database.db.select({ n: count() }).from(measureReports).where(where);
  const [values] = await database.db
    .select({ n: count(), numerators: sum(measureValues.numerator) })
    .from(measureValues)
    .where(eq(measureValues.organizationId, t.organization.id));
  return { reports: reports!.n, values: values!.n, numerators: Number(values!.numerators) };
}

describe("batched import commit", () => {
  it("stores 1,001 reports and 2,002 values, replaces them all from a second file, and refuses a bad third file whole", async () => {
    const admin = callerAs(database.db, t.admin);
    const o = { organization: t.organization.slug };
    const first = await admin.dataImports.commit({ ...o, files: [textFile("batch-1.csv", measureCsv(3))] });
    expect(first).toMatchObject({ added: REPORTS, replaced: 0, productsAdded: 1 });
    expect(await stored()).toEqual({ reports: REPORTS, values: 2 * REPORTS, numerators: 3 * REPORTS });

    const second = await admin.dataImports.commit({ ...o, files: [textFile("batch-2.csv", measureCsv(7))] });
    expect(second).toMatchObject({ added: 0, replaced: REPORTS, productsAdded: 0 });
    expect(await stored()).toEqual({ reports: REPORTS, values: 2 * REPORTS, numerators: 7 * REPORTS });

    // One bad row (numerator above denominator) in the last chunk: nothing changes.
    const bad = await refusal(admin.dataImports.commit({ ...o, files: [textFile("batch-3.csv", measureCsv(9, REPORTS - 1))] }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await stored()).toEqual({ reports: REPORTS, values: 2 * REPORTS, numerators: 7 * REPORTS });

    // One audit entry per committed file (plus the product added by the first).
    const imported = await database.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.organizationId, t.organization.id), eq(auditLog.action, "measure_report.imported")));
    expect(imported[0]!.n).toBe(2);
  });
});
