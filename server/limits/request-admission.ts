/**
 * Fair admission of whole requests: at most `maxActive` requests are handled at once in this server process;
 * the others wait, and the next one to start belongs to the waiting tenant that has had the least of the
 * server's time lately (the time its requests spent being handled, halved every `halfLifeMs`; ties go
 * round-robin), then to that tenant's users in turn, then first come first served. Counting time rather than
 * requests matters: a health system's pages cost more than a small practice's, and turns by request gave it
 * most of the server. 50 busy sessions of a health system therefore share the server evenly with a small
 * practice's few instead of standing in front of them, a tenant that was quiet starts first, and within a
 * tenant one user (or a user of another tenant typing its URLs) cannot take the tenant's whole share.
 *
 * The event loop is one core: with every request admitted at once, a request's latency is the work of all of
 * them (bench:load measured a small tenant at 926 ms under a big tenant's load against 117 ms alone). The
 * procedures' own limits (tenant-gate.ts, concurrency.ts) still bound what one computation may take.
 *
 * A request waits at most `maxWaitMs`, and a tenant holds at most `maxQueuedPerTenant` waiting requests; past
 * either, it is answered 503 with Retry-After and a plain message instead of holding memory and a connection.
 * A client that gives up while waiting (the connection closes) leaves the queue. Installed at server start
 * (instrumentation.ts -> server/start.ts) on http.Server's "request" event, as server/peer-address.ts is.
 */
import http from "node:http";

export interface AdmissionLimits {
  /** Requests handled at once; 0 turns admission off (every request starts at once). */
  maxActive: number;
  maxQueuedPerTenant: number;
  maxWaitMs: number;
  /** How fast a tenant's past use of the server is forgotten: it counts half after this long (default 2 s). */
  halfLifeMs?: number;
  /**
   * A request still running after this long (default 100 ms: a page render, an export) gives its place to the
   * next one, so a slow request does not hold back the few places of this process; at most `maxReleased`
   * (default 8) such requests run beyond maxActive at once (the others ask again each releaseAfterMs). 0 never
   * gives a place back.
   */
  releaseAfterMs?: number;
  maxReleased?: number;
}

/**
 * 2 at once (REQUEST_CONCURRENCY, server/env.ts): on this 2-core machine (bench:load, 50,000 clinicians, 50 + 5
 * sessions, 60 s) 2 served the big tenant 387 requests/s at p95 204-206 ms and the small tenant at p95 31 ms
 * (13 alone); 4 served 387/s at 225-231 ms and 50 ms (10 alone): with more requests at once in one event loop,
 * each takes longer, the small tenant's too. With 2, a tenant holds one place while another tenant is there.
 */
export const ADMISSION_LIMITS: AdmissionLimits = { maxActive: 2, maxQueuedPerTenant: 400, maxWaitMs: 30_000 };

/** Who a request is counted against: its tenant (an organization's slug, or the anonymous pool) and, within it, the user. */
export interface AdmissionKey {
  tenant: string;
  user: string;
}

interface Waiting {
  start: () => void;
  refuse: (retryAfterSeconds: number, message: string) => void;
  timer: ReturnType<typeof setTimeout>;
  key: AdmissionKey;
}

/** A ticket of an admitted or waiting request: `done` when its response has ended, `cancel` if it gave up waiting. */
export interface AdmissionTicket {
  done(): void;
  cancel(): void;
}

export class FairAdmission {
  private active = 0;
  /** Requests handled now, per tenant: one tenant holds at most maxActive - 1 places (tenantCap). */
  private readonly activePerTenant = new Map<string, number>();
  /** tenant -> user -> waiting requests; Map order is the round-robin order (a served entry moves to the end). */
  private readonly waiting = new Map<string, Map<string, Waiting[]>>();
  private readonly queuedPerTenant = new Map<string, number>();
  /** Per tenant: the time its finished requests were handled (ms, decayed to `at`), and its running requests' start times summed. */
  private readonly used = new Map<string, { ms: number; at: number; runningStarts: number; running: number }>();
  private readonly halfLifeMs: number;
  /** Requests still running that gave their place back (releaseAfterMs). */
  private released = 0;

