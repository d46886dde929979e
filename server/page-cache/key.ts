/**
 * The rendered-page cache's key for a request (server/page-cache/server.ts), or null when the request must
 * go to Next: no live session (not signed in, signed out, revoked, expired: the same findSessionUser every
 * procedure runs, which also keeps the session's last-seen time), or not a member of the organization the
 * URL names (Next answers 404). The key holds everything the cached pages show (requests.ts): the URL,
 * the organization's data version (bumped in the same transaction as every write to what a dashboard reads),
 * the user and this session's second factor, every membership of the user (the role, and the organization
 * switcher in the header), the day (deadlines count days), and the host and user agent (Next renders
 * metadata differently for bots). A page is therefore only ever served to the user it was rendered for,
 * and only while none of that has changed.
 */
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { listMyOrganizationsWithDataVersions } from "../services/organizations";
import { findSessionUser } from "../services/sessions";
import type { SessionCookieDecoder } from "../session-cookie";
import type { CacheableRequest } from "./requests";

export interface PageCacheKeyDeps {
  db: Db;
  cookies: SessionCookieDecoder;
  /** The session cookie's name (session-cookie.ts sessionCookieName). */
  cookieName: string;
  now?: () => Date;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The session cookie's value when the Cookie header holds it exactly once and no split part of it (`<name>.0`,
 * ...), URL-decoded as Next's cookie parser decodes it; otherwise null. Two session cookies (one planted from
 * a sibling domain, say) must never be cached: this key would name one user while Next, which takes the
 * last one, renders the page for the other.
 */
export function soleSessionCookie(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  let found: string | null = null;
  let count = 0;
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    const cookieName = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (cookieName === name) {
      count++;
      found = part.slice(eq + 1).trim();
    } else if (cookieName.startsWith(`${name}.`)) {
      return null;
    }
  }
  if (count !== 1 || !found) return null;
  try {
    return decodeURIComponent(found);
  } catch {
    return null;
  }
}

export async function pageCacheKey(deps: PageCacheKeyDeps, request: { url: string; headers: Headers; target: CacheableRequest }): Promise<string | null> {
  // No cookie, two of them, or one next-auth split in parts (`.0`, `.1`: the app decodes those through getServerSession).
  const token = soleSessionCookie(request.headers.cookie, deps.cookieName);
  if (!token) return null;
  const claims = await deps.cookies.decode(token);
  if (!claims?.sub || typeof claims.sid !== "string") return null;
  const now = deps.now?.() ?? new Date();
  // Two queries at once, one round trip: the session check, and the memberships with their organizations' data versions.
  const [user, memberships] = await Promise.all([findSessionUser(deps.db, { userId: claims.sub, sessionId: claims.sid }, now), listMyOrganizationsWithDataVersions(deps.db, claims.sub)]);
  if (!user) return null;
  const membership = memberships.find((m) => m.organization.id === request.target.organization || m.organization.slug === request.target.organization);
  if (!membership) return null;
  const parts = [
    request.target.kind,
    request.url,
    request.headers.host ?? "",
    request.headers["user-agent"] ?? "",
    { id: user.id, email: user.email, name: user.name, twoFactorVerified: user.twoFactorVerified },
    memberships.map((m) => [m.membershipId, m.role, m.organization.id, m.organization.slug, m.organization.name, m.organization.requireAdminTwoFactor]),
    membership.organization.id,
    // This organization's only: a write elsewhere changes nothing here.
    membership.dataVersion,
    now.toISOString().slice(0, 10),
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url");
}
