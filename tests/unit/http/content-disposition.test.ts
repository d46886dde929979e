/** The evidence download's Content-Disposition for hostile and foreign file names (RFC 6266 / RFC 5987). */
import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "../../../lib/http/content-disposition";

/** The `filename*` value decoded as a browser does (RFC 5987: UTF-8''<percent-encoded>). */
function exactName(header: string): string {
  const match = /filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
  if (!match) throw new Error(`filename* is not a valid RFC 5987 ext-value: ${header}`);
  return decodeURIComponent(match[1]!);
}

describe("attachmentDisposition", () => {
  it.each([
    ["sra.pdf", 'attachment; filename="sra.pdf"; filename*=UTF-8\'\'sra.pdf'],
    ['say "hi".pdf', 'attachment; filename="say _hi_.pdf"; filename*=UTF-8\'\'say%20%22hi%22.pdf'],
    ["Pat's SRA (final)*.pdf", "attachment; filename=\"Pat's SRA (final)*.pdf\"; filename*=UTF-8''Pat%27s%20SRA%20%28final%29%2A.pdf"],
    ["evil.pdf\r\nSet-Cookie: a=b", 'attachment; filename="evil.pdf__Set-Cookie: a=b"; filename*=UTF-8\'\'evil.pdf%0D%0ASet-Cookie%3A%20a%3Db'],
    ["Analyse de sécurité – 2018.pdf", 'attachment; filename="Analyse de s_curit_ _ 2018.pdf"; filename*=UTF-8\'\'Analyse%20de%20s%C3%A9curit%C3%A9%20%E2%80%93%202018.pdf'],
    ["back\\slash.png", 'attachment; filename="back_slash.png"; filename*=UTF-8\'\'back%5Cslash.png'],
  ])("%j", (name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
    // One header line, and the exact name survives the round trip.
    expect(attachmentDisposition(name)).not.toMatch(/[\r\n]/);
    expect(exactName(attachmentDisposition(name))).toBe(name);
  });
});
