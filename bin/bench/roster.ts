/**
 * `npm run bench:roster`: a generated 10,000-row roster CSV (50 TINs, 10,000 clinicians, 2018 figures)
 * through preview (parse + validate + lookups) and commit (one transaction, batched upserts) against a
 * fresh database: a throw-away database on the local Postgres at TEST_DATABASE_URL or DATABASE_URL, else
 * an in-memory PGlite. Then the same file again (every row an unchanged upsert). Prints figures.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createThrowawayDatabase } from "../../db/throwaway";
import { organizations } from "../../db/schema";
import { toCsv } from "../../lib/roster/csv";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { ROSTER_HEADER } from "../../lib/roster/import-columns";
import { commitImport, previewImport } from "../../server/services/roster/roster-import";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const TYPES = ["MD", "physician", "NP", "PA", "CRNA", "CNS", "physical therapist", "audiologist"];

function generateCsv(rows: number): string {
  const body = [];
  for (let i = 0; i < rows; i++) {
    const tin = syntheticTin(500_000_000 + (i % 50));
    body.push([
      tin, `Bench Practice ${i % 50}`, syntheticNpi(10_000_000 + i), `First${i}`, `Last${i}`, TYPES[i % TYPES.length], i % 3 ? "Family medicine" : "",
      "2017-01-01", i % 17 === 0 ? "2018-09-30" : "", 2018, i % 11 === 0 ? "yes" : "no", i % 13 === 0 ? "yes" : "no", "no", i % 2 ? "yes" : "no", "no",
      `${50_000 + (i % 200) * 1000}.00`, 150 + (i % 100), i % 29 === 0 ? "yes" : "no", "no",
    ]);
  }
  return toCsv([ROSTER_HEADER, ...body]);
}

function freshDatabase() {
  return createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL, prefix: "bench_roster", maxConnections: 2 });
}

function line(label: string, rows: number, ms: number) {
  console.log(`${label.padEnd(34)} ${rows.toLocaleString("en-US").padStart(7)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(rows / (ms / 1000)).toLocaleString("en-US").padStart(8)} rows/s`);
}

async function main() {
  const csv = generateCsv(ROWS);
  const database = await freshDatabase();
  try {
    const [org] = await database.db.insert(organizations).values({ slug: `bench-${randomBytes(3).toString("hex")}`, name: "Bench" }).returning();
    const scope = { organizationId: org!.id, actorUserId: null, ip: null };
    console.log(`bench:roster on ${database.label}; file ${(csv.length / 1_000_000).toFixed(1)} MB`);
    let t = performance.now();
    const preview = await previewImport(database.db, scope, { csv });
    line("preview (parse + validate)", preview.summary.rowCount, performance.now() - t);
    if (!preview.ok) throw new Error(`generated file has problems: ${preview.problems.slice(0, 3).map((p) => p.problem).join("; ")}`);
    t = performance.now();
    const result = await commitImport(database.db, scope, { csv, fileName: "bench.csv" });
    line("commit (new roster)", result.summary.rowCount, performance.now() - t);
    t = performance.now();
    const again = await commitImport(database.db, scope, { csv, fileName: "bench.csv" });
    line("commit again (all unchanged)", again.summary.rowCount, performance.now() - t);
    console.log(`written: ${result.changed.tins} TINs, ${result.changed.clinicians} clinicians, ${result.changed.memberships} memberships, ${result.changed.yearFigures} year figures; second commit changed ${again.changed.clinicians} clinicians`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:roster failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
