/**
 * `Content-Disposition: attachment` for a user-supplied file name (RFC 6266): an ASCII `filename` fallback
 * with quotes, backslashes, control characters (CR/LF: no header injection) and non-ASCII replaced by "_",
 * and the exact name as `filename*` in RFC 5987 form. encodeURIComponent leaves ' ( ) * unescaped, but
 * RFC 5987's attr-char does not allow them (a ' would end the charset'language' prefix), so they are
 * percent-encoded too.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
