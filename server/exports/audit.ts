/** The audit log as CSV, with the page's filters (admins): one line per entry, its sentence and its changes. */
import { pagesOf } from "@/lib/csv/stream";
import { auditFiltersInput } from "../routers/audit";
import type { TableExport } from "./tables";

const PAGE = 1000;

export const AUDIT_EXPORT: TableExport = {
  fileName: () => `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
  header: ["When (UTC)", "Who", "Email", "What happened", "Action", "Target type", "Target id", "Changes", "IP"],
  async *pages(api, p) {
    const filters = auditFiltersInput.parse(Object.fromEntries(["actorUserId", "family", "action", "targetType", "targetId", "from", "to"].map((k) => [k, p.search.get(k) ?? undefined])));
    const pages = pagesOf(async (page) => {
      const r = await api.audit.trail({ organization: p.organization, ...filters, page, pageSize: PAGE });
      return { rows: r.entries, total: r.total, pageSize: PAGE };
    });
    for await (const entries of pages) {
      yield entries.map((e) => [
        e.createdAt.toISOString().replace("T", " ").slice(0, 19),
        e.actorName ?? "System",
        e.actorEmail ?? "",
        e.sentence,
        e.action,
        e.targetType,
        e.targetId,
        e.changes.map((c) => `${c.label}: ${c.before} -> ${c.after}`).join("; "),
        e.ip ?? "",
      ]);
    }
  },
};
