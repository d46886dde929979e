/**
 * Limits for untrusted XML (vendor QRDA III files). A real QRDA III report is a few MB and about 20
 * elements deep; anything far beyond that is a mistake or an attack, so it is refused before or while
 * parsing, never after building a large tree.
 */
import { badInput } from "../../errors";

/** 50 MB: CMS's largest group samples are about 1 MB; the cap leaves room for big groups. */
export const MAX_XML_BYTES = 50 * 1024 * 1024;

/** Element nesting depth; QRDA III documents nest about 20 deep. */
export const MAX_XML_DEPTH = 100;

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: MAX_XML_BYTES, maxDepth: MAX_XML_DEPTH };

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** UTF-8 length of a string without allocating an encoded copy (Node's native count where there is one). */
export function utf8ByteLength(text: string): number {
  if (typeof Buffer === "function") return Buffer.byteLength(text, "utf8");
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Refuses input over the size cap; call before parsing so a huge file costs nothing. */
export function assertXmlSize(byteLength: number, source: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  if (byteLength > limits.maxBytes) {
    throw badInput(
      `${source} is too large: ${megabytes(byteLength)} (the limit for a QRDA III file is ${megabytes(limits.maxBytes)})`,
    );
  }
}

/** Decodes bytes as UTF-8 (the encoding QRDA III requires), after the size check. */
export function decodeXmlBytes(bytes: Uint8Array, source: string, limits: XmlLimits = DEFAULT_XML_LIMITS): string {
  assertXmlSize(bytes.byteLength, source, limits);
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    throw badInput(`${source} is UTF-16 encoded; QRDA III files must be UTF-8`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`${source} is not UTF-8 text (is it a binary file?)`);
  }
}
