/** Unique TINs and NPIs per test run, so roster tests never collide (the same NPI in two orgs is fine anyway). */
import { syntheticNpi, syntheticTin } from "@/lib/roster/generate";

let counter = Math.floor(Math.random() * 50_000_000);

export function uniqueNpi(): string {
  return syntheticNpi(++counter);
}

export function uniqueTin(): string {
  return syntheticTin(100_000_000 + (++counter % 800_000_000));
}

export const FIGURES_ABOVE_THRESHOLD = { allowedChargesCents: 200_000_00, partBBeneficiaries: 500 };
export const FIGURES_BELOW_THRESHOLD = { allowedChargesCents: 50_000_00, partBBeneficiaries: 100 };

/** `{path, message}` of a refused call's problems: AppError issues, or zod issues with dotted paths. */
export function issuesOf(error: unknown): { path: string; message: string }[] {
  const cause = (error as { cause?: { issues?: { path: unknown; message: string }[] } }).cause;
  return (cause?.issues ?? []).map((i) => ({ path: Array.isArray(i.path) ? i.path.join(".") : String(i.path), message: i.message }));
}
