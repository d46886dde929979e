/**
 * Request limits: a body over its route's limit is refused with 413 and a message naming the limit (tRPC in
 * its envelope, counted while read, also without a Content-Length; auth and other routes as plain JSON);
 * a tRPC batch of more than MAX_BATCH_SIZE calls is refused; expensive procedures (what-if, exports,
 * import previews) refuse a call over the per-user or per-organization concurrency limit with
 * TOO_MANY_REQUESTS and a retry time, and run again once a slot is free.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { createTrpcContext } from "@/server/trpc";
import { handleTrpcRequest } from "@/server/http/trpc-handler";
import { AUTH_BODY_BYTES, DEFAULT_BODY_BYTES, declaredBodyTooLarge, MAX_BATCH_SIZE, readBodyWithin, UPLOAD_BODY_BYTES } from "@/server/limits/body-size";
import { CONCURRENCY_LIMITS, ConcurrencyLimiter, expensiveLimiter } from "@/server/limits/concurrency";
import { TenantGate } from "@/server/limits/tenant-gate";
import { createSession } from "@/server/services/sessions";
import { createTestDatabase, type TestDatabase } from "./helpers/database";
import { callerAs, createTestTenant, createUser, addMembership, type TestTenant } from "./helpers/tenant";

let database: TestDatabase;
let t: TestTenant;
let other: TestTenant;
let sessionId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  t = await createTestTenant(database.db, "limits");
  other = await createTestTenant(database.db, "limits-other");
  sessionId = await createSession(database.db, { userId: t.admin.id, ip: "127.0.0.1", userAgent: "vitest" });
});
afterAll(() => database.close());

const context = () => createTrpcContext({ session: { userId: t.admin.id, sessionId }, ip: "127.0.0.1", db: database.db });

/** A body sent in chunks with no Content-Length (as a chunked upload would be), counting what was pulled. */
function chunkedBody(totalBytes: number, chunk = 64 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(chunk, totalBytes - sent);
      sent += n;
      controller.enqueue(new TextEncoder().encode("x".repeat(n)));
    },
  });
  return { stream, sent: () => sent };
}

