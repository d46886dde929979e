import Link from "next/link";
import { Button } from "@/components/ui/button";
import { LATEST_PERFORMANCE_YEAR } from "@/lib/mips/years";
import { supportedYearsList } from "@/lib/performance-year";

/** 404 inside an organization: a record that does not exist (or is not the caller's) or an unsupported `?year=`. */
export default function OrganizationNotFound() {
  return (
    <section className="mx-auto flex min-h-[50vh] max-w-xl flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">This page does not exist, it is not yours to open, or it asks for a performance year the portal does not support.</p>
      <p role="note" aria-label="Supported performance years">
        Supported performance years: {supportedYearsList()}. Performance year {LATEST_PERFORMANCE_YEAR + 1} and later are not supported yet: their rules are not final or not yet sourced.
      </p>
      <Button asChild>
        <Link href="/">Go to your organizations</Link>
      </Button>
    </section>
  );
}
