import type { MembershipRole } from "@/db/schema/roles";

/** The organization navigation: each entry names the roles that see it. Paths are relative to /o/<org>. */
export interface NavItem {
  href: string;
  label: string;
  roles: readonly MembershipRole[];
}

const EVERYONE = ["admin", "clinician", "executive"] as const;
const STAFF = ["admin", "executive"] as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "", label: "Overview", roles: EVERYONE },
  { href: "/dashboard", label: "Dashboard", roles: STAFF },
  { href: "/dashboard/me", label: "My dashboard", roles: ["clinician"] },
  { href: "/tins", label: "TINs", roles: STAFF },
  { href: "/clinicians", label: "Clinicians", roles: EVERYONE },
  { href: "/data", label: "CEHRT data", roles: EVERYONE },
  { href: "/virtual-groups", label: "Virtual groups", roles: STAFF },
  { href: "/hardships", label: "Hardships", roles: STAFF },
  { href: "/deadlines", label: "Deadlines", roles: STAFF },
  { href: "/roster-import", label: "Import", roles: ["admin"] },
  { href: "/members", label: "Members", roles: ["admin"] },
  { href: "/audit", label: "Audit log", roles: ["admin"] },
];

export function navItemsFor(role: MembershipRole): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
