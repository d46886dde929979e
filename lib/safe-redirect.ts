/**
 * Where to go after signing in: only a path on this site. Refused (answering "/"): absolute URLs
 * (https://evil.example), protocol-relative ones (//evil.example), backslash forms that browsers read as
 * such (/\evil.example, /%5Cevil.example), any percent-encoded slash or backslash at the start, and any
 * control character or whitespace (a tab or newline inside "//" is ignored by URL parsers).
 */
export function safeCallbackPath(value: string | string[] | undefined | null): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length > 2000) return "/";
  if (!raw.startsWith("/")) return "/";
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (/[\u0000-\u0020\u007f\\]/.test(raw)) return "/";
  let decoded = raw;
  try {
    // Twice: a double-encoded "%252F" must not become "/" after a second decoding further on.
    decoded = decodeURIComponent(decodeURIComponent(raw));
  } catch {
    return "/";
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (decoded.startsWith("//") || decoded.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(decoded.slice(0, 3))) return "/";
  // The URL parser must agree that it stays on this origin.
  const base = "https://portal.invalid";
  const url = new URL(raw, base);
  if (url.origin !== base) return "/";
  return url.pathname + url.search + url.hash;
}
