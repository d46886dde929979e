import Link from "next/link";
import { cn } from "@/lib/utils";
import { buttonVariants } from "./button";

/**
 * Previous / next links for a server-paginated list. `hrefFor(page)` builds the URL (keeping the
 * current filters); the page number lives in the URL, so a page can be linked and reloaded. A page with
 * several paginated lists names each (`label`): landmarks of one page need distinct names.
 */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
  label = "Pagination",
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = (target: number, label: string, disabled: boolean) =>
    disabled ? (
      <span className={cn(buttonVariants({ variant: "outline", size: "sm" }), "pointer-events-none opacity-50")} aria-disabled="true">
        {label}
      </span>
    ) : (
      <Link href={hrefFor(target)} className={buttonVariants({ variant: "outline", size: "sm" })}>
        {label}
      </Link>
    );
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4 py-3 text-sm">
      <p className="text-muted-foreground">
        {total === 0 ? "Nothing to show" : `${first}–${last} of ${total.toLocaleString("en-US")}`} · page {page} of {pages}
      </p>
      <div className="flex gap-2">
        {link(page - 1, "Previous", page <= 1)}
        {link(page + 1, "Next", page >= pages)}
      </div>
    </nav>
  );
}
