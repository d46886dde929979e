/**
 * Demo data for 2025 and 2026 (Riverside), so the portal opens on the current performance year with live
 * figures. Written through the same services as the app (roster import, hardships, CEHRT products,
 * analyses, reporting choices, manual reports), so every value passes the year's own checks:
 * - Riverside Pediatrics reports as a group with two CEHRT products (per-clinician reports from Acme,
 *   a whole-TIN export from Bolt) over a 181-day period (2024+: at least 180 continuous days), with the
 *   year's measures: security risk analysis and SAFER Guides (PI_PPHI_1, PI_PPHI_2), the attestations,
 *   e-prescribing and PDMP, Provide Patient Access, immunization and electronic case reporting with their
 *   production engagement level; 2026 exchanges information with PI_HIE_1 + PI_HIE_4, 2025 with the
 *   bi-directional alternative PI_HIE_5;
 * - Riverside Hospitalists and Riverside Family Practice report no PI data: both are small practices
 *   (15 or fewer eligible clinicians), which CMS reweights automatically from 2022;
 * - Riverside Surgical Associates (new in 2025, 17 clinicians, not a small practice) is blocked by one
 *   office-based surgeon under the 100% rule; the other 16 are hospital-based; the blocker's 2026
 *   hardship application is pending.
 * The 2018 demo (roster.ts, cehrt.ts) is unchanged.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, clinicians } from "@/db/schema";
import { syntheticNpi } from "@/lib/roster/generate";
import { commitImport } from "../services/roster/roster-import";
import { fileHardship } from "../services/roster/hardships";
import { recordAnalysis } from "../services/cehrt/products";
import { saveManualReport } from "../services/cehrt/reports";
import { setReportingChoice } from "../services/cehrt/aggregation";
import type { OrgScope } from "../services/scope";
import { PEDIATRICS, RIVERSIDE, RIVERSIDE_NPI_BASE, rosterCsv, tinId, type Row } from "./roster";

export const RECENT_DEMO_YEARS = [2025, 2026] as const;

export const SURGICAL = ["111222666", "Riverside Surgical Associates"] as const;
const SURGICAL_NPI_BASE = 20_250_000;
/** The one clinician who keeps Surgical Associates from PI reweighting (office-based, no hardship approved). */
export const SURGICAL_BLOCKER = { first: "Theo", last: "Lindqvist" };

const SURGEONS: [string, string, string][] = [
  ["Ada", "Brennan", "General surgery"],
  ["Ben", "Castillo", "Trauma surgery"],
  ["Cleo", "Dimitrov", "Vascular surgery"],
  ["Dev", "Egan", "Anesthesiology"],
  ["Elin", "Fournier", "Anesthesiology"],
  ["Femi", "Garcia", "Critical care"],
  ["Gus", "Halvorsen", "Thoracic surgery"],
  ["Hiro", "Ibarra", "Orthopedic surgery"],
  ["Iris", "Jovanovic", "Neurosurgery"],
  ["Jon", "Kowalski", "Emergency medicine"],
  ["Kira", "Lund", "Anesthesiology"],
  ["Luis", "Moreno", "Hospital medicine"],
  ["Mia", "Nakamura", "Colorectal surgery"],
  ["Nils", "Ortega", "Urology"],
  ["Olga", "Perez", "Surgical oncology"],
  ["Pavel", "Quinn", "Plastic surgery"],
];

const SURGICAL_ROWS: Row[] = [
  ...SURGEONS.map(([first, last, specialty]): Row => [...SURGICAL, first, last, "physician", specialty, { hb: true }]),
  [...SURGICAL, SURGICAL_BLOCKER.first, SURGICAL_BLOCKER.last, "physician", "General surgery"],
];

type V = [measureId: string, numerator: number | null, denominator: number | null, yesNo?: boolean];
const values = (rows: V[]) => rows.map(([measureId, numerator, denominator, yesNo]) => ({ measureId, numerator, denominator, yesNo: yesNo ?? null }));
const yes = (...ids: string[]): V[] => ids.map((id) => [id, null, null, true]);

/** Yes/no measures every Pediatrics report carries: SRA and SAFER, attestations, PDMP, two registries at production. */
const GATES_AND_REGISTRIES = yes("PI_PPHI_1", "PI_PPHI_2", "PI_INFBLO_1", "PI_ONCDIR_1", "PI_EP_2", "PI_PHCDRR_1", "PI_PHCDRR_1_PROD", "PI_PHCDRR_3", "PI_PHCDRR_3_PROD");

/** The health information exchange objective of the year: 2026 the two measures, 2025 the bi-directional alternative. */
function exchange(year: number, referrals: [number, number], reconciliation: [number, number]): V[] {
  if (year === 2025) return yes("PI_HIE_5");
  return [
    ["PI_HIE_1", ...referrals],
    ["PI_HIE_4", ...reconciliation],
  ];
}

