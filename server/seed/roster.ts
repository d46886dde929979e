/**
 * Demo roster (2018), written through the same services as the app (import, hardships, virtual groups),
 * so the audit log shows the seed's changes. Riverside:
 * - Riverside Hospitalists: every clinician qualifies for PI reweighting (PA, NP, CRNA, hospital-based,
 *   non-patient facing), so the TIN is reweighted under the 100% rule;
 * - Riverside Family Practice: everyone qualifies but Dr. Casey Clinician (the demo clinician user),
 *   whose hardship application is pending, so that single clinician blocks the TIN;
 * - Riverside Pediatrics: physicians who must report PI;
 * - a virtual group of Family Practice and Hospitalists, elected for 2018: both report as the virtual
 *   group that year (a member TIN cannot report on its own); Pediatrics reports as a group.
 * Lakeside gets a TIN of its own, with an NPI also used at Riverside (independent records).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicians, tins } from "@/db/schema";
import { toCsv } from "@/lib/roster/csv";
import { syntheticNpi } from "@/lib/roster/generate";
import { ROSTER_HEADER } from "@/lib/roster/import-columns";
import { commitImport } from "../services/roster/roster-import";
import { fileHardship } from "../services/roster/hardships";
import { addVirtualGroupTin, createVirtualGroup } from "../services/roster/virtual-groups";
import type { OrgScope } from "../services/scope";

export type Row = [tin: string, tinName: string, first: string, last: string, type: string, specialty: string, flags?: { npf?: boolean; hb?: boolean; charges?: number; beneficiaries?: number; newly?: boolean }];

export const HOSPITALISTS = ["111222333", "Riverside Hospitalists"] as const;
export const FAMILY = ["111222444", "Riverside Family Practice"] as const;
export const PEDIATRICS = ["111222555", "Riverside Pediatrics"] as const;
/** The NPI base of Riverside's 2018 roster (row i has syntheticNpi(RIVERSIDE_NPI_BASE + i)). */
export const RIVERSIDE_NPI_BASE = 20_180_000;

/** The NPI of the demo clinician user's record (Dr. Casey Clinician). */
export const DEMO_CLINICIAN_NPI = syntheticNpi(20_180_008);

export const RIVERSIDE: Row[] = [
  [...HOSPITALISTS, "Hana", "Okafor", "physician", "Hospital medicine", { hb: true }],
  [...HOSPITALISTS, "Ivan", "Petrov", "physician", "Hospital medicine", { hb: true }],
  [...HOSPITALISTS, "June", "Alvarez", "PA", "Hospital medicine"],
  [...HOSPITALISTS, "Kofi", "Mensah", "NP", "Hospital medicine"],
  [...HOSPITALISTS, "Lena", "Fischer", "CRNA", "Anesthesia"],
  [...HOSPITALISTS, "Mateo", "Rossi", "physician", "Pathology", { npf: true }],
  [...HOSPITALISTS, "Nadia", "Haddad", "CNS", "Critical care"],
  [...HOSPITALISTS, "Omar", "Siddiqui", "physician", "Radiology", { npf: true }],
  [...FAMILY, "Casey", "Clinician", "physician", "Family medicine"],
  [...FAMILY, "Priya", "Nair", "NP", "Family medicine"],
  [...FAMILY, "Quinn", "Baker", "PA", "Family medicine"],
  [...FAMILY, "Rosa", "Delgado", "NP", "Family medicine"],
  [...FAMILY, "Sam", "Turner", "physician", "Family medicine", { hb: true }],
  [...FAMILY, "Tara", "Olsen", "CNS", "Diabetes care"],
  [...FAMILY, "Uma", "Kapoor", "physicalTherapist", "Physical therapy"],
  [...FAMILY, "Victor", "Chen", "clinicalSocialWorker", "Behavioral health"],
  [...FAMILY, "Wren", "Adams", "PA", "Family medicine", { newly: true }],
  [...PEDIATRICS, "Xavier", "Moreau", "physician", "Pediatrics"],
  [...PEDIATRICS, "Yara", "Haddad", "physician", "Pediatrics"],
  [...PEDIATRICS, "Zoe", "Kim", "physician", "Pediatric cardiology", { charges: 60_000, beneficiaries: 80 }],
  [...PEDIATRICS, "Aaron", "Blake", "NP", "Pediatrics"],
  [...PEDIATRICS, "Bella", "Reyes", "physician", "Pediatrics"],
  [...PEDIATRICS, "Carl", "Jensen", "audiologist", "Audiology"],
  [...PEDIATRICS, "Dana", "Price", "registeredDietitian", "Nutrition"],
  [...PEDIATRICS, "Eve", "Novak", "physician", "Adolescent medicine", { charges: 250_000, beneficiaries: 150 }],
];

