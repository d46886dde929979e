/** Membership roles, importable by client components (no drizzle here). */
export const MEMBERSHIP_ROLES = ["admin", "clinician", "executive"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
