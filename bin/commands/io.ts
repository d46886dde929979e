import { readFileSync, writeSync } from "node:fs";
import { badInput } from "../../lib/errors";

/**
 * Writes all of `text` to fd 1 or 2 with plain synchronous writes: process.stdout / process.stderr would load
 * and set up Node's stream machinery first, about 10 ms of a `mips convert` run. Should the descriptor be
 * non-blocking and full (EAGAIN), the rest goes through the stream as usual; a closed reader (EPIPE, `| head`)
 * ends the output quietly, as other command-line tools do.
 */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return;
      if (code !== "EAGAIN") throw error;
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(offset));
      return;
    }
  }
}

export function writeStdout(text: string): void {
  writeAll(1, text);
}

export function writeStderr(text: string): void {
  writeAll(2, text);
}

/** Reads a file's text, or stdin when the name is `-`; a missing file is a clear BAD_INPUT error. */
export async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return readFileSync(file, "utf8"); // synchronous: one file, nothing else to wait for, no thread pool hop
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw badInput(code === "ENOENT" ? `file not found: ${file}` : `cannot read ${file}: ${code ?? "unknown error"}`);
  }
}

/** Parses JSON text; a syntax error names the source and what JSON.parse said. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badInput(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}
