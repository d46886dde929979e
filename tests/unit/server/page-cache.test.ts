/**
 * The rendered-page cache (server/page-cache): which requests it may answer, what it keeps, and that a kept
 * answer is sent again with a fresh CSP nonce (gzipped for a client that takes it), through a real HTTP
 * server with a stand-in for Next.
 */
import http from "node:http";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { soleSessionCookie } from "@/server/page-cache/key";
import { cacheableRequest } from "@/server/page-cache/requests";
import { acceptsGzip, withPageCache } from "@/server/page-cache/server";
import { answerToKeep, bodyWithNonce, headersWithNonce, RenderedPageStore } from "@/server/page-cache/store";

const trpcUrl = (procedures: string, input: unknown, batch = false) => `/api/trpc/${procedures}?${batch ? "batch=1&" : ""}input=${encodeURIComponent(JSON.stringify(input))}`;

describe("cacheableRequest", () => {
  it("the dashboard pages (organization, TIN, clinician) and tins.list, as GET document requests", () => {
    expect(cacheableRequest("GET", "/o/acme/dashboard?year=2026", {})).toEqual({ kind: "page", organization: "acme" });
    expect(cacheableRequest("GET", "/o/acme/dashboard/tins/5b0c4b8e-0000-4000-8000-000000000000?year=2026&page=2", {})).toEqual({ kind: "page", organization: "acme" });
    expect(cacheableRequest("GET", "/o/acme/dashboard/me?year=2026&clinician=5b0c4b8e-0000-4000-8000-000000000000", {})).toEqual({ kind: "page", organization: "acme" });
    expect(cacheableRequest("GET", trpcUrl("tins.list", { json: { organization: "acme", performanceYear: 2026 } }), {})).toEqual({ kind: "trpc", organization: "acme" });
    expect(cacheableRequest("GET", trpcUrl("tins.list,tins.list", { 0: { json: { organization: "org-id" } }, 1: { json: { organization: "org-id" } } }, true), {})).toEqual({ kind: "trpc", organization: "org-id" });
  });

  it("nothing else: other methods, pages and procedures, the App Router's RSC requests, calls naming no or several organizations", () => {
    expect(cacheableRequest("POST", "/o/acme/dashboard", {})).toBeNull();
    expect(cacheableRequest("HEAD", "/o/acme/dashboard", {})).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/tins", {})).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/dashboard/tins/x/extra", {})).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/dashboard/me/more", {})).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/dashboard", { rsc: "1" })).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/dashboard", { "next-router-prefetch": "1" })).toBeNull();
    expect(cacheableRequest("GET", "/o/acme/dashboard?_rsc=abc", {})).toBeNull();
    expect(cacheableRequest("GET", trpcUrl("tins.get", { json: { organization: "acme" } }), {})).toBeNull();
    expect(cacheableRequest("GET", trpcUrl("tins.list,members.list", { 0: { json: { organization: "acme" } }, 1: { json: { organization: "acme" } } }, true), {})).toBeNull();
    expect(cacheableRequest("GET", trpcUrl("tins.list,tins.list", { 0: { json: { organization: "acme" } }, 1: { json: { organization: "other" } } }, true), {})).toBeNull();
    expect(cacheableRequest("GET", trpcUrl("tins.list", { json: { performanceYear: 2026 } }), {})).toBeNull();
    expect(cacheableRequest("GET", "/api/trpc/tins.list?input=%7Bnot-json", {})).toBeNull();
    expect(cacheableRequest("GET", "/o/%E0%A4%A/dashboard", {})).toBeNull();
  });
});

describe("soleSessionCookie", () => {
  const name = "next-auth.session-token";
  it("the session cookie's value, URL-decoded as Next's parser does", () => {
    expect(soleSessionCookie(`a=1; ${name}=abc.def; b=2`, name)).toBe("abc.def");
    expect(soleSessionCookie(`${name}=a%2Eb`, name)).toBe("a.b");
  });
  it("none when it is missing, there twice (one planted from another domain: Next would read the other one), split in parts, or not decodable", () => {
    expect(soleSessionCookie("a=1", name)).toBeNull();
    expect(soleSessionCookie(undefined, name)).toBeNull();
    expect(soleSessionCookie(`${name}=attacker; ${name}=victim`, name)).toBeNull();
    expect(soleSessionCookie(`${name} =attacker; ${name}=victim`, name)).toBeNull();
    expect(soleSessionCookie(`${name}=x; ${name}.0=part`, name)).toBeNull();
    expect(soleSessionCookie(`${name}.0=part; ${name}.1=rest`, name)).toBeNull();
    expect(soleSessionCookie(`${name}=%E0%A4%A`, name)).toBeNull();
    expect(soleSessionCookie(`${name}=`, name)).toBeNull();
  });
});

