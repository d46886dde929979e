/**
 * The set-up of roster tests that work on one small practice at a time (hardship applications, virtual
 * groups): the file's own database, and before each test a fresh tenant plus another organization (for the
 * "cannot read or change it" checks), both with unique names, so every test has its own tenant and data
 * and the tests pass in any order.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { FIGURES_ABOVE_THRESHOLD, uniqueNpi, uniqueTin } from "../roster/roster-fixtures";
import { createTestDatabase, type TestDatabase } from "./database";
import { callerAs, createTestTenant, type TestTenant } from "./tenant";

export interface PracticeTests {
  readonly db: TestDatabase["db"];
  /** This test's organization (an admin, a clinician and an executive). */
  readonly tenant: TestTenant;
  /** Another organization, created for this test too. */
  readonly other: TestTenant;
  /** A caller signed in as this test's admin. */
  admin: () => ReturnType<typeof callerAs>;
  /** This test's organization slug, as procedures take it. */
  org: () => string;
  /** A TIN of this test's organization with one physician (above the low-volume threshold in 2018). */
  smallTin: (name: string) => ReturnType<typeof createSmallTin>;
}

async function createSmallTin(api: ReturnType<typeof callerAs>, org: string, name: string) {
  const tin = await api.tins.create({ organization: org, tin: uniqueTin(), name });
  const clinician = await api.clinicians.create({ organization: org, npi: uniqueNpi(), firstName: "Dr", lastName: name, clinicianType: "physician" });
  const m = await api.clinicians.addMembership({ organization: org, tinId: tin.id, clinicianId: clinician.id, startDate: "2018-01-01" });
  await api.clinicians.setYearStatus({ organization: org, membershipId: m.id, performanceYear: 2018, ...FIGURES_ABOVE_THRESHOLD });
  return { tin, clinician };
}

/** Call at the top of a test file; `label` names the tenants (`<label>-<suffix>`, `<label>-other-<suffix>`). */
export function setUpPracticeTests(label: string): PracticeTests {
  let database: TestDatabase | undefined;
  let tenant: TestTenant | undefined;
  let other: TestTenant | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    tenant = await createTestTenant(database!.db, label);
    other = await createTestTenant(database!.db, `${label}-other`);
  });
  const practice: PracticeTests = {
    get db() {
      return database!.db;
    },
    get tenant() {
      return tenant!;
    },
    get other() {
      return other!;
    },
    admin: () => callerAs(practice.db, practice.tenant.admin),
    org: () => practice.tenant.organization.slug,
    smallTin: (name) => createSmallTin(practice.admin(), practice.org(), name),
  };
  return practice;
}
