/**
 * Control characters in text input: NUL makes Postgres refuse the whole statement (a 500 before this
 * check), and the others have no business in names, emails or search terms. Tab, line feed and carriage
 * return are allowed (multi-line notes, CSV text).
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The path (`values.2.note`) of the first string, or object key, holding a forbidden control character. */
export function findControlCharacter(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return FORBIDDEN.test(value) ? path.join(".") || "input" : null;
  if (depth > 20 || value === null || typeof value !== "object") return null;
  if (value instanceof Date || ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN.test(key)) return [...path, key].join(".");
    const found = findControlCharacter(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
