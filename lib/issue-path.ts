/**
 * An input path as the user reads it: "values.0.numerator" -> "value 1: numerator",
 * "allowedChargesCents" -> "Medicare allowed charges". Field names become their labels; list indexes
 * count from 1, after the singular of the list's name.
 */
import { fieldLabel } from "./audit/describe";

const SINGULAR: Record<string, string> = { values: "value", files: "file", rows: "row", overrides: "change", measurements: "measurement", clinicians: "clinician" };

export function describeIssuePath(path: string): string {
  if (!path) return "input";
  const parts = path.split(".");
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      words.push(`${SINGULAR[part] ?? fieldLabel(part)} ${Number(next) + 1}`);
      i++;
    } else if (/^\d+$/.test(part)) words.push(`item ${Number(part) + 1}`);
    else words.push(fieldLabel(part));
  }
  return words.join(": ");
}
