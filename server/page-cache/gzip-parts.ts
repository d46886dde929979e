/**
 * A kept page gzipped once, for all its hits (server/page-cache/server.ts). Each hit carries a fresh CSP
 * nonce (store.ts), so the body differs from hit to hit, and it was gzipped again for each: at 50,000
 * clinicians that was 1-2 ms of CPU a hit on Node's thread pool (a 100-144 kB dashboard page), most of what a
 * hit cost. Here the body is compressed once, in parts split at the render's nonce: each part as raw
 * DEFLATE blocks of its own (no back-reference into another part or into a nonce), ended by a sync flush so
 * it stops on a byte boundary. A hit then writes the gzip header, the parts with its own nonce between them
 * as DEFLATE stored blocks (RFC 1951, 3.2.4: the bytes as they are), a final empty block, and the trailer
 * (RFC 1952: the CRC-32 and length of the whole page). The CRC-32 is combined from the parts' CRCs and the
 * nonce's (as zlib's crc32_combine does), so a hit reads neither the page nor its compressed bytes twice.
 */
import { promisify } from "node:util";
import { constants, crc32, deflateRaw } from "node:zlib";

const deflateRawAsync = promisify(deflateRaw);

export interface GzippedParts {
  /** The body's parts between the render's nonce (one more than its occurrences), each compressed on its own. */
  compressed: Buffer[];
  /** Per part: its CRC-32, and x^(8 * its length in bytes) mod the CRC polynomial (what combining it needs). */
  crcs: number[];
  shifts: number[];
  /** The parts' length in bytes, together. */
  length: number;
  /** Bytes held (the compressed parts), counted by the store. */
  bytes: number;
}

/** CRC-32's polynomial, bit-reflected (as zlib and gzip use it). */
const POLY = 0xedb88320;

/** a(x) * b(x) modulo the CRC polynomial, both bit-reflected (zlib's multmodp). */
function multmodp(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31 (zlib's x2n_table). */
const X2N: number[] = [];
X2N[0] = 0x40000000; // x^1
for (let k = 1; k < 32; k++) X2N[k] = multmodp(X2N[k - 1]!, X2N[k - 1]!);

/** x^(8n) modulo the polynomial: what a CRC is multiplied by to move it past n more bytes (zlib's x2nmodp(n, 3)). */
export function crcShift(bytes: number): number {
  let p = 0x80000000; // x^0
  for (let n = bytes, k = 3; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multmodp(X2N[k & 31]!, p);
  return p;
}

/** The CRC-32 of A followed by B, from A's CRC, B's CRC and B's shift (crcShift of its length): zlib's crc32_combine. */
export function crcCombine(crcA: number, crcB: number, shiftB: number): number {
  return (multmodp(shiftB, crcA) ^ crcB) >>> 0;
}

/** The body compressed in parts around `nonce` (null: one part). Level 6: it is done once per kept page, off the event loop. */
export async function gzipParts(body: string, nonce: string | null): Promise<GzippedParts> {
  const raw = (nonce ? body.split(nonce) : [body]).map((part) => Buffer.from(part, "utf8"));
  const compressed = await Promise.all(
    raw.map((part) => (part.length === 0 ? Buffer.alloc(0) : deflateRawAsync(part, { level: 6, finishFlush: constants.Z_SYNC_FLUSH }))),
  );
  return {
    compressed,
    crcs: raw.map((part) => crc32(part)),
    shifts: raw.map((part) => crcShift(part.length)),
    length: raw.reduce((n, part) => n + part.length, 0),
    bytes: compressed.reduce((n, part) => n + part.length, 0),
  };
}

/** gzip's member header (RFC 1952, 2.3): magic, DEFLATE, no flags, no time, no extra flags, OS unknown. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
/** The last DEFLATE block: stored, final, empty (BFINAL=1, BTYPE=00, LEN=0, NLEN=0xffff). */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
/** A stored block holds at most 65,535 bytes. */
const MAX_STORED = 0xffff;

/** `bytes` as DEFLATE stored blocks (the stream is on a byte boundary before and after). */
function storedBlocks(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_STORED) {
    const chunk = bytes.subarray(at, at + MAX_STORED);
    const head = Buffer.alloc(5); // BFINAL=0, BTYPE=00 (stored), padding to the byte: 0x00
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    out.push(head, chunk);
  }
  return out;
}

/** The page with `nonce` in place of the render's, as one gzip member, without compressing anything again. */
export function gzipWithNonce(parts: GzippedParts, nonce: string): Buffer {
  const nonceBytes = Buffer.from(nonce, "utf8");
  const between = storedBlocks(nonceBytes);
  const nonceCrc = crc32(nonceBytes);
  const nonceShift = crcShift(nonceBytes.length);
  const pieces: Buffer[] = [HEADER];
  let crc = 0;
  parts.compressed.forEach((part, i) => {
    if (i > 0) {
      pieces.push(...between);
      crc = crcCombine(crc, nonceCrc, nonceShift);
    }
    pieces.push(part);
    crc = crcCombine(crc, parts.crcs[i]!, parts.shifts[i]!);
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE((parts.length + nonceBytes.length * (parts.compressed.length - 1)) % 2 ** 32, 4);
  pieces.push(FINAL_BLOCK, trailer);
  return Buffer.concat(pieces);
}
