/** A `mips` subcommand: returns the exit code; throws AppError for bad input (printed without a stack). */
export interface CliCommand {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
