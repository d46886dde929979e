/**
 * Concurrency limits on expensive procedures (what-if, exports, import previews): at most a few running at
 * once per user and per organization in this server process, so one user or one tenant cannot take every
 * core and starve the others. A call over a limit is refused at once with TOO_MANY_REQUESTS and a retry
 * time (the kind's recent mean duration, at least a second), never queued: a queue would hold memory and
 * connections for requests the user may already have given up on.
 *
 * In-process on purpose: each server process protects its own CPU and memory. Domain code: throws
 * AppError, never imports tRPC (server/trpc.ts maps the code; the route adds a Retry-After header).
 */
import { AppError } from "@/lib/errors";

export type ExpensiveKind = "whatIf" | "export" | "importPreview";

export interface ConcurrencyLimits {
  perUser: number;
  perOrganization: number;
}

/** What each kind may run at once. A what-if is cheap but clicked in bursts; exports and previews parse whole files. */
export const CONCURRENCY_LIMITS: Record<ExpensiveKind, ConcurrencyLimits> = {
  whatIf: { perUser: 2, perOrganization: 6 },
  export: { perUser: 1, perOrganization: 3 },
  importPreview: { perUser: 1, perOrganization: 2 },
};

const LABEL: Record<ExpensiveKind, { one: string; many: string }> = {
  whatIf: { one: "a what-if", many: "what-ifs" },
  export: { one: "an export", many: "exports" },
  importPreview: { one: "an import preview", many: "import previews" },
};

/** A refusal that says when to try again; the route turns `retryAfterSeconds` into a Retry-After header. */
export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super("TOO_MANY_REQUESTS", message, [{ path: "retryAfterSeconds", message: String(retryAfterSeconds) }]);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ConcurrencyLimiter {
  private readonly running = new Map<string, number>();
  /** Mean duration per kind (exponentially weighted), for the retry time. */
  private readonly meanMs = new Map<ExpensiveKind, number>();

  constructor(private readonly limits: Record<ExpensiveKind, ConcurrencyLimits> = CONCURRENCY_LIMITS) {}

  /** Runs `fn` unless the user or the organization already runs as many of this kind as allowed. */
  async run<T>(kind: ExpensiveKind, who: { userId: string; organizationId: string }, fn: () => Promise<T>): Promise<T> {
    const limit = this.limits[kind];
    const userKey = `${kind}|user|${who.userId}`;
    const orgKey = `${kind}|org|${who.organizationId}`;
    const label = LABEL[kind];
    if ((this.running.get(userKey) ?? 0) >= limit.perUser) {
      const retry = this.retryAfter(kind);
      throw new TooManyRequestsError(`You already have ${limit.perUser === 1 ? label.one : `${limit.perUser} ${label.many}`} running; try again in ${retry} s.`, retry);
    }
    if ((this.running.get(orgKey) ?? 0) >= limit.perOrganization) {
      const retry = this.retryAfter(kind);
      throw new TooManyRequestsError(`Your organization already runs ${limit.perOrganization} ${label.many} at once, the most allowed; try again in ${retry} s.`, retry);
    }
    this.adjust(userKey, 1);
    this.adjust(orgKey, 1);
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.adjust(userKey, -1);
      this.adjust(orgKey, -1);
      const ms = performance.now() - started;
      const mean = this.meanMs.get(kind);
      this.meanMs.set(kind, mean === undefined ? ms : mean * 0.8 + ms * 0.2);
    }
  }

  /** Calls of a kind running now for a user or organization (tests, health figures). */
  runningCount(kind: ExpensiveKind, scope: "user" | "org", id: string): number {
    return this.running.get(`${kind}|${scope}|${id}`) ?? 0;
  }

  private retryAfter(kind: ExpensiveKind): number {
    return Math.max(1, Math.ceil((this.meanMs.get(kind) ?? 1000) / 1000));
  }

  private adjust(key: string, delta: number) {
    const n = (this.running.get(key) ?? 0) + delta;
    if (n <= 0) this.running.delete(key);
    else this.running.set(key, n);
  }
}

// One limiter per process, kept across hot reloads in dev.
const globalForLimiter = globalThis as unknown as { expensiveLimiter?: ConcurrencyLimiter };
export const expensiveLimiter = (globalForLimiter.expensiveLimiter ??= new ConcurrencyLimiter());

/** Runs an expensive procedure's work under the per-user and per-organization limits of its kind. */
export function limitConcurrency<T>(kind: ExpensiveKind, who: { userId: string; organizationId: string }, fn: () => Promise<T>): Promise<T> {
  return expensiveLimiter.run(kind, who, fn);
}

/** The caller of a tenant procedure, as the limiter counts it. */
export function who(ctx: { user: { id: string }; scope: { organizationId: string } }) {
  return { userId: ctx.user.id, organizationId: ctx.scope.organizationId };
}
