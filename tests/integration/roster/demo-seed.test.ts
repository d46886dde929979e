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
    expect(list.tins.map((t) => [t.name, t.reweighted, t.blockingCount])).toEqual([
      ["Riverside Family Practice", false, 1],
      ["Riverside Hospitalists", true, 0],
      ["Riverside Pediatrics", false, 5],
    ]);
    const family = list.tins.find((t) => t.name === "Riverside Family Practice")!;
    const detail = await api.tins.get({ organization: "riverside", tinId: family.id, performanceYear: 2018 });
    expect(detail.status.blocking.map((b) => b.name)).toEqual(["Casey Clinician"]);
    expect(detail.status.blocking[0]!.why).toMatch(/pending/);
    expect(detail.virtualGroup?.name).toBe("Riverside Small Practices");
    const clinicians = await api.clinicians.list({ organization: "riverside", pageSize: 100 });
    expect(clinicians.total).toBe(25);

    const [clinicianUser] = await database.db.select().from(users).where(eq(users.email, "clinician@riverside.test"));
    const mine = await callerAs(database.db, clinicianUser!).clinicians.list({ organization: "riverside" });
    expect(mine.clinicians.map((c) => `${c.firstName} ${c.lastName}`)).toEqual(["Casey Clinician"]);
  });
});
