/**
 * The organization overview of a year, computed once per data version (cache.ts) within the tenant's share
 * of the server (limits/tenant-gate.ts): the overview dashboard, the deadlines page and the organization's
 * home page read the same entry instead of each recomputing every TIN (about 0.8-1.4 s at 1,000 TINs).
 * Only for the procedures' own database handle (outside a transaction), as cache.ts says.
 */
import type { Db } from "@/db/client";
import { withinTenantShare } from "../../limits/tenant-gate";
import type { OrgScope } from "../scope";
import { cachedForVersion } from "./cache";
import { organizationOverview } from "./overview";

export function cachedOrganizationOverview(db: Db, scope: OrgScope, performanceYear: number) {
  return cachedForVersion(db, scope, `overview|${performanceYear}`, () => withinTenantShare(scope.organizationId, () => organizationOverview(db, scope, { performanceYear })));
}
