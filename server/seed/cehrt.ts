/**
 * Demo CEHRT data (2018, Riverside), through the same services as the app so the audit log shows it:
 * Riverside Pediatrics uses two vendors (a per-clinician EHR and a group-level export from a second
 * one), a nurse practitioner's data there cancels the automatic reweighting NPs get, and one report
 * covers a different period (it shows up as excluded from the group aggregation). TINs and NPIs are
 * looked up from the roster seed, never hard-coded ids.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, tins } from "@/db/schema";
import { createProduct, recordAnalysis } from "../services/cehrt/products";
import { saveManualReport } from "../services/cehrt/reports";
import { setReportingChoice } from "../services/cehrt/aggregation";
import type { OrgScope } from "../services/scope";

const PEDIATRICS_TIN = "111222555";
const FAMILY_TIN = "111222444";

type V = [measureId: string, numerator: number | null, denominator: number | null, yesNo?: boolean];
const values = (rows: V[]) => rows.map(([measureId, numerator, denominator, yesNo]) => ({ measureId, numerator, denominator, yesNo: yesNo ?? null }));

const ATTESTATIONS: V[] = [
  ["PI_PPHI_1", null, null, true],
  ["PI_INFBLO_1", null, null, true],
  ["PI_ONCDIR_1", null, null, true],
];

export async function seedCehrt(db: Db, params: { riversideId: string }): Promise<void> {
  const scope: OrgScope = { organizationId: params.riversideId, actorUserId: null, ip: null };
  const seeder = { userId: "00000000-0000-0000-0000-000000000000", role: "admin" as const };
  const [tin] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.tin, PEDIATRICS_TIN)));
  if (!tin) return;
  const people = await db
    .select({ id: clinicians.id, firstName: clinicians.firstName })
    .from(clinicians)
    .where(eq(clinicians.organizationId, scope.organizationId));
  const idOf = (first: string) => people.find((p) => p.firstName === first)?.id ?? null;

  const vendorA = await createProduct(db, scope, { tinId: tin.id, vendor: "Acme Health", productName: "Acme EHR 9", cehrtId: "0015EACME000001", inUseFrom: "2017-01-01" });
  const vendorB = await createProduct(db, scope, { tinId: tin.id, vendor: "Bolt Systems", productName: "Bolt Clinic 4", cehrtId: "0015EBOLT000002", inUseFrom: "2018-01-01" });
  // Family Practice (the demo clinician's TIN) uses the first vendor too, so the clinician can enter data.
  const [family] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, scope.organizationId), eq(tins.tin, FAMILY_TIN)));
  if (family) await createProduct(db, scope, { tinId: family.id, vendor: "Acme Health", productName: "Acme EHR 9", cehrtId: "0015EACME000003", inUseFrom: "2017-01-01" });
  for (const p of [vendorA, vendorB]) await recordAnalysis(db, scope, { productId: p.id, performanceYear: 2018, completedOn: "2018-02-15", attestedBy: "Alex Admin" });
  await setReportingChoice(db, scope, { tinId: tin.id, performanceYear: 2018, mode: "group", performanceStart: "2018-01-01", performanceEnd: "2018-03-31" });

  const q1 = { tinId: tin.id, performanceYear: 2018, performanceStart: "2018-01-01", performanceEnd: "2018-03-31" };
  const perClinician: [string, V[]][] = [
    ["Xavier", [...ATTESTATIONS, ["PI_EP_1", 180, 200], ["PI_PEA_1", 150, 200], ["PI_HIE_1", 60, 90], ["PI_HIE_2", 40, 80], ["PI_CCTPE_1", 30, 200], ["PI_PHCDRR_1", null, null, true]]],
    ["Yara", [...ATTESTATIONS, ["PI_EP_1", 120, 150], ["PI_PEA_1", 90, 150], ["PI_HIE_1", 20, 50], ["PI_HIE_2", 25, 60], ["PI_CCTPE_1", 12, 150]]],
    // An NP: automatically reweighted on their own, but submitting PI data cancels that.
    ["Aaron", [...ATTESTATIONS, ["PI_EP_1", 40, 60], ["PI_PEA_1", 30, 60], ["PI_HIE_1", 5, 10], ["PI_HIE_2", 6, 12]]],
  ];
  for (const [first, rows] of perClinician) {
    const clinicianId = idOf(first);
    if (clinicianId) await saveManualReport(db, scope, seeder, { ...q1, clinicianId, productId: vendorA.id, values: values(rows) });
  }
  // The second vendor exports group-level (whole TIN) data.
  await saveManualReport(db, scope, seeder, {
    ...q1,
    clinicianId: null,
    productId: vendorB.id,
    values: values([...ATTESTATIONS, ["PI_EP_1", 70, 90], ["PI_PEA_1", 55, 90], ["PI_HIE_1", 12, 30], ["PI_HIE_2", 9, 20], ["PI_CCTPE_1", 8, 90]]),
  });
  // A report for a different period: listed as excluded from the Q1 group aggregation.
  const bella = idOf("Bella");
  if (bella) {
    await saveManualReport(db, scope, seeder, {
      ...q1,
      performanceStart: "2018-04-01",
      performanceEnd: "2018-06-30",
      clinicianId: bella,
      productId: vendorA.id,
      values: values([...ATTESTATIONS, ["PI_EP_1", 50, 70], ["PI_PEA_1", 40, 70], ["PI_HIE_1", 10, 20], ["PI_HIE_2", 8, 16]]),
    });
  }
}