export async function seedRecentYears(db: Db, params: { riversideId: string }): Promise<void> {
  const scope: OrgScope = { organizationId: params.riversideId, actorUserId: null, ip: null };
  const seeder = { userId: "00000000-0000-0000-0000-000000000000", role: "admin" as const };

  // Roster: Riverside's clinicians keep billing (figures for 2025 and 2026); Surgical Associates from 2025.
  await commitImport(db, scope, { csv: rosterCsv(RIVERSIDE, RIVERSIDE_NPI_BASE, RECENT_DEMO_YEARS), fileName: "demo seed 2025-2026" });
  await commitImport(db, scope, { csv: rosterCsv(SURGICAL_ROWS, SURGICAL_NPI_BASE, RECENT_DEMO_YEARS, "2025-01-01"), fileName: "demo seed 2025-2026" });

  const surgical = await tinId(db, scope.organizationId, SURGICAL[0]);
  const blockerNpi = syntheticNpi(SURGICAL_NPI_BASE + SURGICAL_ROWS.length - 1);
  const [blocker] = await db.select({ id: clinicians.id }).from(clinicians).where(and(eq(clinicians.organizationId, scope.organizationId), eq(clinicians.npi, blockerNpi)));
  await fileHardship(db, scope, {
    tinId: surgical,
    clinicianId: blocker!.id,
    performanceYear: 2026,
    reason: "lackOfControlOverCehrt",
    filedOn: "2026-10-15",
    notes: "Office EHR vendor withdrew its certified module mid-year; awaiting CMS decision.",
    now: new Date("2026-10-15T12:00:00Z"),
  });

  // CEHRT data: Riverside Pediatrics, two products (created by the 2018 seed and still in use).
  const pediatrics = await tinId(db, scope.organizationId, PEDIATRICS[0]);
  const products = await db
    .select({ id: cehrtProducts.id, cehrtId: cehrtProducts.cehrtId })
    .from(cehrtProducts)
    .where(and(eq(cehrtProducts.organizationId, scope.organizationId), eq(cehrtProducts.tinId, pediatrics)));
  const acme = products.find((p) => p.cehrtId === "0015EACME000001")!;
  const bolt = products.find((p) => p.cehrtId === "0015EBOLT000002")!;
  const people = await db.select({ id: clinicians.id, npi: clinicians.npi }).from(clinicians).where(eq(clinicians.organizationId, scope.organizationId));
  const idOfRow = (first: string) => {
    const i = RIVERSIDE.findIndex((r) => r[2] === first);
    return people.find((p) => p.npi === syntheticNpi(RIVERSIDE_NPI_BASE + i))!.id;
  };

  for (const year of RECENT_DEMO_YEARS) {
    for (const p of [acme, bolt]) await recordAnalysis(db, scope, { productId: p.id, performanceYear: year, completedOn: `${year}-02-10`, attestedBy: "Alex Admin" });
    // January 1 - June 30: 181 days (the minimum is 180 continuous days from 2024).
    const period = { tinId: pediatrics, performanceYear: year, performanceStart: `${year}-01-01`, performanceEnd: `${year}-06-30` };
    await setReportingChoice(db, scope, { tinId: pediatrics, performanceYear: year, mode: "group", performanceStart: period.performanceStart, performanceEnd: period.performanceEnd });
    const perClinician: [string, V[]][] = [
      ["Xavier", [...GATES_AND_REGISTRIES, ["PI_EP_1", 410, 450], ["PI_PEA_1", 380, 420], ...exchange(year, [150, 200], [120, 160])]],
      ["Yara", [...GATES_AND_REGISTRIES, ["PI_EP_1", 300, 340], ["PI_PEA_1", 250, 330], ...exchange(year, [90, 140], [70, 110])]],
      ["Bella", [...GATES_AND_REGISTRIES, ["PI_EP_1", 210, 260], ["PI_PEA_1", 160, 240], ...exchange(year, [40, 90], [35, 80])]],
    ];
    for (const [first, rows] of perClinician) {
      await saveManualReport(db, scope, seeder, { ...period, clinicianId: idOfRow(first), productId: acme.id, values: values(rows) });
    }
    // The second product exports whole-TIN data for the clinicians who document in it.
    await saveManualReport(db, scope, seeder, {
      ...period,
      clinicianId: null,
      productId: bolt.id,
      values: values([...GATES_AND_REGISTRIES, ["PI_EP_1", 180, 230], ["PI_PEA_1", 140, 210], ...exchange(year, [60, 120], [50, 100])]),
    });
  }
}
