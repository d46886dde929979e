/** Parsing and formatting of the values people type: dates, dollars, yes/no. Framework-free. */

/** A calendar date `YYYY-MM-DD` that exists (no 2018-02-30). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Accepts `2018-03-01` or `3/1/2018` (US spreadsheet style); returns `YYYY-MM-DD` or null. */
export function parseDate(input: string): string | null {
  const value = input.trim();
  if (isIsoDate(value)) return value;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (us) {
    const iso = `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
    return isIsoDate(iso) ? iso : null;
  }
  return null;
}

/** Today's date (UTC) as `YYYY-MM-DD`. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `95000`, `95,000.50`, `$95,000` -> cents as an integer; null when it is not an amount of dollars. */
export function parseDollarsToCents(input: string): number | null {
  const value = input.trim().replace(/^\$/, "").replace(/,/g, "");
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents -> `95000.00` (for CSV and form fields; no thousands separator so it parses back). */
export function centsToDollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

/** Cents -> `$95,000.00` for reading. */
export function formatDollars(cents: number): string {
  return `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

const YES = new Set(["y", "yes", "true", "1", "x"]);
const NO = new Set(["", "n", "no", "false", "0"]);

/** yes/no, true/false, 1/0, x/empty -> boolean; null when it is none of those. */
export function parseYesNo(input: string): boolean | null {
  const value = input.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return null;
}