  /** `now` (ms, monotonic) is the clock the time used is measured with (tests give their own). */
  constructor(
    private readonly limits: AdmissionLimits = ADMISSION_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.halfLifeMs = limits.halfLifeMs ?? 2000;
  }

  /** The tenant's use of the server lately: finished requests' time, decayed, plus what its running requests have taken so far. */
  usedBy(tenant: string, at = this.now()): number {
    const u = this.used.get(tenant);
    if (!u) return 0;
    return u.ms * 2 ** (-(at - u.at) / this.halfLifeMs) + (u.running * at - u.runningStarts);
  }

  private began(tenant: string, at: number): void {
    const u = this.used.get(tenant) ?? { ms: 0, at, runningStarts: 0, running: 0 };
    u.running++;
    u.runningStarts += at;
    this.used.set(tenant, u);
  }

  private ended(tenant: string, startedAt: number, at: number): void {
    const u = this.used.get(tenant);
    if (!u) return;
    u.ms = u.ms * 2 ** (-(at - u.at) / this.halfLifeMs) + (at - startedAt);
    u.at = at;
    u.running--;
    u.runningStarts -= startedAt;
    // Forgotten once it no longer counts: the map holds the tenants of the last minute or so, not every tenant ever seen.
    if (u.running === 0 && u.ms < 0.01) this.used.delete(tenant);
  }

  /** Drops what no longer counts (called as requests end, so the map stays small). */
  private forget(at: number): void {
    if (this.used.size < 64) return;
    for (const [tenant, u] of this.used) {
      if (u.running === 0 && u.ms * 2 ** (-(at - u.at) / this.halfLifeMs) < 0.01) this.used.delete(tenant);
    }
  }

  /**
   * The places one tenant may hold: all but one (when there are two or more), so a request of another tenant
   * starts at once instead of waiting for a busy tenant's request to end. With cached pages answered in 2-3
   * ms that wait was most of a small tenant's time under a big tenant's load (bench:load at 50,000 clinicians:
   * 51 ms p95 against 12 ms alone).
   */
  private get tenantCap(): number {
    return this.limits.maxActive > 1 ? this.limits.maxActive - 1 : this.limits.maxActive;
  }

  private underCap(tenant: string): boolean {
    return (this.activePerTenant.get(tenant) ?? 0) < this.tenantCap;
  }

  /** Requests handled now and waiting (tests, health figures). */
  get state() {
    let queued = 0;
    for (const n of this.queuedPerTenant.values()) queued += n;
    return { active: this.active, queued, released: this.released };
  }

