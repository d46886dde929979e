import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { InvitationControls } from "@/components/members/invitation-controls";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { TwoFactorPolicy } from "@/components/members/two-factor-policy";
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
  const [members, invitations] = await Promise.all([
    forPage(api.members.list({ organization: organization.id })),
    forPage(api.members.invitations({ organization: organization.id })),
  ]);
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
            <CardTitle>Invite a member</CardTitle>
            <CardDescription>
              We email a link that works once, for 7 days. They join when they accept: by signing in with that email, or by choosing a
              name and password.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteMemberForm organization={organization.id} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Two-factor for admins</CardTitle>
            <CardDescription>Require admins to sign in with a second factor (an authenticator app).</CardDescription>
          </CardHeader>
          <CardContent>
            <TwoFactorPolicy organization={organization.id} required={organization.requireAdminTwoFactor} />
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Pending invitations</CardTitle>
            <CardDescription>Not accepted yet. Resending sends a new link (the old one stops working) valid for 7 more days.</CardDescription>
          </CardHeader>
          <CardContent>
            {invitations.length === 0 ? (
              <p className="text-sm text-muted-foreground">No pending invitations.</p>
            ) : (
              <Table aria-label="Pending invitations">
                <TableHeader>
                  <TableRow>
                    <TableHead>Email</TableHead>
                    <TableHead>Role</TableHead>
                    <TableHead>Expires</TableHead>
                    <TableHead>Actions</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {invitations.map((i) => (
                    <TableRow key={i.invitationId}>
                      <TableCell>{i.email}</TableCell>
                      <TableCell>{i.role}</TableCell>
                      <TableCell>{i.expired ? "expired" : i.expiresAt.toISOString().slice(0, 10)}</TableCell>
                      <TableCell>
                        <InvitationControls organization={organization.id} invitationId={i.invitationId} email={i.email} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
