/**
 * `mips score FILE|-`: scores the PI/ACI category of one QPP Submissions API JSON object and prints the
 * result as one JSON object on stdout (contract: issue 3). Bad input throws AppError (stderr, exit 1).
 */
import { badInput } from "../../lib/errors";
import { scoreSubmission } from "../../lib/mips/score-submission";
import { parseJson, readInput, writeStdout } from "./io";
import type { CliCommand } from "./types";

export const scoreCommand: CliCommand = {
  usage: "FILE|-",
  summary: "score the PI category (ACI in 2017) of a QPP submission JSON of any year 2017-2026 by its own rules (FILE, or - for stdin)",
  async run(args) {
    const [file, ...rest] = args;
    if (!file || rest.length > 0) {
      throw badInput(`usage: mips score FILE|- (got ${args.length === 0 ? "no argument" : args.map((a) => `"${a}"`).join(" ")})`);
    }
    const source = file === "-" ? "stdin" : file;
    const report = scoreSubmission(parseJson(await readInput(file), source), source);
    writeStdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
};
