/**
 * `mips aggregate [--tin TIN] [--lineage] FILE...`: QRDA III and/or QPP JSON files of one TIN -> one group
 * submission on stdout (pipe it into `mips score -`). With --tin, every file must be that TIN's. Warnings, and with --lineage the per-measure lineage, go to
 * stderr so stdout stays the submission.
 */
import { type AggregationWarning, aggregateSubmissions } from "../../lib/mips/aggregation";
import { type Lineage, showValue } from "../../lib/mips/lineage";
import { printWarnings, readVendorInput, warningLines } from "./convert";
import type { CliCommand } from "./types";
import { writeStdout, writeStderr } from "./io";

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

const USAGE = "usage: mips aggregate [--tin TIN] [--lineage] FILE...";

interface AggregateArgs {
  tin: string | null;
  showLineage: boolean;
  files: string[];
}

/** The options and files, or the message of what is wrong with them. */
function parseArgs(args: readonly string[]): AggregateArgs | string {
  const out: AggregateArgs = { tin: null, showLineage: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--lineage") out.showLineage = true;
    else if (arg === "--tin" || arg.startsWith("--tin=")) {
      const value = arg === "--tin" ? args[++i] : arg.slice("--tin=".length);
      const digits = value?.replace(/-/g, "") ?? "";
      if (!/^\d{9}$/.test(digits)) return `--tin expects the group's 9-digit TIN (got ${value === undefined ? "nothing" : JSON.stringify(value)})`;
      out.tin = digits;
    } else if (arg === "--") continue;
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else out.files.push(arg);
  }
  return out.files.length > 0 ? out : "expected at least one FILE";
}

export const aggregateCommand: CliCommand = {
  usage: "[--tin TIN] [--lineage] FILE...",
  summary:
    "aggregate QRDA III / QPP JSON files of one TIN into one group submission on stdout (rules 6.7); --tin checks every file is that TIN's; --lineage prints which file contributed what to stderr",
  async run(args) {
    const parsed = parseArgs(args);
    if (typeof parsed === "string") {
      writeStderr(`mips aggregate: ${parsed}; ${USAGE}\n`);
      return 64;
    }
    const { tin, showLineage, files } = parsed;
    const sources = [];
    for (const file of files) {
      const read = await readVendorInput(file);
      printWarnings(warningLines(read.warnings));
      sources.push({ sourceName: file === "-" ? "stdin" : file, submission: read.submission });
    }
    const others = tin ? sources.filter((s) => s.submission.taxpayerIdentificationNumber !== tin) : [];
    if (others.length > 0) {
      const list = others.map((s) => `${s.sourceName} (${s.submission.taxpayerIdentificationNumber ?? "no TIN"})`).join(", ");
      writeStderr(`mips aggregate: --tin ${tin} was given, but these files are for another TIN: ${list}; nothing was aggregated\n`);
      return 1;
    }
    const result = aggregateSubmissions(sources);
    printWarnings(aggregationWarningLines(result.warnings));
    if (showLineage) writeStderr(`${lineageLines(result.lineage).join("\n")}\n`);
    writeStdout(`${JSON.stringify(result.submission, null, 2)}\n`);
    return 0;
  },
};
