/**
 * `mips convert FILE`: one QRDA III file (or a QPP JSON file, which is validated) -> the QPP Submissions
 * JSON on stdout. Warnings (mapped measure ids, NPIs failing the check digit, ...) go to stderr so stdout
 * stays pipeable into `mips score -`.
 */
import { statSync } from "node:fs";
import { badInput } from "../../lib/errors";
import { type FormatWarning, MAX_XML_BYTES, describeWarning, readVendorFile } from "../../lib/formats";
import type { VendorFileResult } from "../../lib/formats";
import { readInput, writeStderr, writeStdout } from "./io";
import type { CliCommand } from "./types";

/** Refuses an oversized file before reading it (the reader checks again for stdin and the app). */
function assertFileSize(file: string): void {
  if (file === "-") return;
  let info: { size: number } | null = null;
  try {
    info = statSync(file);
  } catch {
    info = null; // missing or unreadable: readInput says which
  }
  if (info && info.size > MAX_XML_BYTES) {
    throw badInput(
      `${file} is too large: ${(info.size / (1024 * 1024)).toFixed(1)} MB (the limit for a vendor file is ${MAX_XML_BYTES / (1024 * 1024)} MB)`,
    );
  }
}

/** Reads one vendor file (`-` = stdin), detects its format by content, and reads it into a Submission. */
export async function readVendorInput(file: string): Promise<VendorFileResult> {
  assertFileSize(file);
  const text = await readInput(file);
  return readVendorFile(text, file === "-" ? "stdin" : file);
}

export function printWarnings(lines: readonly string[]): void {
  for (const line of lines) writeStderr(`mips: warning: ${line}\n`);
}

export function warningLines(warnings: readonly FormatWarning[]): string[] {
  return warnings.map(describeWarning);
}

export const convertCommand: CliCommand = {
  usage: "FILE",
  summary: "convert one QRDA III file (or check one QPP JSON file) into QPP Submissions JSON on stdout; FILE may be - for stdin",
  async run(args) {
    const files = args.filter((a) => a !== "--");
    const [file, ...rest] = files;
    if (!file || rest.length > 0 || (file.startsWith("-") && file !== "-")) {
      writeStderr(`mips convert: expected exactly one FILE (or - for stdin), got ${args.length === 0 ? "none" : args.join(" ")}\n`);
      return 64;
    }
    const result = await readVendorInput(file);
    printWarnings(warningLines(result.warnings));
    writeStdout(`${JSON.stringify(result.submission, null, 2)}\n`);
    return 0;
  },
};
