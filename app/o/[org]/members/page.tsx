import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { AddMemberForm } from "@/components/members/add-member-form";
import { MemberRoleControls } from "@/components/members/member-role-controls";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { organization, role } = await getOrgContext(org);
  if (role !== "admin") return <ForbiddenNotice needed="admin" role={role} />;
  const api = await serverApi();
  const members = await forPage(api.members.list({ organization: organization.id }));
  const adminCount = members.filter((m) => m.role === "admin").length;
  return (
    <>
      <PageHeader
        title="Members"
        description="Who can sign in to this organization, and with which role. Admins manage; clinicians see their own data; executives read everything."
      />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardContent className="pt-5">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Email</TableHead>
                  <TableHead>Role</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {members.map((m) => (
                  <TableRow key={m.membershipId}>
                    <TableCell className="font-medium">{m.name}</TableCell>
                    <TableCell>{m.email}</TableCell>
                    <TableCell>
                      <MemberRoleControls
                        organization={organization.id}
                        member={{ membershipId: m.membershipId, name: m.name, role: m.role, version: m.version }}
                        isLastAdmin={m.role === "admin" && adminCount <= 1}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Add a member</CardTitle>
            <CardDescription>
              An existing user is added with the role; for a new email, give a name and an initial password to share with them.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AddMemberForm organization={organization.id} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
