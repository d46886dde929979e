/**
 * The "linked user" picker of the clinician form (clinicianUserOptions): clinician users of the organization
 * that no record links yet (the database allows one record per user), bounded, the edited record's own user
 * first so its form never shows it unlinked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLINICIAN_USER_OPTIONS_LIMIT, clinicianUserOptions, createClinician } from "@/server/services/roster/clinicians";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { addMembership, createTestTenant, createUser } from "../helpers/tenant";
import { uniqueNpi } from "./roster-fixtures";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("clinicianUserOptions", () => {
  it("lists clinician users without a record, not admins, executives or other organizations' users; the edited record's user stays listed", async () => {
    const db = database.db;
    // Each test has its own organizations (integration tests run shuffled).
    const tenant = await createTestTenant(db, "user-options");
    const other = await createTestTenant(db, "user-options-other");
    const scope = tenant.adminScope;
    const free = await createUser(db, "free-clinician");
    await addMembership(db, tenant.organization.id, free.id, "clinician");
    // The tenant's own clinician user is linked to a record.
    const linked = await createClinician(db, scope, { npi: uniqueNpi(), firstName: "Linked", lastName: "Record", clinicianType: "physician", userId: tenant.clinician.id });

    const forNew = await clinicianUserOptions(db, scope);
    expect(forNew.more).toBe(false);
    expect(forNew.options.map((o) => o.userId)).toEqual([free.id]);

    const forLinked = await clinicianUserOptions(db, scope, { clinicianId: linked.id });
    expect(forLinked.options.map((o) => o.userId)).toEqual([tenant.clinician.id, free.id]);
    // Another organization's record id is not found here, and lists none of that organization's users.
    const foreign = await createClinician(db, other.adminScope, { npi: uniqueNpi(), firstName: "Other", lastName: "Org", clinicianType: "physician", userId: other.clinician.id });
    await expect(clinicianUserOptions(db, scope, { clinicianId: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it(`lists at most ${CLINICIAN_USER_OPTIONS_LIMIT} and says more were left out; the edited record's user comes first even past the limit`, async () => {
    const db = database.db;
    const tenant = await createTestTenant(db, "user-options-many");
    const scope = tenant.adminScope;
    const many = await Promise.all(Array.from({ length: CLINICIAN_USER_OPTIONS_LIMIT + 5 }, (_, i) => createUser(db, `bulk-${String(i).padStart(4, "0")}`)));
    for (const u of many) await addMembership(db, tenant.organization.id, u.id, "clinician");
    // A user whose name sorts last, linked to a record.
    const last = await createUser(db, "zz-last");
    await addMembership(db, tenant.organization.id, last.id, "clinician");
    const record = await createClinician(db, scope, { npi: uniqueNpi(), firstName: "Zed", lastName: "Last", clinicianType: "physician", userId: last.id });

    const forNew = await clinicianUserOptions(db, scope);
    expect(forNew.options).toHaveLength(CLINICIAN_USER_OPTIONS_LIMIT);
    expect(forNew.more).toBe(true);
    expect(forNew.options.some((o) => o.userId === last.id)).toBe(false);
    const forRecord = await clinicianUserOptions(db, scope, { clinicianId: record.id });
    expect(forRecord.options[0]!.userId).toBe(last.id);
    expect(forRecord.options).toHaveLength(CLINICIAN_USER_OPTIONS_LIMIT);
  });
});
