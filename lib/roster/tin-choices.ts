/**
 * Which TINs a TIN select lists. A health system has hundreds to a thousand TINs: a select of every one of
 * them weighs a page down (each option is in the HTML and, for a client form, in its props too). Up to
 * TIN_CHOICES_MAX are listed, those matching `query` (TIN digits, dashes ignored, or a part of the name,
 * any case) in the given order, with the selected TIN always among them; `total` and `matching` tell the
 * page to offer a "Find a TIN" search when not every TIN is listed.
 */
export const TIN_CHOICES_MAX = 100;

export interface TinChoices<T> {
  shown: T[];
  /** Every TIN given. */
  total: number;
  /** The TINs matching the query (every TIN without one). */
  matching: number;
  /** The query as used (trimmed), "" without one. */
  query: string;
}

export function tinChoices<T extends { id: string; tin: string; name: string }>(all: readonly T[], options: { selected?: string | null | undefined; query?: string | null | undefined; max?: number } = {}): TinChoices<T> {
  const max = options.max ?? TIN_CHOICES_MAX;
  const query = (options.query ?? "").trim().slice(0, 100);
  const digits = query.replace(/[-\s]/g, "");
  const lower = query.toLowerCase();
  const matches = query ? all.filter((t) => (/^\d+$/.test(digits) && t.tin.includes(digits)) || t.name.toLowerCase().includes(lower)) : [...all];
  const shown = matches.slice(0, max);
  const selected = options.selected ? all.find((t) => t.id === options.selected) : undefined;
  if (selected && !shown.includes(selected)) shown.unshift(selected);
  return { shown, total: all.length, matching: matches.length, query };
}
