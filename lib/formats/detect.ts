/**
 * Tells a QRDA III (XML) file from a QPP JSON file by content, not by file name: vendors name files
 * freely. Looks only at the first significant character (after a byte-order mark and whitespace).
 */
export type VendorFormat = "qrda3" | "qpp-json" | "unknown";

export function detectFormat(text: string): VendorFormat {
  for (let i = 0; i < text.length && i < 4096; i++) {
    const c = text[i];
    if (c === "\uFEFF" || c === " " || c === "\t" || c === "\r" || c === "\n") continue;
    if (c === "<") return "qrda3";
    if (c === "{") return "qpp-json";
    return "unknown";
  }
  return "unknown";
}
