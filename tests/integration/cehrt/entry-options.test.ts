/**
 * The report entry page's options (issue 13: no page renders every clinician at once): every TIN, but the
 * clinicians and CEHRT products of ONE TIN only (`tinId`, default the first). A clinician user sees only the
 * TINs they bill under and only themself; another organization's TIN is NOT_FOUND; a TIN of the organization
 * the viewer may not enter data for (archived, or one a clinician does not bill under) falls back to the first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "@/server/services/cehrt/products";
import { createClinician } from "@/server/services/roster/clinicians";
import { addMembership } from "@/server/services/roster/tin-memberships";
import { archiveTin, createTin } from "@/server/services/roster/tins";
import { syntheticNpi } from "@/lib/roster/generate";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { codeOf } from "../helpers/outcome";
import { callerAs } from "../helpers/tenant";
import { createCehrtTenant, type CehrtTenant } from "./setup";

let database: TestDatabase;
let tenant: CehrtTenant;
let other: CehrtTenant;
/** 223456789: Ada (the clinician user) and Dee bill under it. */
let secondTinId: string;
/** 323456789: only Eve bills under it, not the clinician user. */
let thirdTinId: string;
let archivedTinId: string;
const DEE = syntheticNpi(13_000_001);
const EVE = syntheticNpi(13_000_002);

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await createCehrtTenant(database.db, "entry-options");
  other = await createCehrtTenant(database.db, "entry-options-other");
  const { db } = database;
  const scope = tenant.adminScope;
  secondTinId = (await createTin(db, scope, { tin: "223456789", name: "Second Clinic" })).id;
  thirdTinId = (await createTin(db, scope, { tin: "323456789", name: "Third Clinic" })).id;
  const archived = await createTin(db, scope, { tin: "423456789", name: "Closed Clinic" });
  archivedTinId = archived.id;
  const dee = await createClinician(db, scope, { npi: DEE, firstName: "Dee", lastName: "Second", clinicianType: "physician", userId: null });
  const eve = await createClinician(db, scope, { npi: EVE, firstName: "Eve", lastName: "Third", clinicianType: "physician", userId: null });
  await addMembership(db, scope, { tinId: secondTinId, clinicianId: tenant.clinicianIds["1234567893"]!, startDate: "2017-01-01" });
  await addMembership(db, scope, { tinId: secondTinId, clinicianId: dee.id, startDate: "2017-01-01" });
  await addMembership(db, scope, { tinId: thirdTinId, clinicianId: eve.id, startDate: "2017-01-01" });
  await addMembership(db, scope, { tinId: archivedTinId, clinicianId: dee.id, startDate: "2017-01-01" });
  await createProduct(db, scope, { tinId: tenant.tinId, vendor: "Vendor First", productName: "First EHR", cehrtId: "0015EFIRST00001" });
  await createProduct(db, scope, { tinId: secondTinId, vendor: "Vendor Second", productName: "Second EHR", cehrtId: "0015ESECOND0001" });
  await createProduct(db, scope, { tinId: thirdTinId, vendor: "Vendor Third", productName: "Third EHR", cehrtId: "0015ETHIRD00001" });
  await archiveTin(db, scope, { tinId: archivedTinId, expectedVersion: archived.version, archived: true });
});
afterAll(() => database.close());

const input = (tinId?: string) => ({ organization: tenant.organization.slug, performanceYear: 2018, tinId });

describe("measureReports.entryOptions", () => {
  it("an admin gets every active TIN but only the first TIN's clinicians and products by default", async () => {
    const options = await callerAs(database.db, tenant.admin).measureReports.entryOptions(input());
    expect(options.tins.map((t) => t.tinDisplay)).toEqual(["12-3456789", "22-3456789", "32-3456789"]);
    expect(options.tinId).toBe(tenant.tinId);
    expect(options.clinicians.map((c) => c.npi).sort()).toEqual(["1234567893", "1245319599", "2567891421"]);
    expect(options.clinicians.every((c) => c.tinId === tenant.tinId)).toBe(true);
    expect(options.products.map((p) => p.cehrtId)).toEqual(["0015EFIRST00001"]);
  });

  it("an admin choosing a TIN gets that TIN's clinicians and products only", async () => {
    const options = await callerAs(database.db, tenant.admin).measureReports.entryOptions(input(secondTinId));
    expect(options.tins).toHaveLength(3);
    expect(options.tinId).toBe(secondTinId);
    expect(options.clinicians.map((c) => `${c.npi} ${c.name}`)).toEqual([`${DEE} Dee Second`, "1234567893 Ada Test"]);
    expect(options.products.map((p) => p.cehrtId)).toEqual(["0015ESECOND0001"]);
  });

  it("an archived TIN of the organization falls back to the first TIN", async () => {
    const options = await callerAs(database.db, tenant.admin).measureReports.entryOptions(input(archivedTinId));
    expect(options.tinId).toBe(tenant.tinId);
    expect(options.clinicians.map((c) => c.npi)).not.toContain(DEE);
  });

  it("a clinician user sees only the TINs they bill under, and only themself in each", async () => {
    const api = callerAs(database.db, tenant.clinician);
    const own = tenant.clinicianIds["1234567893"]!;
    const first = await api.measureReports.entryOptions(input());
    expect(first.ownClinicianId).toBe(own);
    expect(first.tins.map((t) => t.id)).toEqual([tenant.tinId, secondTinId]);
    expect(first.clinicians.map((c) => c.clinicianId)).toEqual([own]);
    const second = await api.measureReports.entryOptions(input(secondTinId));
    expect(second.tinId).toBe(secondTinId);
    expect(second.clinicians.map((c) => c.clinicianId)).toEqual([own]);
    expect(second.products.map((p) => p.cehrtId)).toEqual(["0015ESECOND0001"]);
    // A TIN they do not bill under reveals neither its clinicians nor its products: the first TIN instead.
    const third = await api.measureReports.entryOptions(input(thirdTinId));
    expect(third.tinId).toBe(tenant.tinId);
    expect(third.clinicians.map((c) => c.clinicianId)).toEqual([own]);
    expect(third.products.map((p) => p.cehrtId)).toEqual(["0015EFIRST00001"]);
  });

  it("another organization's TIN is NOT_FOUND, for an admin and a clinician alike", async () => {
    for (const user of [tenant.admin, tenant.clinician]) {
      expect(await codeOf(callerAs(database.db, user).measureReports.entryOptions(input(other.tinId)))).toBe("NOT_FOUND");
    }
    expect(await codeOf(callerAs(database.db, tenant.admin).measureReports.entryOptions(input(tenant.tinId)))).toBe("OK");
  });
});
