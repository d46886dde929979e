import { Download } from "lucide-react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

/** A link that downloads a report or export (a route handler answering with an attachment). Hidden when printing. */
export function DownloadLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a href={href} download className={cn(buttonVariants({ variant: "outline", size: "sm" }), "print:hidden")}>
      <Download aria-hidden="true" className="size-4" />
      {children}
    </a>
  );
}
