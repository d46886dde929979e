/**
 * `npm run -s mips -- <command> ...`: the command-line face of lib/mips and lib/formats.
 * Thin: parse arguments, call lib/, print. Errors go to stderr as plain messages, never stack traces.
 */
import { AppError, describeError } from "../lib/errors";
import type { CliCommand } from "./commands/types";
import { scoreCommand } from "./commands/score";
import { convertCommand } from "./commands/convert";
import { aggregateCommand } from "./commands/aggregate";
import { writeStdout, writeStderr } from "./commands/io";

const commands: Record<string, CliCommand> = {
  score: scoreCommand,
  convert: convertCommand,
  aggregate: aggregateCommand,
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  mips ${name} ${c.usage}\n      ${c.summary}`);
  return `usage:\n${lines.join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") {
    writeStdout(usage());
    return name ? 0 : 64;
  }
  const command = commands[name];
  if (!command) {
    writeStderr(`mips: unknown command "${name}"\n${usage()}`);
    return 64;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof AppError) {
      writeStderr(`mips: ${describeError(error)}\n`);
      process.exitCode = 1;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeStderr(`mips: internal error: ${message}\n`);
      process.exitCode = 70;
    }
  },
);
