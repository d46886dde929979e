import Link from "next/link";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";
import { PERFORMANCE_YEARS_NEWEST_FIRST } from "@/lib/mips/years";

/** Performance-year switch as links, newest first (the year lives in the URL; pages read it with server/page-year.ts). */
export function YearLinks({ year, href }: { year: number; href: (year: number) => string }) {
  return (
    <nav aria-label="Performance year" className="flex flex-wrap gap-2">
      {PERFORMANCE_YEARS_NEWEST_FIRST.map((y) => (
        <Link key={y} href={href(y)} aria-current={y === year ? "page" : undefined} className={cn(buttonVariants({ variant: y === year ? "default" : "outline", size: "sm" }))}>
          {y}
        </Link>
      ))}
    </nav>
  );
}