  /**
   * Starts `start` now if a place is free and nobody waits, else queues it. `refuse` is called instead of
   * `start` when the tenant's queue is full or the wait runs out. The ticket's `done` must be called once the
   * request is over (after `start`), `cancel` when the client leaves while waiting (no effect once started).
   */
  admit(key: AdmissionKey, start: () => void, refuse: (retryAfterSeconds: number, message: string) => void): AdmissionTicket {
    let started = false;
    let finished = false;
    let startedAt = 0;
    let releaseTimer: ReturnType<typeof setTimeout> | undefined;
    let gaveBack = false;
    const freePlace = () => {
      this.active--;
      const held = (this.activePerTenant.get(key.tenant) ?? 1) - 1;
      if (held <= 0) this.activePerTenant.delete(key.tenant);
      else this.activePerTenant.set(key.tenant, held);
    };
    const ticket: AdmissionTicket = {
      done: () => {
        if (!started || finished) return;
        finished = true;
        clearTimeout(releaseTimer);
        const at = this.now();
        // Its time counts for its tenant whether or not it gave its place back.
        this.ended(key.tenant, startedAt, at);
        this.forget(at);
        if (gaveBack) this.released--;
        else freePlace();
        this.startNext();
      },
      cancel: () => {
        if (started || finished) return;
        finished = true;
        this.remove(entry);
      },
    };
    const begin = () => {
      started = true;
      startedAt = this.now();
      this.began(key.tenant, startedAt);
      this.active++;
      this.activePerTenant.set(key.tenant, (this.activePerTenant.get(key.tenant) ?? 0) + 1);
      const releaseAfter = this.limits.releaseAfterMs ?? 100;
      if (releaseAfter > 0 && this.limits.maxActive > 0) {
        // While maxReleased requests already run beyond the places, it asks again releaseAfter later.
        const giveBack = () => {
          if (finished) return;
          if (this.released >= (this.limits.maxReleased ?? 8)) {
            releaseTimer = setTimeout(giveBack, releaseAfter);
            releaseTimer.unref?.();
            return;
          }
          gaveBack = true;
          this.released++;
          freePlace();
          this.startNext();
        };
        releaseTimer = setTimeout(giveBack, releaseAfter);
        releaseTimer.unref?.();
      }
      start();
    };
    // At once when a place is free for this tenant and no waiting request could take it (those waiting all
    // belong to tenants holding their share): a new request never starts ahead of one that could.
    if (this.limits.maxActive <= 0 || (this.active < this.limits.maxActive && this.underCap(key.tenant) && !this.someoneWaitingCouldStart())) {
      begin();
      return ticket;
    }
    const queued = this.queuedPerTenant.get(key.tenant) ?? 0;
    const retry = Math.max(1, Math.ceil(this.limits.maxWaitMs / 4000));
    if (queued >= this.limits.maxQueuedPerTenant) {
      finished = true;
      refuse(retry, `The portal is busy: ${queued} requests of your organization are waiting. Try again in ${retry} s.`);
      return ticket;
    }
    const entry: Waiting = {
      key,
      start: begin,
      refuse,
      timer: setTimeout(() => {
        if (finished) return;
        finished = true;
        this.remove(entry);
        refuse(retry, `The portal is busy: this request waited ${Math.round(this.limits.maxWaitMs / 1000)} s. Try again in ${retry} s.`);
      }, this.limits.maxWaitMs),
    };
    let users = this.waiting.get(key.tenant);
    if (!users) this.waiting.set(key.tenant, (users = new Map()));
    const list = users.get(key.user);
    if (list) list.push(entry);
    else users.set(key.user, [entry]);
    this.queuedPerTenant.set(key.tenant, queued + 1);
    return ticket;
  }

  private someoneWaitingCouldStart(): boolean {
    for (const tenant of this.waiting.keys()) if (this.underCap(tenant)) return true;
    return false;
  }

  /** The next waiting request: of the tenants not holding their share, the one that used the server least lately (the first in turn among equals), its first user in turn, that user's oldest request. */
  private startNext(): void {
    while (this.active < this.limits.maxActive) {
      const next = this.takeNext();
      if (!next) return;
      clearTimeout(next.timer);
      next.start();
    }
  }

  private takeNext(): Waiting | undefined {
    let found: [string, Map<string, Waiting[]>] | undefined;
    let least = Infinity;
    const at = this.now();
    for (const entry of this.waiting) {
      if (!this.underCap(entry[0])) continue;
      const used = this.usedBy(entry[0], at);
      if (used < least) {
        found = entry;
        least = used;
      }
    }
    if (!found) return undefined;
    const [tenant, users] = found;
    const [user, list] = users.entries().next().value as [string, Waiting[]];
    const entry = list.shift() as Waiting;
    // Both move to the end of their turn order: the other tenants, and the tenant's other users, go first.
    users.delete(user);
    if (list.length > 0) users.set(user, list);
    this.waiting.delete(tenant);
    if (users.size > 0) this.waiting.set(tenant, users);
    this.decrementQueued(tenant);
    return entry;
  }

