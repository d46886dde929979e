/** Deterministic valid identifiers for demo data, benchmarks and tests (never real people's NPIs). */
import { npiCheckDigit } from "../mips/identifiers";

/** The n-th valid NPI of a series: `1` + 8 digits of n + the check digit. */
export function syntheticNpi(n: number, prefix: "1" | "2" = "1"): string {
  const nine = `${prefix}${String(n % 100_000_000).padStart(8, "0")}`;
  return `${nine}${npiCheckDigit(nine)}`;
}

/** The n-th TIN of a series, 9 digits. */
export function syntheticTin(n: number): string {
  return String(n % 1_000_000_000).padStart(9, "0");
}
