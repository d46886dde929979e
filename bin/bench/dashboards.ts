/**
 * `npm run bench:dashboards`: server time of each dashboard procedure's service (overview, TIN dashboard,
 * what-if, clinician view) on the demo seed, then on a generated large organization (default 50 TINs,
 * 2,000 clinicians, 3 CEHRT vendors per TIN, a report per clinician and quarter plus a whole-TIN export
 * per vendor and period). Database: a throw-away database on the local Postgres at TEST_DATABASE_URL or
 * DATABASE_URL, else an in-memory PGlite. Prints the median of several runs. BENCH_TINS / BENCH_CLINICIANS
 * change the size; BENCH_YEAR the performance year (2026 by default: two 180+-day halves and the 2019+
 * measures; 2018: quarters and the 2018 measures).
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { loadavg } from "node:os";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { cehrtProducts, clinicians, measureReports, measureValues, membershipYears, organizations, tinMemberships, tinReportingChoices, tins } from "../../db/schema";
import { seedDemo } from "../../server/seed/demo";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { clinicianDashboard } from "../../server/services/dashboards/clinician";
import { organizationOverview } from "../../server/services/dashboards/overview";
import { overviewPage } from "../../server/services/dashboards/overview-page";
import { cachedForVersion } from "../../server/services/dashboards/cache";
import { tinDashboard } from "../../server/services/dashboards/tin";
import { whatIf } from "../../server/services/dashboards/what-if";
import { listTins } from "../../server/services/roster/tins";
import type { OrgScope } from "../../server/services/scope";

const TINS = Number(process.env.BENCH_TINS ?? 50);
const CLINICIANS = Number(process.env.BENCH_CLINICIANS ?? 2_000);
const VENDORS = 3;
const YEAR = Number(process.env.BENCH_YEAR ?? 2026);
if (YEAR !== 2018 && YEAR !== 2026) throw new Error(`BENCH_YEAR must be 2018 or 2026 (got ${YEAR})`);
/** Reporting periods of the year: quarters in 2018 (90 days), halves from 2024 (180 days). */
const PERIODS: readonly (readonly [string, string])[] =
  YEAR === 2018
    ? [["2018-01-01", "2018-03-31"], ["2018-04-01", "2018-06-30"], ["2018-07-01", "2018-09-30"], ["2018-10-01", "2018-12-31"]]
    : [[`${YEAR}-01-01`, `${YEAR}-06-30`], [`${YEAR}-07-01`, `${YEAR}-12-31`]];
/** The year's yes/no and numerator/denominator measures every report carries, and the occasional registry. */
const MEASURES =
  YEAR === 2018
    ? { yes: ["PI_PPHI_1", "PI_INFBLO_1", "PI_ONCDIR_1"], rates: ["PI_EP_1", "PI_PEA_1", "PI_HIE_1", "PI_HIE_2", "PI_CCTPE_1", "PI_CCTPE_2", "PI_PEA_2", "PI_HIE_3"], registry: ["PI_PHCDRR_1"], whatIfYes: "PI_IACEHRT_1" }
    : { yes: ["PI_PPHI_1", "PI_PPHI_2", "PI_INFBLO_1", "PI_ONCDIR_1", "PI_EP_2"], rates: ["PI_EP_1", "PI_PEA_1", "PI_HIE_1", "PI_HIE_4"], registry: ["PI_PHCDRR_1", "PI_PHCDRR_1_PROD", "PI_PHCDRR_3", "PI_PHCDRR_3_PROD"], whatIfYes: "PI_PHCDRR_2" };
const RUNS = 5;
const VIEWER = { userId: "00000000-0000-0000-0000-000000000000", role: "executive" as const };
const TODAY = "2026-11-23";

function freshDatabase() {
  return createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL, prefix: "bench_dash", maxConnections: 4 });
}

async function median(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up (catalog, query plans)
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // Node's CPU time beside the wall time: on a shared, loaded machine the wall time includes waiting for a core.
  console.log(
    `  ${label.padEnd(48)} median ${times[Math.floor(RUNS / 2)]!.toFixed(0).padStart(6)} ms   (min ${times[0]!.toFixed(0)}, max ${times[RUNS - 1]!.toFixed(0)}; Node CPU median ${cpu[Math.floor(RUNS / 2)]!.toFixed(0)} ms)`,
  );
}

