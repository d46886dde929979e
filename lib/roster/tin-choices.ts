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

/** The first `max` of `all` that match, the selected one always among them. */
function boundedChoices<T>(all: readonly T[], options: { idOf: (t: T) => string; matches: ((t: T) => boolean) | null; selected?: string | null | undefined; max: number; query: string }): TinChoices<T> {
  const matches = options.matches ? all.filter(options.matches) : [...all];
  const shown = matches.slice(0, options.max);
  const selected = options.selected ? all.find((t) => options.idOf(t) === options.selected) : undefined;
  if (selected && !shown.includes(selected)) shown.unshift(selected);
  return { shown, total: all.length, matching: matches.length, query: options.query };
}

/** `query` as a search: trimmed, at most 100 characters; its digits (dashes and spaces ignored) and its lower case. */
function searchOf(raw: string | null | undefined) {
  const query = (raw ?? "").trim().slice(0, 100);
  const digits = query.replace(/[-\s]/g, "");
  return { query, digits: /^\d+$/.test(digits) ? digits : null, lower: query.toLowerCase() };
}

export function tinChoices<T extends { id: string; tin: string; name: string }>(all: readonly T[], options: { selected?: string | null | undefined; query?: string | null | undefined; max?: number } = {}): TinChoices<T> {
  const { query, digits, lower } = searchOf(options.query);
  const matches = query ? (t: T) => (digits !== null && t.tin.includes(digits)) || t.name.toLowerCase().includes(lower) : null;
  return boundedChoices(all, { idOf: (t) => t.id, matches, selected: options.selected, max: options.max ?? TIN_CHOICES_MAX, query });
}

/**
 * The same for a clinician select (one TIN's clinicians: a hospital TIN bills for thousands): up to
 * TIN_CHOICES_MAX, those whose NPI holds the query's digits or whose name holds its text, the selected one always.
 */
export function clinicianChoices<T extends { clinicianId: string; npi: string; name: string }>(all: readonly T[], options: { selected?: string | null | undefined; query?: string | null | undefined; max?: number } = {}): TinChoices<T> {
  const { query, digits, lower } = searchOf(options.query);
  const matches = query ? (c: T) => (digits !== null && c.npi.includes(digits)) || c.name.toLowerCase().includes(lower) : null;
  return boundedChoices(all, { idOf: (c) => c.clinicianId, matches, selected: options.selected, max: options.max ?? TIN_CHOICES_MAX, query });
}
