import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { seedDemo } from "@/server/seed/demo";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { callerAs } from "../helpers/tenant";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.close());

describe("demo roster seed", () => {
  it("2018: three Riverside TINs: one reweighted, one blocked by a single pending hardship, a virtual group of the two small TINs", async () => {
    const [admin] = await database.db.select().from(users).where(eq(users.email, "admin@riverside.test"));
    const api = callerAs(database.db, admin!);
    const list = await api.tins.list({ organization: "riverside", performanceYear: 2018 });
    expect(list.tins.filter((t) => t.name !== "Riverside Surgical Associates").map((t) => [t.name, t.reweighted, t.blockingCount])).toEqual([
      ["Riverside Family Practice", false, 1],
      ["Riverside Hospitalists", true, 0],
      ["Riverside Pediatrics", false, 5],
    ]);
    // Surgical Associates bills from 2025: nobody under it in 2018.
    expect(list.tins.find((t) => t.name === "Riverside Surgical Associates")?.eligibleClinicianCount).toBe(0);
    const family = list.tins.find((t) => t.name === "Riverside Family Practice")!;
    const detail = await api.tins.get({ organization: "riverside", tinId: family.id, performanceYear: 2018 });
    expect(detail.status.blocking.map((b) => b.name)).toEqual(["Casey Clinician"]);
    expect(detail.status.blocking[0]!.why).toMatch(/pending/);
    expect(detail.virtualGroup?.name).toBe("Riverside Small Practices");
    const clinicians = await api.clinicians.list({ organization: "riverside", pageSize: 100, performanceYear: 2018 });
    expect(clinicians.total).toBe(25 + 17);

    const [clinicianUser] = await database.db.select().from(users).where(eq(users.email, "clinician@riverside.test"));
    const mine = await callerAs(database.db, clinicianUser!).clinicians.list({ organization: "riverside" });
    expect(mine.clinicians.map((c) => `${c.firstName} ${c.lastName}`)).toEqual(["Casey Clinician"]);
  });

  for (const year of [2025, 2026]) {
    it(`${year}: Pediatrics reports as a group with two products over 181 days and scores live; two small practices are reweighted automatically; Surgical Associates is blocked by one clinician`, async () => {
      const [admin] = await database.db.select().from(users).where(eq(users.email, "admin@riverside.test"));
      const api = callerAs(database.db, admin!);
      const organization = "riverside";
      const list = await api.tins.list({ organization, performanceYear: year });
      expect(list.tins.map((t) => [t.name, t.eligibleClinicianCount, t.smallPractice, t.reweighted, t.blockingCount])).toEqual([
        ["Riverside Family Practice", 9, true, true, 0],
        ["Riverside Hospitalists", 8, true, true, 0],
        ["Riverside Pediatrics", 8, true, false, 0],
        ["Riverside Surgical Associates", 17, false, false, 1],
      ]);
      const surgical = list.tins.find((t) => t.name === "Riverside Surgical Associates")!;
      const detail = await api.tins.get({ organization, tinId: surgical.id, performanceYear: year });
      expect(detail.status.blocking.map((b) => b.name)).toEqual(["Theo Lindqvist"]);
      if (year === 2026) expect(detail.status.blocking[0]!.why).toMatch(/pending/);

      const pediatrics = list.tins.find((t) => t.name === "Riverside Pediatrics")!;
      const products = await api.cehrtProducts.list({ organization, tinId: pediatrics.id, performanceYear: year });
      expect(products).toHaveLength(2);
      const reports = await api.measureReports.list({ organization, tinId: pediatrics.id, performanceYear: year, page: 1, pageSize: 25 });
      expect(reports.reports.map((r) => [r.performanceStart, r.performanceEnd])).toEqual(Array(4).fill([`${year}-01-01`, `${year}-06-30`]));
      const { aggregation } = await api.tinReporting.aggregation({ organization, tinId: pediatrics.id, performanceYear: year });
      expect(aggregation.problems).toEqual([]);
      expect(aggregation.scoreProblems).toEqual([]);
      expect(aggregation.included).toHaveLength(4);
      const measureIds = aggregation.measures.map((m) => m.measureId);
      expect(measureIds).toEqual(expect.arrayContaining(["PI_PPHI_1", "PI_PPHI_2", "PI_EP_1", "PI_EP_2", "PI_PEA_1", "PI_PHCDRR_1", "PI_PHCDRR_1_PROD", "PI_PHCDRR_3", "PI_PHCDRR_3_PROD"]));
      expect(measureIds).toEqual(expect.arrayContaining(year === 2026 ? ["PI_HIE_1", "PI_HIE_4"] : ["PI_HIE_5"]));
      expect(aggregation.score?.score?.total).toBeGreaterThan(50);
      expect(aggregation.score?.score?.total).toBeLessThanOrEqual(100);

      const overview = await api.dashboards.overview({ organization, performanceYear: year });
      const row = (name: string) => overview.tins.find((t) => t.name === name)!;
      expect(row("Riverside Pediatrics")).toMatchObject({ status: "scored", piScore: aggregation.score!.score!.total });
      expect(row("Riverside Hospitalists").status).toBe("reweighted");
      expect(row("Riverside Family Practice").status).toBe("reweighted");
      expect(row("Riverside Surgical Associates")).toMatchObject({ status: "noData", blockingCount: 1 });
    });
  }
});