describe("body size limits", () => {
  it("tRPC: a declared body over 1 MB is refused with 413 and the limit in tRPC's envelope, without reading it", async () => {
    const body = chunkedBody(5 * DEFAULT_BODY_BYTES);
    const req = new Request("http://localhost/api/trpc/tins.create", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(5 * DEFAULT_BODY_BYTES) },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    const res = await handleTrpcRequest(req, context);
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(json.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(json.error.json.message).toMatch(/at most 1 MB \(this one declares 5 MB\)/);
    expect(body.sent()).toBeLessThanOrEqual(64 * 1024);
  });

  it("tRPC: a chunked body without a length is refused once it passes the limit, not read to the end", async () => {
    const body = chunkedBody(50 * DEFAULT_BODY_BYTES);
    const req = new Request("http://localhost/api/trpc/tins.create", { method: "POST", headers: { "content-type": "application/json" }, body: body.stream, duplex: "half" } as RequestInit);
    const res = await handleTrpcRequest(req, context);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/at most 1 MB/);
    expect(body.sent()).toBeLessThan(2 * DEFAULT_BODY_BYTES);
  });

  it("tRPC: procedures that take files accept a larger body; a normal call within the limit works", async () => {
    expect(UPLOAD_BODY_BYTES).toBeGreaterThan(20 * 1024 * 1024);
    const input = superjson.serialize({ organization: t.organization.slug, csv: "", fileName: "roster.csv" });
    const req = new Request("http://localhost/api/trpc/rosterImport.preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    const res = await handleTrpcRequest(req, context);
    // Through the limit to the procedure, which refuses the empty file by name (not 413).
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/the file is empty/);
  });

  it("tRPC: a batch of more than MAX_BATCH_SIZE calls is refused; MAX_BATCH_SIZE calls are answered", async () => {
    const call = (n: number) => {
      const paths = Array.from({ length: n }, () => "organizations.mine").join(",");
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]))));
      return handleTrpcRequest(new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${input}`), context);
    };
    const over = await call(MAX_BATCH_SIZE + 1);
    expect(over.status).toBe(400);
    expect(JSON.stringify(await over.json())).toMatch(/Batch call exceeds maximum size/);
    const within = await call(MAX_BATCH_SIZE);
    expect(within.status).toBe(200);
    expect(((await within.json()) as unknown[]).length).toBe(MAX_BATCH_SIZE);
  });

  it("auth and other routes: 413 with the limit, declared or counted while read", async () => {
    const declared = declaredBodyTooLarge(new Request("http://localhost/api/health", { method: "POST", headers: { "content-length": String(200 * 1024 * 1024) }, body: "x" }), "/api/health");
    expect(declared?.status).toBe(413);
    expect(((await declared!.json()) as { error: string }).error).toMatch(/at most 1 MB \(this one declares 200 MB\)/);
    expect(declaredBodyTooLarge(new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "content-length": "100" }, body: "x" }), "/api/auth/callback/credentials")).toBeNull();
    const body = chunkedBody(10 * AUTH_BODY_BYTES, 4096);
    const read = await readBodyWithin(new Request("http://localhost/api/auth/callback/credentials", { method: "POST", body: body.stream, duplex: "half" } as RequestInit), AUTH_BODY_BYTES);
    expect(read).toBeInstanceOf(Response);
    expect((read as Response).status).toBe(413);
    expect(((await (read as Response).json()) as { error: string }).error).toMatch(/at most 64 kB/);
    expect(body.sent()).toBeLessThan(2 * AUTH_BODY_BYTES);
    const small = await readBodyWithin(new Request("http://localhost/api/auth/callback/credentials", { method: "POST", body: "email=a%40b.c&password=x" }), AUTH_BODY_BYTES);
    expect(small).toBeInstanceOf(Request);
    expect(await (small as Request).text()).toBe("email=a%40b.c&password=x");
  });
});

/** Occupies `n` slots of a kind for a user until released. */
function occupy(kind: "whatIf" | "export" | "importPreview", who: { userId: string; organizationId: string }, n: number) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const runs = Array.from({ length: n }, () => expensiveLimiter.run(kind, who, () => held));
  return async () => {
    release();
    await Promise.all(runs);
  };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; cause?: { retryAfterSeconds?: number } };
  }
  throw new Error("expected a refusal");
}

describe("concurrency limits on expensive procedures", () => {
  const input = () => ({ organization: t.organization.slug, tinId: "00000000-0000-4000-8000-000000000000", performanceYear: 2026, overrides: [] });

  it("what-if: a user over the per-user limit gets TOO_MANY_REQUESTS with a retry time; another user of the organization still runs; a freed slot runs again", async () => {
    const who = { userId: t.admin.id, organizationId: t.organization.id };
    const release = occupy("whatIf", who, CONCURRENCY_LIMITS.whatIf.perUser);
    const refused = await refusal(callerAs(database.db, t.admin).dashboards.whatIf(input()));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/You already have 2 what-ifs running; try again in \d+ s\./);
    expect(refused.cause?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The executive of the same organization is not held up by the admin's calls (NOT_FOUND: the TIN is made up).
    expect((await refusal(callerAs(database.db, t.executive).dashboards.whatIf(input()))).code).toBe("NOT_FOUND");
    await release();
    expect((await refusal(callerAs(database.db, t.admin).dashboards.whatIf(input()))).code).toBe("NOT_FOUND");
  });

  it("what-if: an organization over its limit is refused for every member, another organization is not", async () => {
    const limits = CONCURRENCY_LIMITS.whatIf;
    const releases = [];
    for (let i = 0; i < limits.perOrganization; i++) {
      const user = await createUser(database.db, `limits-exec-${i}`);
      await addMembership(database.db, t.organization.id, user.id, "executive");
      releases.push(occupy("whatIf", { userId: user.id, organizationId: t.organization.id }, 1));
    }
    const refused = await refusal(callerAs(database.db, t.executive).dashboards.whatIf(input()));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/Your organization already runs 6 what-ifs at once, the most allowed; try again in \d+ s\./);
    const otherInput = { ...input(), organization: other.organization.slug };
    expect((await refusal(callerAs(database.db, other.admin).dashboards.whatIf(otherInput))).code).toBe("NOT_FOUND");
    for (const release of releases) await release();
  });

  it("export and import preview: one at a time per user", async () => {
    const who = { userId: t.admin.id, organizationId: t.organization.id };
    const admin = callerAs(database.db, t.admin);
    let release = occupy("export", who, 1);
    const exportRefused = await refusal(admin.measureReports.export({ organization: t.organization.slug, tinId: "00000000-0000-4000-8000-000000000000", performanceYear: 2026, kind: "group" }));
    expect(exportRefused.code).toBe("TOO_MANY_REQUESTS");
    expect(exportRefused.message).toMatch(/You already have an export running; try again in \d+ s\./);
    await release();
    release = occupy("importPreview", who, 1);
    const previewRefused = await refusal(admin.rosterImport.preview({ organization: t.organization.slug, csv: "x", fileName: "r.csv" }));
    expect(previewRefused.code).toBe("TOO_MANY_REQUESTS");
    expect(previewRefused.message).toMatch(/You already have an import preview running; try again in \d+ s\./);
    await release();
  });

  it("the limiter frees a slot when the work fails, and counts per kind", async () => {
    const limiter = new ConcurrencyLimiter();
    const who = { userId: "u", organizationId: "o" };
    await expect(limiter.run("export", who, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(limiter.runningCount("export", "user", "u")).toBe(0);
    await expect(limiter.run("export", who, async () => "ok")).resolves.toBe("ok");
  });

  it("the tRPC answer of a refusal carries a Retry-After header", async () => {
    const release = occupy("whatIf", { userId: t.admin.id, organizationId: t.organization.id }, CONCURRENCY_LIMITS.whatIf.perUser);
    const inputJson = encodeURIComponent(JSON.stringify(superjson.serialize(input())));
    const res = await handleTrpcRequest(new Request(`http://localhost/api/trpc/dashboards.whatIf?input=${inputJson}`), context);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await release();
  });
});

