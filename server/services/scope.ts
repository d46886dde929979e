/**
 * Who is acting, and in which organization. Every tenant-scoped service takes one: its queries filter on
 * `scope.organizationId` (the lint rule `tenant/require-organization-filter` checks it) and its audit
 * entries name `scope.actorUserId`.
 */
export interface OrgScope {
  organizationId: string;
  /** Null when the system acts (seed, command-line import). */
  actorUserId: string | null;
  /** The caller's IP, recorded in the audit log. */
  ip: string | null;
}
