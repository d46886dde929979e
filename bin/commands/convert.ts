import type { CliCommand } from "./types";

// Placeholder until the command is implemented; it refuses rather than pretending.
export const convertCommand: CliCommand = {
  usage: "",
  summary: "(not implemented yet)",
  run() {
    process.stderr.write("mips: convert is not implemented yet\n");
    return Promise.resolve(1);
  },
};
