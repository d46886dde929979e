/**
 * Typed domain errors. Domain code (lib/, server/services) throws these; one place maps them to
 * transport codes (tRPC in server/trpc.ts, exit codes in bin/). Domain code never imports tRPC.
 */
export type AppErrorCode =
  | "BAD_INPUT" // the caller's input is malformed or breaks a rule; the message says what and where
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT" // a unique key or a stale version
  | "TOO_MANY_REQUESTS";

/** One problem in a multi-part input: where it is (JSON path, row/column, element path) and what is wrong. */
export interface Issue {
  /** JSON path (`measurementSets[0].measurements[3].value.numerator`), `row 4, column NPI`, or an element path. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: Issue[];

  constructor(code: AppErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }
}

export function badInput(message: string, issues: Issue[] = []): AppError {
  return new AppError("BAD_INPUT", message, issues);
}

/** Renders an error with every issue on its own line, for CLIs and logs. */
export function describeError(error: AppError): string {
  if (error.issues.length === 0) return error.message;
  return [error.message, ...error.issues.map((i) => `  - ${i.path}: ${i.message}`)].join("\n");
}
