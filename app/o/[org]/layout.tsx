import { AppHeader } from "@/components/layout/app-header";
import { OrgNav } from "@/components/layout/org-nav";
import { getOrgContext } from "@/server/page-context";

export const dynamic = "force-dynamic";

/** Every page under /o/<org>: a 404 for non-members (getOrgContext), the header and the role's navigation. */
export default async function OrganizationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role } = await getOrgContext(org);
  return (
    <>
      <AppHeader current={organization} />
      <OrgNav slug={organization.slug} role={role} />
      <main className="mx-auto max-w-7xl p-4 md:p-6">{children}</main>
    </>
  );
}