async function benchOrganization(db: Db, scope: OrgScope, label: string) {
  const tinRows = await db.select({ id: tins.id, name: tins.name }).from(tins).where(eq(tins.organizationId, scope.organizationId));
  const [someClinician] = await db.select({ id: clinicians.id }).from(clinicians).where(eq(clinicians.organizationId, scope.organizationId)).limit(1);
  console.log(`${label}:`);
  await median("overview (every TIN)", () => organizationOverview(db, scope, { performanceYear: YEAR }));
  const overview = await organizationOverview(db, scope, { performanceYear: YEAR });
  const scored = overview.tins.find((t) => t.status === "scored") ?? overview.tins[0]!;
  console.log(`    (${overview.tins.length} TINs; ${overview.tins.filter((t) => t.aggregatedFrom === "productSums").length} from SQL product sums; ${scored.name}: ${scored.piScore ?? scored.status})`);
  await median(`TIN dashboard (${scored.name}, ${scored.clinicianCount} clinicians)`, () =>
    tinDashboard(db, scope, VIEWER, { tinId: scored.tinId, performanceYear: YEAR, today: TODAY, clinicianPage: 1, clinicianPageSize: 25 }),
  );
  if (scored.status === "scored") {
    await median("what-if (one numerator, one bonus answer)", () =>
      whatIf(db, scope, { tinId: scored.tinId, performanceYear: YEAR, overrides: [{ measureId: "PI_PEA_1", numerator: 1 }, { measureId: MEASURES.whatIfYes, yesNo: true }] }),
    );
  }
  if (someClinician) await median("clinician view", () => clinicianDashboard(db, scope, VIEWER, { clinicianId: someClinician.id, performanceYear: YEAR }));
  await median("tins.list (page 1 of 25 TINs)", () => listTins(db, scope, { performanceYear: YEAR, page: 1, pageSize: 25 }));
  // What a page request pays once computed: the data version read, then the cached result (dashboards/cache.ts).
  await median("overview page of 25 TINs, cached", async () =>
    overviewPage(await cachedForVersion(db, scope, `bench-overview|${YEAR}`, () => organizationOverview(db, scope, { performanceYear: YEAR })), { search: "", show: "all", sort: "piScore", order: "desc", page: 2, pageSize: 25 }),
  );
  await median("TIN dashboard, cached", () =>
    cachedForVersion(db, scope, `bench-tin|${scored.tinId}`, () => tinDashboard(db, scope, VIEWER, { tinId: scored.tinId, performanceYear: YEAR, today: TODAY, clinicianPage: 1, clinicianPageSize: 25 })),
  );
  void tinRows;
}

