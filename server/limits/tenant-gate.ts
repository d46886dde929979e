/**
 * A fair share of the server per tenant: at most `perOrganization` (2) dashboard/list computations of one
 * organization run at once in this process; the next ones wait in that organization's own queue (first
 * come, first served), so 50 sessions of a health system queue behind each other and not in front of a
 * small practice's one request. A call that would wait longer than MAX_WAIT_MS, or find the queue full,
 * is refused with TOO_MANY_REQUESTS and a retry time instead of piling up memory and connections.
 *
 * The server's event loop is one core: bounding what one tenant computes at a time is what keeps another
 * tenant's latency near its latency alone (bench:load prints both).
 */
import { TooManyRequestsError } from "./concurrency";

export interface TenantGateLimits {
  perOrganization: number;
  maxQueued: number;
  maxWaitMs: number;
}

export const TENANT_GATE_LIMITS: TenantGateLimits = { perOrganization: 2, maxQueued: 200, maxWaitMs: 20_000 };

interface Waiter {
  start: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export class TenantGate {
  private readonly running = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly limits: TenantGateLimits = TENANT_GATE_LIMITS) {}

  async run<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
    if ((this.running.get(organizationId) ?? 0) >= this.limits.perOrganization) await this.wait(organizationId);
    else this.running.set(organizationId, (this.running.get(organizationId) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.release(organizationId);
    }
  }

  /** Computations of an organization running now, and waiting (tests, health figures). */
  state(organizationId: string) {
    return { running: this.running.get(organizationId) ?? 0, queued: this.queues.get(organizationId)?.length ?? 0 };
  }

  private wait(organizationId: string): Promise<void> {
    const queue = this.queues.get(organizationId) ?? [];
    const retry = Math.max(1, Math.ceil(this.limits.maxWaitMs / 1000 / 4));
    if (queue.length >= this.limits.maxQueued) {
      return Promise.reject(new TooManyRequestsError(`Your organization's dashboards are busy (${queue.length} requests waiting); try again in ${retry} s.`, retry));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        // The slot passes from the finishing call to this one: the running count stays as it is.
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const q = this.queues.get(organizationId) ?? [];
          const at = q.indexOf(waiter);
          if (at >= 0) q.splice(at, 1);
          reject(new TooManyRequestsError(`Your organization's dashboards are busy: this request waited ${Math.round(this.limits.maxWaitMs / 1000)} s; try again in ${retry} s.`, retry));
        }, this.limits.maxWaitMs),
      };
      queue.push(waiter);
      this.queues.set(organizationId, queue);
    });
  }

  private release(organizationId: string) {
    const queue = this.queues.get(organizationId);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.queues.delete(organizationId);
    if (next) return next.start();
    const n = (this.running.get(organizationId) ?? 1) - 1;
    if (n <= 0) this.running.delete(organizationId);
    else this.running.set(organizationId, n);
  }
}

// One gate per process, kept across hot reloads in dev.
const globalForGate = globalThis as unknown as { tenantGate?: TenantGate };
export const tenantGate = (globalForGate.tenantGate ??= new TenantGate());

/** Runs a tenant's dashboard or list computation within its organization's share. */
export function withinTenantShare<T>(organizationId: string, fn: () => Promise<T>): Promise<T> {
  return tenantGate.run(organizationId, fn);
}
