import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { AUDIT_PAGE_SIZE } from "@/server/routers/audit";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Audit log" };

function firstOf(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">—</span>;
  return <pre className="max-w-sm overflow-x-auto whitespace-pre-wrap break-words text-xs">{JSON.stringify(value, null, 1)}</pre>;
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ org }, query] = await Promise.all([params, searchParams]);
  const { organization, role } = await getOrgContext(org);
  if (role !== "admin") return <ForbiddenNotice needed="admin" role={role} />;
  const page = Math.max(1, Number.parseInt(firstOf(query.page) ?? "1", 10) || 1);
  const action = firstOf(query.action)?.trim() || undefined;
  const api = await serverApi();
  const result = await forPage(api.audit.list({ organization: organization.id, page, action }));
  const hrefFor = (p: number) => {
    const sp = new URLSearchParams({ page: String(p) });
    if (action) sp.set("action", action);
    return `/o/${organization.slug}/audit?${sp.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this organization: who, when, from where, and the values before and after. Entries cannot be edited or deleted."
      />
      <form className="mb-4 flex items-end gap-2" action={`/o/${organization.slug}/audit`}>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input id="audit-action" name="action" defaultValue={action} placeholder="e.g. member.added" className="w-64" />
        </div>
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      <Card>
        <CardContent className="pt-5">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>When (UTC)</TableHead>
                <TableHead>Who</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Target</TableHead>
                <TableHead>Before</TableHead>
                <TableHead>After</TableHead>
                <TableHead>IP</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.entries.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
                  <TableCell>{e.actorName ? `${e.actorName} (${e.actorEmail})` : "System"}</TableCell>
                  <TableCell className="font-mono text-xs">{e.action}</TableCell>
                  <TableCell className="text-xs">
                    {e.targetType} <span className="font-mono text-muted-foreground">{e.targetId.slice(0, 8)}</span>
                  </TableCell>
                  <TableCell>
                    <Json value={e.before} />
                  </TableCell>
                  <TableCell>
                    <Json value={e.after} />
                  </TableCell>
                  <TableCell className="text-xs">{e.ip ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pagination page={result.page} pageSize={AUDIT_PAGE_SIZE} total={result.total} hrefFor={hrefFor} />
        </CardContent>
      </Card>
    </>
  );
}
