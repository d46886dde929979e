/**
 * The performance year of a server-rendered page: `?year=` or, without one, the current performance year
 * from the clock. An unsupported year answers 404 (app/o/[org]/not-found.tsx lists the years that exist).
 */
import "server-only";
import { notFound } from "next/navigation";
import { parseYearParam } from "@/lib/performance-year";
import type { PerformanceYear } from "@/lib/mips/years";

export function pageYear(value: string | string[] | undefined): PerformanceYear {
  const parsed = parseYearParam(value);
  if (!parsed.ok) notFound();
  return parsed.year;
}
