/** A tenant with the multi-vendor fixtures' TIN (123456789) and NPIs on its roster, and helpers for files. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import type { Db } from "@/db/client";
import { createClinician } from "@/server/services/roster/clinicians";
import { addMembership, setYearStatus } from "@/server/services/roster/tin-memberships";
import { createTin } from "@/server/services/roster/tins";
import { qrda3Dir } from "../../paths";
import { createTestTenant, type TestTenant } from "../helpers/tenant";

export const MULTI_VENDOR = path.resolve("tests/fixtures/formats/multi-vendor");
export const CMS_QRDA = qrda3Dir;

export function fileInput(dir: string, name: string) {
  return { fileName: name, contentBase64: readFileSync(path.join(dir, name)).toString("base64") };
}

export function textFile(name: string, text: string) {
  return { fileName: name, contentBase64: Buffer.from(text).toString("base64") };
}

export interface CehrtTenant extends TestTenant {
  tinId: string;
  clinicianIds: Record<string, string>;
}

/** TIN 123456789 with NPIs 1234567893 (linked to the tenant's clinician user), 2567891421 and 1245319599 (an NP). */
export async function createCehrtTenant(db: Db, label = "cehrt"): Promise<CehrtTenant> {
  const tenant = await createTestTenant(db, label);
  const scope = tenant.adminScope;
  const tin = await createTin(db, scope, { tin: "123456789", name: "Multi-vendor Clinic" });
  const clinicianIds: Record<string, string> = {};
  for (const [npi, firstName, type, userId] of [
    ["1234567893", "Ada", "physician", tenant.clinician.id],
    ["2567891421", "Ben", "physician", null],
    ["1245319599", "Cy", "NP", null],
  ] as const) {
    const c = await createClinician(db, scope, { npi, firstName, lastName: "Test", clinicianType: type, userId });
    clinicianIds[npi] = c.id;
    const m = await addMembership(db, scope, { tinId: tin.id, clinicianId: c.id, startDate: "2017-01-01" });
    await setYearStatus(db, scope, {
      membershipId: m.id,
      performanceYear: 2018,
      nonPatientFacing: false,
      hospitalBased: false,
      ascBased: false,
      rural: false,
      hpsa: false,
      allowedChargesCents: 200_000_00,
      partBBeneficiaries: 500,
      newlyEnrolled: false,
      advancedApmQp: false,
    });
  }
  return { ...tenant, tinId: tin.id, clinicianIds };
}

export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; issues: { path: string; message: string }[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      const cause = error.cause as { issues?: { path: unknown; message: string }[] } | undefined;
      const issues = (cause?.issues ?? []).map((i) => ({ path: Array.isArray(i.path) ? i.path.join(".") : String(i.path), message: i.message }));
      return { code: error.code, message: error.message, issues };
    }
    throw error;
  }
  throw new Error("expected a refusal, the call succeeded");
}
