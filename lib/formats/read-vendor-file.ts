/**
 * One entry point for a vendor file of either format: detects QRDA III or QPP JSON by content and reads it
 * into a Submission with warnings. The web app and `mips aggregate` both use this.
 */
import { badInput } from "../errors";
import { detectFormat, type VendorFormat } from "./detect";
import { readQppJson } from "./qpp-json";
import { type ReadResult, readQrda3 } from "./qrda3/read";
import { decodeXmlBytes } from "./xml/limits";

export interface VendorFileResult extends ReadResult {
  format: Exclude<VendorFormat, "unknown">;
}

/** `input` may be an upload's bytes: the size cap (50 MB) is checked before decoding or parsing. */
export function readVendorFile(input: string | Uint8Array, source: string): VendorFileResult {
  const text = typeof input === "string" ? input : decodeXmlBytes(input, source);
  const format = detectFormat(text);
  if (format === "qrda3") return { format, ...readQrda3(text, source) };
  if (format === "qpp-json") return { format, ...readQppJson(text, source) };
  throw badInput(`${source} is neither a QRDA III XML file nor a QPP JSON file (it starts with neither "<" nor "{")`);
}
