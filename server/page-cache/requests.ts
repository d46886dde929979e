/**
 * Which requests the rendered-page cache (server/page-cache/server.ts) may answer: a browser's document
 * request (GET, not one of the App Router's own RSC requests) for a page that shows only what the key
 * covers (key.ts: the organization's data version, the caller's session and memberships, the day), and
 * GET calls of tRPC queries whose results are already cached per data version (cachedForVersion).
 * Everything else goes to Next as it is.
 *
 * A page listed here must answer an error with an error status: it has no loading.tsx, error.tsx or
 * <Suspense> that would stream a fallback or an error under a 200, which would then be kept (10 minutes at
 * most) like a good page. Add one, and take the page off this list or mark such answers as not to be kept.
 */

/** Pages whose every read is of versioned data (db/schema/data-versions.ts), the caller and the day. */
const PAGES: readonly RegExp[] = [
  // The organization dashboard, one TIN's, and a clinician's (the clinician's own, or ?clinician=<id>).
  /^\/o\/([^/]+)\/dashboard$/,
  /^\/o\/([^/]+)\/dashboard\/tins\/[^/]+$/,
  /^\/o\/([^/]+)\/dashboard\/me$/,
];

/** tRPC queries computed through cachedForVersion (server/services/dashboards/cache.ts). */
const PROCEDURES: ReadonlySet<string> = new Set(["tins.list"]);

/** Headers of the App Router's client-side requests (RSC payloads, prefetches, server actions): never cached. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

export interface CacheableRequest {
  kind: "page" | "trpc";
  /** The organization the answer is about, as the URL names it (slug or id). */
  organization: string;
}

type Headers = Record<string, string | string[] | undefined>;

/** The organization named by every call of a tRPC GET (`input` is superjson: `{json: {...}}`, batched `{"0": {json}}`), or null. */
function trpcOrganization(procedures: string[], search: URLSearchParams): string | null {
  const raw = search.get("input");
  if (!raw) return null;
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    return null;
  }
  const batched = search.get("batch") === "1";
  const calls = batched ? procedures.map((_, i) => (input as Record<string, unknown> | null)?.[String(i)]) : [input];
  const names = calls.map((call) => {
    const json = (call as { json?: { organization?: unknown } } | null | undefined)?.json;
    return typeof json?.organization === "string" ? json.organization : null;
  });
  const first = names[0];
  return first && names.every((n) => n === first) ? first : null;
}

/** What a request is to the cache, or null when the cache must let Next answer it. */
export function cacheableRequest(method: string | undefined, url: string | undefined, headers: Headers): CacheableRequest | null {
  if (method !== "GET" || !url) return null;
  if (ROUTER_HEADERS.some((h) => headers[h] !== undefined)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, "http://portal.invalid");
  } catch {
    return null;
  }
  if (parsed.searchParams.has("_rsc")) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  for (const page of PAGES) {
    const match = page.exec(path);
    if (match) return { kind: "page", organization: match[1]! };
  }
  const trpc = /^\/api\/trpc\/([A-Za-z.,]+)$/.exec(path);
  if (trpc) {
    const procedures = trpc[1]!.split(",");
    if (!procedures.every((p) => PROCEDURES.has(p))) return null;
    const organization = trpcOrganization(procedures, parsed.searchParams);
    return organization ? { kind: "trpc", organization } : null;
  }
  return null;
}