async function chunks<T>(rows: T[], size: number, insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** A large organization written with bulk inserts (the services' per-row audit would dominate the set-up). */
export async function generateLarge(db: Db): Promise<OrgScope> {
  const [org] = await db.insert(organizations).values({ slug: `bench-${randomBytes(3).toString("hex")}`, name: "Bench Health System" }).returning();
  const organizationId = org!.id;
  const tinRows = await db
    .insert(tins)
    .values(Array.from({ length: TINS }, (_, i) => ({ organizationId, tin: syntheticTin(700_000_000 + i), name: `Bench Practice ${String(i).padStart(2, "0")}` })))
    .returning({ id: tins.id });
  const clinicianRows: { id: string }[] = [];
  await chunks(Array.from({ length: CLINICIANS }, (_, i) => i), 1000, async (part) => {
    const rows = await db
      .insert(clinicians)
      .values(part.map((i) => ({ organizationId, npi: syntheticNpi(30_000_000 + i), firstName: `First${i}`, lastName: `Last${i}`, clinicianType: i % 7 === 3 ? ("NP" as const) : ("physician" as const) })))
      .returning({ id: clinicians.id });
    clinicianRows.push(...rows);
  });
  const memberships: { id: string }[] = [];
  await chunks(clinicianRows.map((c, i) => ({ c, i })), 1000, async (part) => {
    const rows = await db
      .insert(tinMemberships)
      .values(part.map(({ c, i }) => ({ organizationId, tinId: tinRows[i % TINS]!.id, clinicianId: c.id, startDate: "2017-01-01" })))
      .returning({ id: tinMemberships.id });
    memberships.push(...rows);
  });
  await chunks(memberships, 1000, (part) =>
    db.insert(membershipYears).values(part.map((m, i) => ({ organizationId, membershipId: m.id, performanceYear: YEAR, hospitalBased: i % 9 === 0, allowedChargesCents: 200_000_00, partBBeneficiaries: 400 }))),
  );
  const products = await db
    .insert(cehrtProducts)
    .values(tinRows.flatMap((t, ti) => Array.from({ length: VENDORS }, (_, v) => ({ organizationId, tinId: t.id, vendor: `Vendor ${v + 1}`, productName: `EHR ${v + 1}`, cehrtId: `0015E${String(ti).padStart(5, "0")}V${v}BENCH`.slice(0, 15), edition: "2015" as const }))))
    .returning({ id: cehrtProducts.id, tinId: cehrtProducts.tinId });
  await db.insert(tinReportingChoices).values(tinRows.map((t) => ({ organizationId, tinId: t.id, performanceYear: YEAR, mode: "group" as const, performanceStart: PERIODS[0]![0], performanceEnd: PERIODS[0]![1] })));
  const productsOf = new Map<string, string[]>();
  for (const p of products) productsOf.set(p.tinId, [...(productsOf.get(p.tinId) ?? []), p.id]);
  const reports: (typeof measureReports.$inferInsert)[] = [];
  clinicianRows.forEach((c, i) => {
    const tinId = tinRows[i % TINS]!.id;
    for (const [start, end] of PERIODS) reports.push({ organizationId, tinId, clinicianId: c.id, productId: productsOf.get(tinId)![i % VENDORS]!, performanceYear: YEAR, performanceStart: start, performanceEnd: end, sourceKind: "manual" });
  });
  for (const t of tinRows) for (const [start, end] of PERIODS) reports.push({ organizationId, tinId: t.id, clinicianId: null, productId: productsOf.get(t.id)![VENDORS - 1]!, performanceYear: YEAR, performanceStart: start, performanceEnd: end, sourceKind: "manual" });
  const reportIds: string[] = [];
  await chunks(reports, 1000, async (part) => {
    const rows = await db.insert(measureReports).values(part).returning({ id: measureReports.id });
    reportIds.push(...rows.map((r) => r.id));
  });
  let n = 0;
  const values = reportIds.flatMap((reportId, i) => {
    const d = 100 + (i % 50);
    // Rates between 10% and 98%, varying by report and measure.
    const nd = (measureId: string, k: number) => ({ organizationId, reportId, measureId, numerator: Math.floor((d * (((i * k) % 89) + 10)) / 100), denominator: d, yesNo: null });
    const yn = (measureId: string) => ({ organizationId, reportId, measureId, numerator: null, denominator: null, yesNo: true });
    const factors = [7, 11, 13, 17, 19, 23, 29, 31];
    return [...MEASURES.yes.map(yn), ...MEASURES.rates.map((id, k) => nd(id, factors[k]!)), ...(i % 7 === 0 ? MEASURES.registry.map(yn) : [])];
  });
  n = values.length;
  await chunks(values, 2000, (part) => db.insert(measureValues).values(part));
  // Fresh statistics, as autovacuum would have them on a server that has held this data for a while
  // (the plans of a table just bulk-written are guesses otherwise). PGlite never analyzes by itself.
  await db.execute(sql`ANALYZE`);
  console.log(`generated: ${TINS} TINs, ${CLINICIANS.toLocaleString("en-US")} clinicians, ${products.length} CEHRT products, ${reports.length.toLocaleString("en-US")} reports, ${n.toLocaleString("en-US")} measure values`);
  return { organizationId, actorUserId: null, ip: null };
}

async function main() {
  const database = await freshDatabase();
  try {
    console.log(`bench:dashboards ${YEAR} on ${database.label}; median of ${RUNS} runs after a warm-up, service time (what a tRPC procedure spends beyond its membership check)`);
    console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
    await seedDemo(database.db);
    const [riverside] = await database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "riverside"));
    await benchOrganization(database.db, { organizationId: riverside!.id, actorUserId: null, ip: null }, "demo seed (Riverside)");
    const t = performance.now();
    const scope = await generateLarge(database.db);
    console.log(`  (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    await benchOrganization(database.db, scope, `large organization`);
    console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
  } finally {
    await database.close();
  }
}

if (process.argv[1]?.endsWith("dashboards.ts")) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
