/** Small helpers shared by the roster services: typed errors for missing rows, stale versions and duplicates. */
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { staleVersionMessage } from "../audit";
import type { OrgScope } from "../scope";

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `No such ${what} in this organization.`);
}

/** Refuses an update against a stale version, naming who changed the record and when. */
export async function assertVersion(tx: Db, scope: OrgScope, row: { id: string; version: number }, expected: number, targetType: string, what: string) {
  if (row.version !== expected) throw new AppError("CONFLICT", await staleVersionMessage(tx, scope, targetType, row.id, what));
}

/** True for Postgres' unique_violation (23505), also when drizzle wraps the driver's error. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** `YYYY-MM-DD` bounds of a performance year. */
export function yearBounds(year: number) {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}
