/**
 * `mips aggregate [--lineage] FILE...`: QRDA III and/or QPP JSON files of one TIN -> one group submission
 * on stdout (pipe it into `mips score -`). Warnings, and with --lineage the per-measure lineage, go to
 * stderr so stdout stays the submission.
 */
import { type AggregationWarning, aggregateSubmissions } from "../../lib/mips/aggregation";
import { type Lineage, showValue } from "../../lib/mips/lineage";
import { printWarnings, readVendorInput, warningLines } from "./convert";
import type { CliCommand } from "./types";

function lineageLines(lineage: Lineage): string[] {
  const lines = ["lineage:"];
  for (const s of lineage.sources) {
    const who = s.nationalProviderIdentifier ? `NPI ${s.nationalProviderIdentifier}` : s.entityId ? `virtual group ${s.entityId}` : "group";
    lines.push(
      `  source ${s.sourceName}: ${s.entityType}, ${who}, ${s.measureCount} measure(s), CEHRT ${s.cehrtId ?? "none"} (edition ${s.cehrtEdition ?? "unknown"})`,
    );
  }
  lines.push(`  CEHRT edition of the group: ${lineage.cehrtEdition.value ?? "not stated"} (${lineage.cehrtEdition.explanation})`);
  for (const m of lineage.measures) {
    const value = m.value === null ? "left out" : showValue(m.value);
    lines.push(`  ${m.measureId} = ${value} [${m.rule}]: ${m.explanation}`);
    for (const c of m.contributions) lines.push(`      ${c.sourceName}: ${showValue(c.value)}`);
    if (m.notReportedBy.length > 0) lines.push(`      not reported by ${m.notReportedBy.join(", ")}`);
  }
  return lines;
}

function aggregationWarningLines(warnings: readonly AggregationWarning[]): string[] {
  return warnings.map((w) => (w.measureId ? `${w.measureId}: ${w.message}` : w.message));
}

export const aggregateCommand: CliCommand = {
  usage: "[--lineage] FILE...",
  summary:
    "aggregate QRDA III / QPP JSON files of one TIN into one group submission on stdout (rules 6.7); --lineage prints which file contributed what to stderr",
  async run(args) {
    const showLineage = args.includes("--lineage");
    const unknown = args.filter((a) => a.startsWith("--") && a !== "--lineage" && a !== "--");
    const files = args.filter((a) => !a.startsWith("--"));
    if (unknown.length > 0 || files.length === 0) {
      process.stderr.write(
        `mips aggregate: ${unknown.length > 0 ? `unknown option ${unknown.join(", ")}` : "expected at least one FILE"}; usage: mips aggregate [--lineage] FILE...\n`,
      );
      return 64;
    }
    const sources = [];
    for (const file of files) {
      const read = await readVendorInput(file);
      printWarnings(warningLines(read.warnings));
      sources.push({ sourceName: file === "-" ? "stdin" : file, submission: read.submission });
    }
    const result = aggregateSubmissions(sources);
    printWarnings(aggregationWarningLines(result.warnings));
    if (showLineage) process.stderr.write(`${lineageLines(result.lineage).join("\n")}\n`);
    process.stdout.write(`${JSON.stringify(result.submission, null, 2)}\n`);
    return 0;
  },
};