const LAKESIDE: Row[] = [
  ["222333444", "Lakeside Primary Care", "Felix", "Grant", "physician", "Internal medicine"],
  ["222333444", "Lakeside Primary Care", "Gina", "Lopez", "NP", "Internal medicine"],
  ["222333555", "Lakeside Surgical", "Hugo", "Weber", "physician", "General surgery", { hb: true }],
];

/** Roster CSV rows (one per clinician and year) for `years`, memberships from `membershipStart`. */
export function rosterCsv(rows: Row[], npiBase: number, years: readonly number[] = [2018], membershipStart = "2016-01-01"): string {
  return toCsv([
    ROSTER_HEADER,
    ...years.flatMap((year) =>
      rows.map(([tin, tinName, first, last, type, specialty, f = {}], i) => [
        tin, tinName, syntheticNpi(npiBase + i), first, last, type, specialty, membershipStart, "", year,
        f.npf ? "yes" : "no", f.hb ? "yes" : "no", "no", "no", "no",
        `${f.charges ?? 180_000 + i * 7_500}.00`, f.beneficiaries ?? 300 + i * 11, f.newly && year === 2018 ? "yes" : "no", "no",
      ]),
    ),
  ]);
}

export async function tinId(db: Db, organizationId: string, tin: string): Promise<string> {
  const [row] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, organizationId), eq(tins.tin, tin)));
  return row!.id;
}

export async function seedRoster(db: Db, params: { riversideId: string; lakesideId: string; clinicianUserId: string }): Promise<void> {
  const riverside: OrgScope = { organizationId: params.riversideId, actorUserId: null, ip: null };
  const lakeside: OrgScope = { organizationId: params.lakesideId, actorUserId: null, ip: null };
  await commitImport(db, riverside, { csv: rosterCsv(RIVERSIDE, RIVERSIDE_NPI_BASE), fileName: "demo seed" });
  // Overlaps Riverside's first NPIs on purpose: the same NPI in two organizations is two records.
  await commitImport(db, lakeside, { csv: rosterCsv(LAKESIDE, 20_180_000), fileName: "demo seed" });

  await db
    .update(clinicians)
    .set({ userId: params.clinicianUserId })
    .where(and(eq(clinicians.organizationId, riverside.organizationId), eq(clinicians.npi, DEMO_CLINICIAN_NPI)));
  const [casey] = await db
    .select({ id: clinicians.id })
    .from(clinicians)
    .where(and(eq(clinicians.organizationId, riverside.organizationId), eq(clinicians.npi, DEMO_CLINICIAN_NPI)));

  const family = await tinId(db, riverside.organizationId, FAMILY[0]);
  const hospitalists = await tinId(db, riverside.organizationId, HOSPITALISTS[0]);
  await fileHardship(db, riverside, {
    tinId: family,
    clinicianId: casey!.id,
    performanceYear: 2018,
    reason: "insufficientInternetConnectivity",
    filedOn: "2018-11-15",
    notes: "Rural satellite office without broadband; awaiting CMS decision.",
    now: new Date("2018-11-15T12:00:00Z"),
  });
  const vg = await createVirtualGroup(db, riverside, { performanceYear: 2018, name: "Riverside Small Practices", cmsId: "x12345", electionDate: "2017-12-01", now: new Date("2017-12-01T12:00:00Z") });
  await addVirtualGroupTin(db, riverside, { virtualGroupId: vg.id, tinId: family });
  await addVirtualGroupTin(db, riverside, { virtualGroupId: vg.id, tinId: hospitalists });
}
