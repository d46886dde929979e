/**
 * `npm run bench:imports`: a generated measure-data CSV (default 20,000 rows: 2,000 clinicians on 20 TINs,
 * ten 2018 PI measures each, one CEHRT product per TIN) through the CEHRT import's preview (parse +
 * validate + batched look-ups) and commit (one transaction, multi-row statements), then a second file
 * with other numbers that replaces every report. Runs against a fresh database: a throw-away database on
 * the local Postgres at TEST_DATABASE_URL or DATABASE_URL, else an in-memory PGlite. The roster is seeded
 * through the roster import service. Prints figures.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createThrowawayDatabase } from "../../db/throwaway";
import { organizations } from "../../db/schema";
import { toCsv } from "../../lib/roster/csv";
import { syntheticNpi, syntheticTin } from "../../lib/roster/generate";
import { ROSTER_HEADER } from "../../lib/roster/import-columns";
import {
  commitImport,
  previewImport,
} from "../../server/services/cehrt/imports";
import { commitImport as commitRoster } from "../../server/services/roster/roster-import";

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const TINS = 20;
/** Ten values per clinician: attestations, the security risk analysis, proportions, a registry. */
const MEASURES: [string, "yesNo" | "ratio"][] = [
  ["PI_PPHI_1", "yesNo"],
  ["PI_INFBLO_1", "yesNo"],
  ["PI_ONCDIR_1", "yesNo"],
  ["PI_EP_1", "ratio"],
  ["PI_PEA_1", "ratio"],
  ["PI_HIE_1", "ratio"],
  ["PI_HIE_2", "ratio"],
  ["PI_HIE_3", "ratio"],
  ["PI_PEA_2", "ratio"],
  ["PI_PHCDRR_1", "yesNo"],
];
const CLINICIANS = Math.ceil(ROWS / MEASURES.length);
const tinOf = (i: number) => syntheticTin(600_000_000 + (i % TINS));
const cehrtIdOf = (i: number) => `0015E${String(i % TINS).padStart(10, "0")}`;

function rosterCsv(): string {
  const body = [];
  for (let i = 0; i < CLINICIANS; i++) {
    body.push([
      tinOf(i),
      `Bench Practice ${i % TINS}`,
      syntheticNpi(30_000_000 + i),
      `First${i}`,
      `Last${i}`,
      "physician",
      "",
      "2017-01-01",
      "",
      2018,
      "no",
      "no",
      "no",
      "no",
      "no",
      "150000.00",
      200,
      "no",
      "no",
    ]);
  }
  return toCsv([ROSTER_HEADER, ...body]);
}

function measureCsv(seed: number): string {
  const lines = [
    "performance_year,tin,npi,cehrt_id,performance_start,performance_end,measure_id,numerator,denominator,yes_no",
  ];
  for (let i = 0; i < CLINICIANS; i++) {
    for (const [measureId, kind] of MEASURES) {
      const denominator = 100 + ((i + seed) % 50);
      const value =
        kind === "yesNo"
          ? ",,,yes"
          : `,${(i * 7 + seed) % denominator},${denominator},`;
      lines.push(
        `2018,${tinOf(i)},${syntheticNpi(30_000_000 + i)},${cehrtIdOf(i)},2018-01-01,2018-12-31,${measureId}${value}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

function freshDatabase() {
  return createThrowawayDatabase({ serverUrl: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL, prefix: "bench_imports", maxConnections: 2 });
}

function line(label: string, rows: number, ms: number) {
  console.log(
    `${label.padEnd(34)} ${rows.toLocaleString("en-US").padStart(7)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(
      rows / (ms / 1000),
    )
      .toLocaleString("en-US")
      .padStart(8)} rows/s`,
  );
}

async function main() {
  const database = await freshDatabase();
  try {
    const [org] = await database.db
      .insert(organizations)
      .values({
        slug: `bench-${randomBytes(3).toString("hex")}`,
        name: "Bench",
      })
      .returning();
    const scope = { organizationId: org!.id, actorUserId: null, ip: null };
    let t = performance.now();
    const roster = await commitRoster(database.db, scope, {
      csv: rosterCsv(),
      fileName: "bench-roster.csv",
    });
    console.log(`bench:imports on ${database.label}`);
    line(
      "seed roster (roster import)",
      roster.summary.rowCount,
      performance.now() - t,
    );
    const first = Buffer.from(measureCsv(0));
    const second = Buffer.from(measureCsv(1));
    const rows = ROWS;
    console.log(
      `measure file: ${rows.toLocaleString("en-US")} rows, ${CLINICIANS.toLocaleString("en-US")} reports, ${(first.length / 1_000_000).toFixed(1)} MB`,
    );

    t = performance.now();
    const preview = await previewImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
    });
    line("preview (parse + validate)", rows, performance.now() - t);
    if (!preview.canCommit)
      throw new Error(
        `generated file has problems: ${preview.files
          .flatMap((f) => f.problems)
          .slice(0, 3)
          .map((p) => `${p.path}: ${p.message}`)
          .join("; ")}`,
      );
    t = performance.now();
    const added = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
    });
    line("commit (all new)", rows, performance.now() - t);
    t = performance.now();
    const again = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures.csv", content: first }],
    });
    line("commit same file (checksum: skip)", rows, performance.now() - t);
    t = performance.now();
    const replaced = await commitImport(database.db, scope, {
      files: [{ fileName: "bench-measures-v2.csv", content: second }],
    });
    line("commit new numbers (all replace)", rows, performance.now() - t);
    console.log(
      `first commit: ${added.added} reports added, ${added.productsAdded} CEHRT products added; same file again skipped: ${again.skippedFiles.join(", ") || "none"}; second file: ${replaced.replaced} reports replaced`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    `bench:imports failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
