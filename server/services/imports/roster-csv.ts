/**
 * The streamed roster CSV import: the staged file is read back (a roster is at most tens of thousands of
 * rows: a few MB), then the roster import service (server/services/roster/roster-import.ts) checks
 * every row with its messages and commits all or nothing in its own transaction.
 */
import { AppError } from "@/lib/errors";
import { commitImport } from "../roster/roster-import";
import type { JobContext, JobResult } from "./run";

/** A roster larger than this is not a roster (50,000 clinicians is about 10 MB). */
const MAX_ROSTER_BYTES = 50 * 1024 * 1024;

export async function importRosterCsv(ctx: JobContext): Promise<JobResult> {
  const parts: Buffer[] = [];
  for await (const chunk of ctx.file()) {
    if (ctx.progress.bytesRead > MAX_ROSTER_BYTES) {
      throw new AppError("BAD_INPUT", `The file is over ${MAX_ROSTER_BYTES / 1024 / 1024} MB: a roster file holds one row per clinician and TIN; split it.`, [{ path: ctx.job.fileName, message: "too large for a roster" }]);
    }
    parts.push(chunk);
    await ctx.tick();
  }
  const csv = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(parts));
  parts.length = 0;
  await ctx.tick(true);
  await ctx.checkpoint("before-commit");
  let summary;
  try {
    summary = (await commitImport(ctx.db, ctx.scope, { csv, fileName: ctx.job.fileName })).summary;
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") {
      for (const issue of error.issues) ctx.problem({ path: `${ctx.job.fileName}: ${issue.path}`, message: issue.message }, 0);
      return { status: "failed", message: error.message };
    }
    throw error;
  }
  ctx.progress.rowsRead = summary.rowCount;
  await ctx.session.inTransaction((tx) => ctx.succeed(tx, { outcome: { ...summary }, message: `Imported ${ctx.job.fileName}: ${summary.rowCount.toLocaleString("en-US")} row(s).` }));
  return { status: "succeeded" };
}
