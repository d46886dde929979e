/**
 * Computed dashboards cached per organization and data version (db/schema/data-versions.ts): every write
 * to what a dashboard reads bumps the organization's version in the same transaction, so an entry is
 * found only while the data it was computed from is still current, and never served stale. 50 sessions
 * opening the same dashboard compute it once (the entry holds the promise; a failure is not kept).
 *
 * Only for reads outside a transaction (the procedures' own database handle): the version is read
 * before the computation, so an entry holds data at least as new as its version; a newer commit makes
 * the next read miss. Entries are shared between requests: callers must not mutate what they get.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizationDataVersions } from "@/db/schema";
import type { OrgScope } from "../scope";

/** Entries kept per database handle (least recently used dropped first). */
const MAX_ENTRIES = 500;

/** The organization's data version (0 before its first counted write). */
export async function organizationDataVersion(db: Db, scope: OrgScope): Promise<number> {
  const [row] = await db
    .select({ version: organizationDataVersions.version })
    .from(organizationDataVersions)
    .where(eq(organizationDataVersions.organizationId, scope.organizationId));
  return row?.version ?? 0;
}

class VersionedCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  hits = 0;
  misses = 0;

  async get<T>(db: Db, scope: OrgScope, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await organizationDataVersion(db, scope);
    const full = `${scope.organizationId}|${version}|${key}`;
    const found = this.entries.get(full);
    if (found) {
      this.hits++;
      // Most recently used last.
      this.entries.delete(full);
      this.entries.set(full, found);
      return found as Promise<T>;
    }
    this.misses++;
    const computed = compute();
    this.entries.set(full, computed);
    computed.catch(() => {
      if (this.entries.get(full) === computed) this.entries.delete(full);
    });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return computed;
  }

  get size() {
    return this.entries.size;
  }
}

// One cache per database handle (tests run several databases in one process), kept across hot reloads.
const globalForCache = globalThis as unknown as { dashboardCaches?: WeakMap<Db, VersionedCache> };
const caches = (globalForCache.dashboardCaches ??= new WeakMap<Db, VersionedCache>());

export function dashboardCache(db: Db): VersionedCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new VersionedCache();
    caches.set(db, cache);
  }
  return cache;
}

/** `compute()` for (organization, data version, key), from the cache when the organization's data has not changed since. */
export function cachedForVersion<T>(db: Db, scope: OrgScope, key: string, compute: () => Promise<T>): Promise<T> {
  return dashboardCache(db).get(db, scope, key, compute);
}
