/**
 * One check for the ids an input carries: each must name a record of the caller's organization, else
 * NOT_FOUND, the same answer whether the id belongs to another tenant or to nobody (other tenants' ids
 * are not revealed). Services call it before anything else reads or writes with those ids, including
 * optional list filters, so another tenant's id never yields an empty page, a validation issue or a write.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cehrtProducts, clinicians, memberships, tins } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { OrgScope } from "./scope";

export interface RecordIds {
  tinId?: string | null | undefined;
  clinicianId?: string | null | undefined;
  productId?: string | null | undefined;
  /** A user: must be a member of the organization. */
  userId?: string | null | undefined;
}

function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `No such ${what} in this organization.`);
}

/** Throws NOT_FOUND for the first given id that is not a record of `scope`'s organization. */
export async function requireOrganizationRecords(db: Db, scope: OrgScope, ids: RecordIds): Promise<void> {
  const org = scope.organizationId;
  if (ids.tinId) {
    const [row] = await db.select({ id: tins.id }).from(tins).where(and(eq(tins.organizationId, org), eq(tins.id, ids.tinId)));
    if (!row) throw notFound("TIN");
  }
  if (ids.clinicianId) {
    const [row] = await db.select({ id: clinicians.id }).from(clinicians).where(and(eq(clinicians.organizationId, org), eq(clinicians.id, ids.clinicianId)));
    if (!row) throw notFound("clinician");
  }
  if (ids.productId) {
    const [row] = await db.select({ id: cehrtProducts.id }).from(cehrtProducts).where(and(eq(cehrtProducts.organizationId, org), eq(cehrtProducts.id, ids.productId)));
    if (!row) throw notFound("CEHRT product");
  }
  if (ids.userId) {
    const [row] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.organizationId, org), eq(memberships.userId, ids.userId)));
    if (!row) throw notFound("member");
  }
}
