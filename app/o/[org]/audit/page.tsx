import type { Metadata } from "next";
import { serverApi } from "@/server/caller";
import { forPage, getOrgContext } from "@/server/page-context";
import { AUDIT_RETENTION_YEARS } from "@/server/services/audit-trail";
import { AUDIT_PAGE_SIZE } from "@/server/routers/audit";
import { familyLabel } from "@/lib/audit/describe";
import { ForbiddenNotice } from "@/components/layout/forbidden-notice";
import { DownloadLink } from "@/components/reports/download-link";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export const metadata: Metadata = { title: "Audit log" };

function firstOf(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

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
  const page = Math.max(1, Number.parseInt(firstOf(query.page) || "1", 10) || 1);
  const filters = {
    actorUserId: isUuid(firstOf(query.actorUserId)) ? firstOf(query.actorUserId) : "",
    family: firstOf(query.family).slice(0, 60),
    action: firstOf(query.action).slice(0, 100),
    targetType: firstOf(query.targetType).slice(0, 60),
    targetId: firstOf(query.targetId).slice(0, 100),
    from: isDay(firstOf(query.from)) ? firstOf(query.from) : "",
    to: isDay(firstOf(query.to)) ? firstOf(query.to) : "",
  };
  const api = await serverApi();
  const [result, options] = await Promise.all([
    forPage(api.audit.trail({ organization: organization.id, page, pageSize: AUDIT_PAGE_SIZE, ...filters })),
    forPage(api.audit.filterOptions({ organization: organization.id })),
  ]);
  const kept = Object.entries(filters).filter(([, v]) => v !== "");
  const hrefFor = (p: number) => `/o/${organization.slug}/audit?${new URLSearchParams([...kept, ["page", String(p)]]).toString()}`;
  const exportHref = `/api/o/${organization.slug}/exports/audit.csv?${new URLSearchParams(kept).toString()}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change in this organization: who, when, from where, and each field before and after. Entries are kept for ${AUDIT_RETENTION_YEARS} years (CMS may ask for supporting documentation for six years) and cannot be edited or deleted: the database refuses it.`}
        actions={<DownloadLink href={exportHref}>Export CSV</DownloadLink>}
      />
      <form className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end" action={`/o/${organization.slug}/audit`} aria-label="Filter the audit log">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-actor">Who</Label>
          <NativeSelect id="audit-actor" name="actorUserId" defaultValue={filters.actorUserId}>
            <option value="">Anyone</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-family">What changed</Label>
          <NativeSelect id="audit-family" name="family" defaultValue={filters.family}>
            <option value="">Anything</option>
            {options.families.map((f) => (
              <option key={f} value={f}>
                {familyLabel(f)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-target">Record id</Label>
          <Input id="audit-target" name="targetId" defaultValue={filters.targetId} placeholder="any record" />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">From (UTC day)</Label>
          <Input id="audit-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">To (UTC day)</Label>
          <Input id="audit-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      <Card>
        <CardContent className="pt-5">
          <p className="mb-3 text-sm text-muted-foreground" data-testid="audit-total">
            {result.total} {result.total === 1 ? "entry" : "entries"}
            {kept.length ? " match the filter" : ""}.
          </p>
          <Table>
            <caption className="sr-only">Audit log entries, newest first</caption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">When (UTC)</TableHead>
                <TableHead scope="col">What happened</TableHead>
                <TableHead scope="col">Changes</TableHead>
                <TableHead scope="col">From</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.entries.map((e) => (
                <TableRow key={e.id} data-testid="audit-entry">
                  <TableCell className="whitespace-nowrap align-top">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
                  <TableCell className="align-top">
                    <span className="block">{e.sentence}</span>
                    <span className="block text-xs text-muted-foreground">
                      {e.actorEmail ?? "system"} · {e.action} ·{" "}
                      <a className="underline" href={`/o/${organization.slug}/audit?targetId=${encodeURIComponent(e.targetId)}`}>
                        history of this record
                      </a>
                    </span>
                  </TableCell>
                  <TableCell className="align-top">
                    {e.changes.length ? (
                      <dl className="grid gap-0.5 text-xs">
                        {e.changes.map((c) => (
                          <div key={c.field} className="break-words">
                            <dt className="inline font-medium">{c.label}: </dt>
                            <dd className="inline">
                              {c.before} → {c.after}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                  <TableCell className="align-top text-xs">{e.ip ?? "—"}</TableCell>
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
