import type { CliCommand } from "./types";

// Placeholder until the command is implemented; it refuses rather than pretending.
export const scoreCommand: CliCommand = {
  usage: "",
  summary: "(not implemented yet)",
  run() {
    process.stderr.write("mips: score is not implemented yet\n");
    return Promise.resolve(1);
  },
};
