import { readFile } from "node:fs/promises";
import { badInput } from "../../lib/errors";

/** Reads a file's text, or stdin when the name is `-`; a missing file is a clear BAD_INPUT error. */
export async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
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