describe("a fair share per tenant (dashboards and lists)", () => {
  const deferred = () => {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    return { done, release };
  };

  it("runs at most the organization's share at once, queues the rest in order, and never holds up another organization", async () => {
    const gate = new TenantGate({ perOrganization: 2, maxQueued: 10, maxWaitMs: 5_000 });
    const started: string[] = [];
    const holds = [deferred(), deferred(), deferred()];
    const calls = holds.map((h, i) => gate.run("big", async () => {
      started.push(`big${i}`);
      await h.done;
    }));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(["big0", "big1"]);
    expect(gate.state("big")).toEqual({ running: 2, queued: 1 });
    // The small organization runs at once although the big one has a queue.
    await gate.run("small", async () => started.push("small"));
    expect(started).toEqual(["big0", "big1", "small"]);
    holds[0]!.release();
    await calls[0];
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual(["big0", "big1", "small", "big2"]);
    holds[1]!.release();
    holds[2]!.release();
    await Promise.all(calls);
    expect(gate.state("big")).toEqual({ running: 0, queued: 0 });
  });

  it("refuses with TOO_MANY_REQUESTS and a retry time when the queue is full or the wait too long, and frees the slot after a failure", async () => {
    const gate = new TenantGate({ perOrganization: 1, maxQueued: 1, maxWaitMs: 50 });
    const hold = deferred();
    const first = gate.run("org", () => hold.done);
    const waiting = gate.run("org", async () => "ran");
    const full = await refusal(gate.run("org", async () => "never"));
    expect(full.code).toBe("TOO_MANY_REQUESTS");
    expect(full.message).toMatch(/busy \(1 requests waiting\); try again in \d+ s\./);
    const timedOut = await refusal(waiting);
    expect(timedOut.message).toMatch(/waited 0 s; try again in \d+ s\./);
    hold.release();
    await first;
    await expect(gate.run("org", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run("org", async () => "free again")).resolves.toBe("free again");
  });

  it("dashboards and tins.list go through the gate (the procedures answer as before)", async () => {
    const admin = callerAs(database.db, t.admin);
    const list = await admin.tins.list({ organization: t.organization.slug, performanceYear: 2026, page: 1, pageSize: 25 });
    expect(list.total).toBe(0);
    const overview = await admin.dashboards.overview({ organization: t.organization.slug, performanceYear: 2026 });
    expect(overview.tins).toEqual([]);
  });
});