describe("the kept answers", () => {
  const page = (nonce: string) => `<html><script nonce="${nonce}">self.__next_f.push([1,"${nonce}"])</script><p>TINs: 50</p></html>`;
  const headers = (nonce: string) => ({ "content-type": "text/html; charset=utf-8", "content-security-policy": `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, "x-page-cache": "miss", "content-length": "99", vary: "rsc" });

  it("keeps a 200 of HTML or JSON without a cookie or an encoding, and drops per-answer headers", () => {
    const kept = answerToKeep(200, headers("abc_-123"), Buffer.from(page("abc_-123")), 1);
    expect(kept).toMatchObject({ status: 200, nonce: "abc_-123", body: page("abc_-123") });
    expect(kept!.headers).toEqual({ "content-type": "text/html; charset=utf-8", "content-security-policy": "script-src 'self' 'nonce-abc_-123' 'strict-dynamic'", vary: "rsc" });
    expect(answerToKeep(200, { "content-type": "application/json" }, Buffer.from("{}"), 1)).not.toBeNull();
    expect(answerToKeep(404, headers("n"), Buffer.from("x"), 1)).toBeNull();
    expect(answerToKeep(307, headers("n"), Buffer.from("x"), 1)).toBeNull();
    expect(answerToKeep(200, { ...headers("n"), "set-cookie": ["a=1"] }, Buffer.from("x"), 1)).toBeNull();
    expect(answerToKeep(200, { ...headers("n"), "content-encoding": "gzip" }, Buffer.from("x"), 1)).toBeNull();
    expect(answerToKeep(200, { "content-type": "application/pdf" }, Buffer.from("x"), 1)).toBeNull();
  });

  it("a kept answer carries the new nonce everywhere the render's was", () => {
    const kept = answerToKeep(200, { ...headers("OLDnonce_1"), link: '</a.css>; rel=preload; as=style; nonce="OLDnonce_1"' }, Buffer.from(page("OLDnonce_1")), 1)!;
    const sent = { headers: headersWithNonce(kept, "NEWnonce-2"), body: bodyWithNonce(kept, "NEWnonce-2") };
    expect(sent.headers.link).toBe('</a.css>; rel=preload; as=style; nonce="NEWnonce-2"');
    expect(sent.body).toBe(page("NEWnonce-2"));
    expect(sent.headers["content-security-policy"]).toBe("script-src 'self' 'nonce-NEWnonce-2' 'strict-dynamic'");
    // The kept entry itself is unchanged.
    expect(kept.body).toBe(page("OLDnonce_1"));
  });

  it("the store is bounded in size (least recently used dropped first) and in age", () => {
    let now = 0;
    const store = new RenderedPageStore({ maxBytes: 100, maxAgeMs: 1_000, maxEntryBytes: 60, now: () => now });
    const answer = (size: number) => ({ status: 200, headers: {}, body: "x".repeat(size), nonce: null, storedAt: now });
    store.set("a", answer(40));
    store.set("b", answer(40));
    expect(store.get("a")).not.toBeNull(); // a is now the most recently used
    store.set("c", answer(40)); // 120 > 100: b goes
    expect(store.get("b")).toBeNull();
    expect(store.get("a")).not.toBeNull();
    expect(store.storedBytes).toBe(80);
    store.set("big", answer(61)); // larger than one entry may be
    expect(store.get("big")).toBeNull();
    now = 1_001;
    expect(store.get("a")).toBeNull();
    expect(store.size).toBe(1);
  });

  it("reads Accept-Encoding as HTTP does", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe("withPageCache", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A stand-in for Next: renders a page with the request's nonce, streamed in parts; counts its renders. */
  async function serve(keyOf: (url: string) => string | null | Error, render?: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const state = { renders: 0, acceptEncoding: [] as (string | undefined)[] };
    const store = new RenderedPageStore({ maxBytes: 1 << 20, maxAgeMs: 60_000, maxEntryBytes: 1 << 19 });
    const next = async (req: http.IncomingMessage, res: http.ServerResponse) => {
      state.renders++;
      state.acceptEncoding.push(req.headers["accept-encoding"]);
      if (render) return render(req, res);
      const nonce = `render${state.renders}nonce`;
      res.setHeader("content-security-policy", `script-src 'nonce-${nonce}'`);
      const html = `<script nonce="${nonce}">1</script><p>${"render ".repeat(300)}${state.renders}</p>`;
      // As Next's compression does, for a client that takes gzip.
      if (acceptsGzip(req.headers["accept-encoding"])) {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
        return void res.end(gzipSync(html));
      }
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.write(html.slice(0, 40));
      res.end(html.slice(40));
    };
    const handler = withPageCache(next, {
      store,
      maxEntryBytes: 1 << 19,
      keyOf: async ({ url }) => {
        const key = keyOf(url);
        if (key instanceof Error) throw key;
        return key;
      },
    });
    server = http.createServer((req, res) => void handler(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${base}${path}`, { headers: { "accept-encoding": "identity", ...headers }, redirect: "manual" });
      return { status: res.status, cache: res.headers.get("x-page-cache"), csp: res.headers.get("content-security-policy"), encoding: res.headers.get("content-encoding"), body: await res.text() };
    };
    return { state, store, get, base };
  }

  it("renders once, then sends the kept page with a new nonce each time", async () => {
    const { state, get } = await serve(() => "key-1");
    const first = await get("/o/acme/dashboard");
    expect(first).toMatchObject({ status: 200, cache: "miss" });
    expect(first.body).toContain('nonce="render1nonce"');
    const second = await get("/o/acme/dashboard");
    const third = await get("/o/acme/dashboard");
    expect(state.renders).toBe(1);
    expect(second.cache).toBe("hit");
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")![1]!;
    for (const hit of [second, third]) {
      expect(hit.body).toBe(first.body.replaceAll("render1nonce", nonceOf(hit.csp)));
      expect(hit.body).not.toContain("render1nonce");
    }
    expect(nonceOf(second.csp)).not.toBe(nonceOf(third.csp));
  });

  it("a page Next sent gzipped is kept as itself: later hits are gzipped for a client that takes it, plain for one that does not", async () => {
    const { state, store, base, get } = await serve(() => "key-gzip");
    const gzipped = async () => {
      const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/o/acme/dashboard`, { headers: { "accept-encoding": "gzip" } }, resolve));
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks);
      return { headers: res.headers, raw, html: gunzipSync(raw).toString() };
    };
    const miss = await gzipped();
    expect(miss.headers["x-page-cache"]).toBe("miss");
    expect(miss.headers["content-encoding"]).toBe("gzip"); // the miss keeps Next's compression
    const hit = await gzipped();
    expect(hit.headers["x-page-cache"]).toBe("hit");
    expect(hit.headers["content-encoding"]).toBe("gzip");
    expect(hit.headers.vary).toBe("Accept-Encoding");
    expect(hit.html).toContain("render 1");
    const plain = await get("/o/acme/dashboard");
    expect(plain).toMatchObject({ cache: "hit", encoding: null });
    expect(plain.body).toContain("render 1");
    expect(plain.body).not.toContain("render1nonce");
    // Once its parts are compressed (gzip-parts.ts), a hit is put together from them (their gzip header says
    // "OS unknown", 0xff, where zlib's says Unix, 3) and holds the page with the hit's own nonce.
    await expect.poll(() => store.get("key-gzip")?.gzipped, { timeout: 5000 }).toBeTruthy();
    const fromParts = await gzipped();
    expect(fromParts.raw[9]).toBe(0xff);
    expect(hit.raw[9]).not.toBe(0xff);
    const nonceOf = (csp: unknown) => /'nonce-([^']+)'/.exec(String(csp))![1]!;
    const nonce = nonceOf(fromParts.headers["content-security-policy"]);
    expect(nonce).not.toBe(nonceOf(plain.csp));
    expect(fromParts.html).toBe(plain.body.replaceAll(nonceOf(plain.csp), nonce));
    expect(fromParts.html).toContain(`nonce="${nonce}"`);
    expect(state.renders).toBe(1);
  });

  it("one entry per key; no key (no session, not a member) or a key that cannot be computed goes to Next every time", async () => {
    const keys: Record<string, string | null | Error> = { "/o/a/dashboard": "a", "/o/b/dashboard": "b", "/o/none/dashboard": null, "/o/broken/dashboard": new Error("database down") };
    const { state, get } = await serve((url) => keys[url] ?? null);
    expect((await get("/o/a/dashboard")).cache).toBe("miss");
    expect((await get("/o/b/dashboard")).cache).toBe("miss");
    expect((await get("/o/a/dashboard")).body).toContain("render 1");
    expect((await get("/o/b/dashboard")).body).toContain("render 2");
    for (const path of ["/o/none/dashboard", "/o/none/dashboard", "/o/broken/dashboard", "/o/acme/tins"]) {
      const res = await get(path);
      expect(res.cache).toBeNull();
      expect(res.status).toBe(200);
    }
    expect(state.renders).toBe(6);
  });

  it("never keeps what must not be replayed: an error, a redirect, a cookie, a cut-off answer", async () => {
    let mode = "";
    const { state, get } = await serve(
      () => "same-key",
      (_req, res) => {
        if (mode === "error") return void res.writeHead(500, { "content-type": "text/html" }).end("failed");
        if (mode === "redirect") return void res.writeHead(307, { location: "/sign-in" }).end();
        if (mode === "cookie") return void res.writeHead(200, { "content-type": "text/html", "set-cookie": "s=1" }).end("with cookie");
        res.writeHead(200, { "content-type": "text/html" });
        res.write("partial");
        res.destroy();
      },
    );
    for (mode of ["error", "redirect", "cookie"]) await get("/o/acme/dashboard");
    mode = "cut";
    await get("/o/acme/dashboard").catch(() => null);
    mode = "cookie";
    expect((await get("/o/acme/dashboard")).cache).toBe("miss");
    expect(state.renders).toBe(5);
  });
});