  private remove(entry: Waiting): void {
    clearTimeout(entry.timer);
    const users = this.waiting.get(entry.key.tenant);
    const list = users?.get(entry.key.user);
    const at = list?.indexOf(entry) ?? -1;
    if (!users || !list || at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) users.delete(entry.key.user);
    if (users.size === 0) this.waiting.delete(entry.key.tenant);
    this.decrementQueued(entry.key.tenant);
  }

  private decrementQueued(tenant: string): void {
    const n = (this.queuedPerTenant.get(tenant) ?? 1) - 1;
    if (n <= 0) this.queuedPerTenant.delete(tenant);
    else this.queuedPerTenant.set(tenant, n);
  }
}

/** Paths that are never queued: Next's static files, the health check (it must answer under load), the streamed upload route (its body may take minutes to arrive; it has its own limits). */
export function bypassesAdmission(method: string | undefined, pathname: string): boolean {
  if (pathname.startsWith("/_next/static/") || pathname === "/favicon.ico" || pathname === "/api/health") return true;
  return method === "POST" && /^\/api\/o\/[^/]+\/imports\/?$/.test(pathname);
}

/** The organization slug a request names: /o/<slug>/..., /api/o/<slug>/..., or tRPC's `organization` input (GET). */
export function tenantOfRequest(pathname: string, search: URLSearchParams): string | null {
  const page = /^\/(?:api\/)?o\/([^/?#]+)/.exec(pathname);
  if (page) return decodeURIComponent(page[1] as string);
  if (!pathname.startsWith("/api/trpc/")) return null;
  const input = search.get("input");
  if (!input || input.length > 8_000) return null;
  try {
    const parsed: unknown = JSON.parse(input);
    // A single call's input (superjson: { json: {...} }) or a batch's ({ "0": { json: {...} }, ... }): the first organization named.
    const candidates = typeof parsed === "object" && parsed !== null ? [parsed, ...Object.values(parsed)] : [];
    for (const c of candidates) {
      const json = typeof c === "object" && c !== null && "json" in c ? (c as { json: unknown }).json : c;
      if (typeof json === "object" && json !== null && typeof (json as { organization?: unknown }).organization === "string") {
        return (json as { organization: string }).organization;
      }
    }
  } catch {
    return null;
  }
  return null;
}

export interface InstallOptions {
  limits?: AdmissionLimits;
  /** The signed-in user's id from the Cookie header, or null (not signed in, or a cookie that does not decode). */
  userOfCookies: (cookieHeader: string | undefined) => Promise<string | null>;
  /** The client's address, for requests without a user. */
  addressOf: (request: http.IncomingMessage) => string;
}

const INSTALLED = Symbol.for("pi-portal.request-admission");

export interface InstalledAdmission {
  admission: FairAdmission;
  /** How long requests waited and were handled, per tenant, since the server started. */
  times: AdmissionTimes;
  /** Puts http.Server's previous "request" handling back (tests; a later patch of emit would be undone too). */
  uninstall(): void;
}

/**
 * Puts every HTTP request of this process through one FairAdmission. A request without a signed-in user is
 * counted in the anonymous pool by address, whatever organization its URL names: a tenant's share is taken
 * only by its signed-in users' requests (a user of another tenant naming it gets one user's turn at most).
 * Installing twice keeps the first installation.
 */
export function installRequestAdmission(options: InstallOptions): InstalledAdmission {
  const proto = http.Server.prototype as unknown as Record<symbol, InstalledAdmission | undefined> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
  const existing = proto[INSTALLED];
  if (existing) return existing;
  const admission = new FairAdmission(options.limits);
  const times = new AdmissionTimes();
  const emit = proto.emit;
  proto.emit = function emitAdmitted(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const request = args[0] as http.IncomingMessage;
    const response = args[1] as http.ServerResponse;
    const arrived = performance.now();
    const url = new URL(request.url ?? "/", "http://portal.invalid");
    if (bypassesAdmission(request.method, url.pathname)) return emit.call(this, event, ...args);
    void keyOf(request, url, options).then(
      (key) => {
        const ticket = admission.admit(
          key,
          () => {
            const started = performance.now();
            response.once("close", () => {
              ticket.done();
              times.record(key.tenant, started - arrived, performance.now() - started);
            });
            emit.call(this, event, ...args);
          },
          (retryAfterSeconds, message) => {
            if (response.headersSent || response.destroyed) return;
            response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": String(retryAfterSeconds), "cache-control": "no-store" });
            response.end(`${message}\n`);
          },
        );
        response.once("close", () => ticket.cancel());
      },
      () => emit.call(this, event, ...args), // the key could not be worked out: handled at once, never lost
    );
    return true;
  };
  const installed: InstalledAdmission = {
    admission,
    times,
    uninstall() {
      proto.emit = emit;
      proto[INSTALLED] = undefined;
    },
  };
  proto[INSTALLED] = installed;
  return installed;
}

/** The admission installed in this process (by server/start.ts, through Next's bundle), if any: what bin/web-server.ts reports when it stops. */
export function installedAdmission(): InstalledAdmission | undefined {
  return (http.Server.prototype as unknown as Record<symbol, InstalledAdmission | undefined>)[INSTALLED];
}

/** Durations (ms) in buckets 5% wide, so a quantile costs no memory per request: within 5% of the true value. */
export class DurationHistogram {
  private static readonly GROWTH = Math.log(1.05);
  private readonly counts: number[] = [];
  count = 0;

  record(ms: number): void {
    const bucket = Math.max(0, Math.floor(Math.log1p(Math.max(0, ms) * 10) / DurationHistogram.GROWTH));
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count++;
  }

  /** The q-quantile (0-1): the upper end of the bucket holding it; 0 with nothing recorded. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < this.counts.length; bucket++) {
      seen += this.counts[bucket] ?? 0;
      if (seen >= rank) return Math.expm1((bucket + 1) * DurationHistogram.GROWTH) / 10;
    }
    return 0;
  }
}

/**
 * Per tenant, how long its requests waited for a place and how long they were then handled: what shows whether
 * one tenant's load holds another's requests back (bench:load prints it). At most `maxTenants` are told apart;
 * later ones are counted together.
 */
export class AdmissionTimes {
  private readonly tenants = new Map<string, { waited: DurationHistogram; handled: DurationHistogram }>();

  constructor(private readonly maxTenants = 100) {}

  record(tenant: string, waitedMs: number, handledMs: number): void {
    const name = this.tenants.has(tenant) || this.tenants.size < this.maxTenants ? tenant : "(other tenants)";
    let t = this.tenants.get(name);
    if (!t) this.tenants.set(name, (t = { waited: new DurationHistogram(), handled: new DurationHistogram() }));
    t.waited.record(waitedMs);
    t.handled.record(handledMs);
  }

  /** The `limit` busiest tenants: requests, and waited / handled p50 and p95 (ms). */
  summary(limit = 5): { tenant: string; requests: number; waited: [number, number]; handled: [number, number] }[] {
    return [...this.tenants]
      .sort((a, b) => b[1].waited.count - a[1].waited.count)
      .slice(0, limit)
      .map(([tenant, t]) => ({ tenant, requests: t.waited.count, waited: [t.waited.quantile(0.5), t.waited.quantile(0.95)], handled: [t.handled.quantile(0.5), t.handled.quantile(0.95)] }));
  }
}

async function keyOf(request: http.IncomingMessage, url: URL, options: InstallOptions): Promise<AdmissionKey> {
  const user = await options.userOfCookies(request.headers.cookie);
  if (!user) return { tenant: "(anonymous)", user: options.addressOf(request) };
  return { tenant: tenantOfRequest(url.pathname, url.searchParams) ?? "(no organization)", user };
}

