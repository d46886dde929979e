/**
 * The rendered-page cache in front of Next (bin/web-server.ts, the server processes of `npm start` on
 * Postgres). Rendering a dashboard page costs Next and React 25-55 ms of CPU however fast its data is
 * (cached per data version), so under many sessions the render, not the database, sets the latency. For the
 * requests requests.ts lists, with a key (key.ts: a live session, a member of the organization), an
 * answer rendered earlier for the same key is sent again with a fresh CSP nonce instead of rendering; any
 * write to the organization's data, any change to the user's session, name or memberships, and a new day
 * make a new key. Answers are kept only when Next answered 200 with HTML or JSON and no cookie (a compressed
 * one is kept decompressed).
 * Every answer says `X-Page-Cache: hit` or `miss`. PAGE_CACHE=off turns it off.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliDecompressSync, gunzipSync, gzip, inflateSync } from "node:zlib";
import { gzipParts, gzipWithNonce } from "./gzip-parts";
import { cacheableRequest, type CacheableRequest } from "./requests";
import { answerToKeep, bodyWithNonce, freshNonce, headersWithNonce, type CachedAnswer, type RenderedPageStore } from "./store";

const gzipAsync = promisify(gzip);

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface PageCacheDeps {
  store: RenderedPageStore;
  keyOf(request: { url: string; headers: IncomingMessage["headers"]; target: CacheableRequest }): Promise<string | null>;
  /** A key that could not be computed (the database unreachable, say): the request goes to Next. */
  onError?(error: unknown): void;
  /** Answers larger than this (characters) are not kept. */
  maxEntryBytes: number;
}

/** Whether an Accept-Encoding header allows gzip (and does not give it q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  return text.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

/** Pages above this many characters are sent gzipped to a client that takes it; smaller ones as they are. */
const GZIP_ABOVE = 1024;

/** Sends a kept answer with a new nonce, gzipped when the client takes it (as Next's own compression does). */
async function serve(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer): Promise<void> {
  const nonce = freshNonce();
  const out: Record<string, string | string[]> = { ...headersWithNonce(answer, nonce), "x-page-cache": "hit" };
  let payload: Buffer;
  if (answer.body.length > GZIP_ABOVE && acceptsGzip(req.headers["accept-encoding"])) {
    // From the parts compressed once (gzip-parts.ts); until they are ready, a few ms after the page was kept,
    // compressed now at level 1 (a 190 kB page in about 2 ms, a fifth of what level 6 costs).
    payload = answer.gzipped ? gzipWithNonce(answer.gzipped, nonce) : await gzipAsync(Buffer.from(bodyWithNonce(answer, nonce), "utf8"), { level: 1 });
    out["content-encoding"] = "gzip";
    const vary = out.vary ? String(out.vary) : "";
    if (!/accept-encoding/i.test(vary)) out.vary = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  } else {
    payload = Buffer.from(bodyWithNonce(answer, nonce), "utf8");
  }
  out["content-length"] = String(payload.length);
  res.writeHead(answer.status, out);
  res.end(payload);
}

/** Keeps what Next writes to `res` (headers, status, body) and hands the answer to `keep` once it is sent whole. */
function capture(res: ServerResponse, maxBytes: number, keep: (answer: CachedAnswer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let unusable = false;
  const toBuffer = (chunk: unknown, encoding: unknown): Buffer | null => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
    if (Buffer.isBuffer(chunk)) return chunk;
    if (typeof chunk === "string") return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    unusable = true;
    return null;
  };
  const collect = (chunk: unknown, encoding: unknown) => {
    if (unusable) return;
    const buffer = toBuffer(chunk, encoding);
    if (!buffer) return;
    size += buffer.length;
    if (size > maxBytes) {
      unusable = true;
      chunks.length = 0;
      return;
    }
    chunks.push(buffer);
  };
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse["end"];
  let headArgs: Record<string, unknown> = {};
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((a, i) => i > 0 && a !== null && typeof a === "object");
    // Raw [name, value] arrays: not worth reading back; such an answer is not kept.
    if (Array.isArray(given)) unusable = true;
    else if (given) headArgs = Object.fromEntries(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  res.once("finish", () => {
    if (unusable) return;
    const headers: Record<string, unknown> = { ...headArgs, ...res.getHeaders() };
    let body: Buffer = Buffer.concat(chunks);
    // Next compressed it for this client: the page is kept as itself (each hit is compressed for its own client).
    const encoding = String(headers["content-encoding"] ?? "").toLowerCase();
    if (encoding) {
      const decode = ({ gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync } as Record<string, ((b: Buffer) => Buffer) | undefined>)[encoding];
      if (!decode) return;
      try {
        body = decode(body);
      } catch {
        return;
      }
      if (body.length > maxBytes) return;
      delete headers["content-encoding"];
    }
    const answer = answerToKeep(res.statusCode, headers, body, Date.now());
    if (answer) keep(answer);
  });
}

/** `next` (Next's request handler) behind the cache. */
export function withPageCache(next: Handler, deps: PageCacheDeps): Handler {
  return async (req, res) => {
    const target = cacheableRequest(req.method, req.url, req.headers);
    if (!target) return next(req, res);
    let key: string | null = null;
    try {
      key = await deps.keyOf({ url: req.url!, headers: req.headers, target });
    } catch (error) {
      deps.onError?.(error);
    }
    if (!key) return next(req, res);
    const found = deps.store.get(key);
    if (found) return serve(req, res, found);
    res.setHeader("x-page-cache", "miss");
    const kept = key;
    capture(res, deps.maxEntryBytes, (answer) => {
      deps.store.set(kept, answer);
      if (answer.body.length <= GZIP_ABOVE) return;
      // Compressed once, on the thread pool, for every later hit.
      gzipParts(answer.body, answer.nonce).then(
        (gzipped) => deps.store.addGzipped(kept, answer, gzipped),
        (error: unknown) => deps.onError?.(error),
      );
    });
    return next(req, res);
  };
}
