import Link from "next/link";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

/** Performance-year switch as links (the year lives in the URL). */
export function YearLinks({ year, href }: { year: number; href: (year: number) => string }) {
  return (
    <nav aria-label="Performance year" className="flex gap-2">
      {[2018, 2017].map((y) => (
        <Link key={y} href={href(y)} aria-current={y === year ? "page" : undefined} className={cn(buttonVariants({ variant: y === year ? "default" : "outline", size: "sm" }))}>
          {y}
        </Link>
      ))}
    </nav>
  );
}
