/**
 * `npm run bench:formats`: QRDA III parse throughput (MB/s, median of several runs) on CMS's 1.2 MB
 * group sample, the ratio to `xmllint --stream --noout` when xmllint is installed, the wall time of the
 * built CLI (`node dist/mips.cjs convert`, process start included; built first when missing) and how fast
 * hostile input is refused. Fixtures are found beside the repo (`../shared`), as in CI's fresh clone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../../lib/errors";
import { readQrda3 } from "../../lib/formats";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");
const sample = resolve(repoRoot, "../shared/fixtures/qrda3/MIPS_GROUP_QRDA_III_PI_IA_Sample1.xml");
const ITERATIONS = 25;
const WARMUP = 5;
const CLI_RUNS = 21;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function xmllintMedianMs(file: string): number | null {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return null;
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    times.push(
      timeMs(() => {
        const run = spawnSync("xmllint", ["--stream", "--noout", file]);
        if (run.status !== 0) throw new Error(`xmllint failed on ${file}: ${String(run.stderr)}`);
      }),
    );
  }
  return median(times);
}

/** Wall time of `node dist/mips.cjs convert FILE` (median and best of several runs), the issue's 150 ms target. */
function cliWallMs(file: string): { median: number; best: number; runs: number } {
  const cli = resolve(repoRoot, "dist/mips.cjs");
  if (!existsSync(cli)) {
    const built = spawnSync(process.execPath, [resolve(repoRoot, "bin/build-cli.mjs")], { cwd: repoRoot, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
  }
  const times: number[] = [];
  spawnSync(process.execPath, [cli, "--help"]); // warm the file cache: the first run of a fresh build reads it from disk
  for (let i = 0; i < CLI_RUNS; i++) {
    times.push(
      timeMs(() => {
        const run = spawnSync(process.execPath, [cli, "convert", file], { encoding: "utf8" });
        if (run.status !== 0) throw new Error(`mips convert failed: ${run.stderr}`);
      }),
    );
  }
  return { median: median(times), best: Math.min(...times), runs: times.length };
}

/** Best wall time of starting node on an empty script: what no CLI change can save. */
function nodeStartMs(): number {
  const times: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) times.push(timeMs(() => void spawnSync(process.execPath, ["-e", ""])));
  return Math.min(...times);
}

function refusalMs(label: string, input: string): string {
  const ms = timeMs(() => {
    try {
      readQrda3(input, label);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return;
    }
    throw new Error(`${label} was not refused`);
  });
  return `${label}: refused in ${ms.toFixed(1)} ms`;
}

function main(): void {
  const bytes = statSync(sample).size;
  const megabytes = bytes / (1024 * 1024);
  const text = readFileSync(sample, "utf8");
  for (let i = 0; i < WARMUP; i++) readQrda3(text, "sample");
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) times.push(timeMs(() => readQrda3(text, "sample")));
  const ours = median(times);
  console.log(`QRDA III reader on ${sample.split("/").pop()} (${megabytes.toFixed(2)} MB), median of ${ITERATIONS} runs:`);
  console.log(`  ${ours.toFixed(1)} ms per file, ${(megabytes / (ours / 1000)).toFixed(1)} MB/s (read, checked and converted to a Submission)`);

  const xmllint = xmllintMedianMs(sample);
  if (xmllint === null) {
    console.log("  xmllint not found on PATH: no comparison (apt-get install libxml2-utils to add it)");
  } else {
    console.log(
      `  xmllint --stream --noout: ${xmllint.toFixed(1)} ms per file (process start included), ${(megabytes / (xmllint / 1000)).toFixed(1)} MB/s; ours / xmllint time = ${(ours / xmllint).toFixed(2)}`,
    );
  }

  const cli = cliWallMs(sample);
  const bare = nodeStartMs();
  console.log(
    `  CLI: node dist/mips.cjs convert, wall time ${cli.median.toFixed(0)} ms median, ${cli.best.toFixed(0)} ms best of ${cli.runs} (target <= 150 ms); node itself (an empty script) ${bare.toFixed(0)} ms best; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} on this machine's shared cores`,
  );

  const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${"b".repeat(i + 1)} "${`&${i === 0 ? "a" : "b".repeat(i)};`.repeat(10)}">`).join("")}]><ClinicalDocument xmlns="urn:hl7-org:v3">&bbbbbbbbb;</ClinicalDocument>`;
  const depth = 100_000;
  const deep = `<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="2.16.840.1.113883.10.20.27.1.1"/>${"<component>".repeat(depth)}${"</component>".repeat(depth)}</ClinicalDocument>`;
  const huge = `<ClinicalDocument xmlns="urn:hl7-org:v3"><!--${"x".repeat(60 * 1024 * 1024)}--></ClinicalDocument>`;
  console.log("Hostile input:");
  for (const line of [refusalMs("billion laughs", laughs), refusalMs("100,000-deep nesting", deep), refusalMs("60 MB string", huge)]) {
    console.log(`  ${line}`);
  }
}

main();
