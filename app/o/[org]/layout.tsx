import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { OrgNav } from "@/components/layout/org-nav";
import { getOrgContext } from "@/server/page-context";

export const dynamic = "force-dynamic";

/** Every page under /o/<org>: a 404 for non-members (getOrgContext), the header and the role's navigation. */
export default async function OrganizationLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role, twoFactorRequired } = await getOrgContext(org);
  if (twoFactorRequired) {
    // An admin without a second factor where the organization requires one: nothing here until it is set up.
    return (
      <>
        <AppHeader current={organization} />
        <main className="mx-auto max-w-3xl p-4 md:p-6">
          <Alert variant="destructive">
            <AlertTitle>Two-factor authentication required</AlertTitle>
            <AlertDescription>
              {organization.name} requires its admins to use two-factor authentication. Set it up on your{" "}
              <Link className="underline" href="/account">
                account page
              </Link>
              , or sign in again with your code.
            </AlertDescription>
          </Alert>
        </main>
      </>
    );
  }
  return (
    <>
      <AppHeader current={organization} />
      <OrgNav slug={organization.slug} role={role} />
      <main className="mx-auto max-w-7xl p-4 md:p-6">{children}</main>
    </>
  );
}
