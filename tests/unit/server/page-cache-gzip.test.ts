/**
 * A kept page gzipped once in parts around its CSP nonce (server/page-cache/gzip-parts.ts): every hit's
 * gzip member, with its own nonce, decompresses (zlib, strict: CRC-32 and length checked) to exactly the
 * page with that nonce, whatever the page holds; the combined CRC-32 equals zlib's; and the store adds the
 * parts only to the entry they were made for.
 */
import { randomBytes } from "node:crypto";
import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crcCombine, crcShift, gzipParts, gzipWithNonce } from "@/server/page-cache/gzip-parts";
import { RenderedPageStore, type CachedAnswer } from "@/server/page-cache/store";

/** A small deterministic generator (the cases are the same every run). */
function generator(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe("crcCombine", () => {
  it("the CRC-32 of two pieces combined equals zlib's CRC-32 of both, for pieces of 0 bytes to 200 kB", () => {
    const next = generator(7);
    for (let i = 0; i < 40; i++) {
      const a = randomBytes(next(3) === 0 ? 0 : next(200_000));
      const b = randomBytes(i % 5 === 0 ? 0 : next(i % 2 ? 70_000 : 300));
      expect(crcCombine(crc32(a), crc32(b), crcShift(b.length))).toBe(crc32(Buffer.concat([a, b])));
    }
  });
});

describe("gzipWithNonce", () => {
  const nonce = "RENDERnonce_0123456789ab";
  const fresh = () => randomBytes(18).toString("base64url");

  it("decompresses to the page with the new nonce in place of the render's, wherever and however often it occurs", async () => {
    const next = generator(42);
    const words = ["<script nonce=\"", nonce, "\">self.__next_f.push([1,\"", "é€𝄞 ", "</script>", "<td>TIN 12-3456789</td>", "\n", nonce + nonce];
    const pages = [
      "",
      nonce,
      `${nonce}<p>at the start and the end</p>${nonce}`,
      `<p>no nonce at all, ${"x".repeat(5000)}</p>`,
      "x".repeat(200_000) + nonce + "y".repeat(70_000),
      ...Array.from({ length: 20 }, () => Array.from({ length: 1 + next(3000) }, () => words[next(words.length)]).join("")),
    ];
    for (const page of pages) {
      const parts = await gzipParts(page, nonce);
      for (let i = 0; i < 2; i++) {
        const other = fresh();
        expect(gunzipSync(gzipWithNonce(parts, other)).toString("utf8")).toBe(page.replaceAll(nonce, other));
      }
    }
  });

  it("a page without a nonce (none in its policy) is one part, sent as it is", async () => {
    const page = `<p>${"plain ".repeat(1000)}</p>`;
    const parts = await gzipParts(page, null);
    expect(parts.compressed).toHaveLength(1);
    expect(gunzipSync(gzipWithNonce(parts, fresh())).toString("utf8")).toBe(page);
  });

  it("compresses a dashboard-like page about as well as gzip does it whole (parts at its ~20 nonces)", async () => {
    const row = (i: number) => `<tr><td>TIN ${10_000_000 + i}</td><td>Practice ${i % 37}</td><td>${(i * 7) % 100}%</td></tr>`;
    const page = Array.from({ length: 20 }, (_, s) => `<script nonce="${nonce}">self.__next_f.push([1,"${s}"])</script>${Array.from({ length: 60 }, (_, i) => row(s * 60 + i)).join("")}`).join("");
    const parts = await gzipParts(page, nonce);
    const sent = gzipWithNonce(parts, fresh());
    expect(sent.length).toBeLessThan(Buffer.byteLength(page) / 4);
  });
});

describe("RenderedPageStore.addGzipped", () => {
  const answer = (body: string): CachedAnswer => ({ status: 200, headers: {}, body, nonce: null, storedAt: 0 });

  it("adds the parts to the entry they were made for, counting their bytes, and to no entry that replaced it", async () => {
    const store = new RenderedPageStore({ maxBytes: 1 << 20, maxAgeMs: 60_000, maxEntryBytes: 1 << 19, now: () => 0 });
    const first = answer("a".repeat(2000));
    store.set("k", first);
    const parts = await gzipParts(first.body, null);
    store.addGzipped("k", first, parts);
    expect(store.get("k")?.gzipped).toBe(parts);
    expect(store.storedBytes).toBe(2000 + parts.bytes);

    const kept = store.get("k")!;
    const second = answer("b".repeat(3000));
    store.set("k", second); // a newer render under the same key
    store.addGzipped("k", kept, parts); // the old one's parts arrive late
    expect(store.get("k")).toBe(second);
    expect(store.storedBytes).toBe(3000);
    store.addGzipped("gone", first, parts);
    expect(store.size).toBe(1);
  });
});
