import Link from "next/link";
import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { navItemsFor } from "@/components/layout/nav-items";
import { OrganizationDeadlines } from "@/components/deadlines/organization-deadlines";
import { currentPerformanceYear } from "@/lib/mips/years";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Overview" };

const ROLE_SUMMARY = {
  admin: "You manage this organization: its roster, members, data imports and submissions.",
  executive: "You can read everything in this organization; you cannot change it.",
  clinician: "You see and log your own measure data, and your own score.",
} as const;

export default async function OrganizationHomePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role, twoFactorRequired } = await getOrgContext(org);
  const api = await serverApi();
  const year = currentPerformanceYear();
  const [membersByRole, recent, deadlines] = await Promise.all([
    // An admin who must still set up two-factor sees the layout's notice; the counts are not asked for.
    twoFactorRequired ? [] : forPage(api.organizations.memberCounts({ organization: organization.id })),
    role === "admin" ? forPage(api.audit.trail({ organization: organization.id, page: 1, pageSize: 5 })) : null,
    role === "clinician" ? null : forPage(api.deadlines.organization({ organization: organization.id, performanceYear: year })),
  ]);
  const total = membersByRole.reduce((sum, r) => sum + r.total, 0);
  return (
    <>
      <PageHeader title={organization.name} description={ROLE_SUMMARY[role]} />
      <div className="grid gap-4 md:grid-cols-3">
        <Card>
          <CardHeader>
            <CardDescription>Members</CardDescription>
            <CardTitle className="text-3xl">{total}</CardTitle>
          </CardHeader>
          <CardContent className="text-sm text-muted-foreground">
            {membersByRole.map((r) => `${r.total} ${r.role}${r.total === 1 ? "" : "s"}`).join(" · ")}
          </CardContent>
        </Card>
        <Card className="md:col-span-2">
          <CardHeader>
            <CardTitle>Go to</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="flex flex-wrap gap-2">
              {navItemsFor(role)
                .filter((item) => item.href !== "")
                .map((item) => (
                  <li key={item.href}>
                    <Link className="text-sm text-primary underline-offset-4 hover:underline" href={`/o/${organization.slug}${item.href}`}>
                      {item.label}
                    </Link>
                  </li>
                ))}
            </ul>
          </CardContent>
        </Card>
      </div>
      {deadlines ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Deadlines for {year}</CardTitle>
            <CardDescription>
              What is due and what is still open. <Link className="underline" href={`/o/${organization.slug}/deadlines?year=${year}`}>All deadlines and other years</Link>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <OrganizationDeadlines deadlines={deadlines.filter((d) => d.state === "open")} orgBase={`/o/${organization.slug}`} compact />
          </CardContent>
        </Card>
      ) : null}
      {recent ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>Recent changes</CardTitle>
            <CardDescription>
              The latest entries of the <Link className="underline" href={`/o/${organization.slug}/audit`}>audit log</Link>.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Who</TableHead>
                  <TableHead>What</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {recent.entries.slice(0, 5).map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{e.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</TableCell>
                    <TableCell>{e.actorName ?? "System"}</TableCell>
                    <TableCell>{e.sentence}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}
