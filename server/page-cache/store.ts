/**
 * The rendered-page cache's entries (server/page-cache/server.ts): answers Next rendered, kept per key
 * (key.ts) in this process's memory, bounded in bytes (least recently used dropped first) and in age. An
 * entry is served with a fresh Content-Security-Policy nonce: the one Next's proxy chose for the render
 * (proxy.ts, base64url) is replaced in every header and everywhere in the body, so no two answers share
 * a nonce. Sizes are counted in characters (about bytes: the pages are mostly ASCII), plus the gzipped parts' bytes.
 */
import { randomBytes } from "node:crypto";
import type { GzippedParts } from "./gzip-parts";

export interface CachedAnswer {
  status: number;
  /** Response headers as Next sent them (lower-case names), without hop-by-hop ones and the body's length. */
  headers: Record<string, string | string[]>;
  body: string;
  /** The CSP nonce of the render, if the policy has one. */
  nonce: string | null;
  storedAt: number;
  /** The body gzipped once in parts around the nonce (gzip-parts.ts), when it is worth compressing. */
  gzipped?: GzippedParts;
}

/** Headers not kept: per connection or per answer, or recomputed when serving. */
const DROPPED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "x-page-cache"]);
const NONCE = /'nonce-([A-Za-z0-9_-]+)'/;

/** The answer to keep from what Next sent, or null when it must not be kept. */
export function answerToKeep(status: number, headers: Record<string, unknown>, body: Buffer, now: number): CachedAnswer | null {
  if (status !== 200) return null;
  // A new cookie (a session refreshed or ended) or an answer already encoded is never replayed.
  if (headers["set-cookie"] !== undefined || headers["content-encoding"] !== undefined) return null;
  const type = String(headers["content-type"] ?? "");
  if (!/^(text\/html|application\/json)\b/.test(type)) return null;
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower) || value === undefined) continue;
    kept[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const csp = kept["content-security-policy"];
  const nonce = typeof csp === "string" ? (NONCE.exec(csp)?.[1] ?? null) : null;
  return { status, headers: kept, body: body.toString("utf8"), nonce, storedAt: now };
}

/** A nonce as proxy.ts makes them: 18 random bytes, base64url. */
export function freshNonce(): string {
  return randomBytes(18).toString("base64url");
}

/** The answer's headers with `nonce` in place of the render's: every header, not only the policy (a Link preload header may carry it too). */
export function headersWithNonce(answer: CachedAnswer, nonce: string): Record<string, string | string[]> {
  const old = answer.nonce;
  if (!old) return answer.headers;
  return Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.map((v) => v.replaceAll(old, nonce)) : value.replaceAll(old, nonce)]));
}

/** The answer's body with `nonce` in place of the render's. */
export function bodyWithNonce(answer: CachedAnswer, nonce: string): string {
  return answer.nonce ? answer.body.replaceAll(answer.nonce, nonce) : answer.body;
}

function sizeOf(answer: CachedAnswer): number {
  return answer.body.length + (answer.gzipped?.bytes ?? 0);
}

export class RenderedPageStore {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly options: { maxBytes: number; maxAgeMs: number; maxEntryBytes: number; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get(key: string): CachedAnswer | null {
    const found = this.entries.get(key);
    if (!found || this.now() - found.storedAt > this.options.maxAgeMs) {
      if (found) this.remove(key);
      this.misses++;
      return null;
    }
    this.hits++;
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, found);
    return found;
  }

  set(key: string, answer: CachedAnswer): void {
    const size = sizeOf(answer);
    if (size > this.options.maxEntryBytes) return;
    this.remove(key);
    this.entries.set(key, answer);
    this.bytes += size;
    this.evict();
  }

  /** Adds the gzipped parts to the entry kept for `key`, if it is still `answer` (not replaced, dropped or expired since). */
  addGzipped(key: string, answer: CachedAnswer, gzipped: GzippedParts): void {
    if (this.entries.get(key) !== answer) return;
    const withParts = { ...answer, gzipped };
    if (sizeOf(withParts) > this.options.maxEntryBytes) return;
    // In place: the entry keeps its turn in the least-recently-used order.
    this.entries.set(key, withParts);
    this.bytes += sizeOf(withParts) - sizeOf(answer);
    this.evict();
  }

  /** Drops the least recently used entries while the store holds more than its bytes. */
  private evict(): void {
    while (this.bytes > this.options.maxBytes) this.remove(this.entries.keys().next().value!);
  }

  private remove(key: string): void {
    const found = this.entries.get(key);
    if (!found) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(found);
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }
}
