"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { MembershipRole } from "@/db/schema/roles";
import { cn } from "@/lib/utils";
import { navItemsFor } from "./nav-items";

export function OrgNav({ slug, role }: { slug: string; role: MembershipRole }) {
  const pathname = usePathname();
  const base = `/o/${slug}`;
  return (
    <nav aria-label="Organization" className="border-b bg-muted/30">
      <ul className="mx-auto flex max-w-7xl flex-wrap gap-1 px-4">
        {navItemsFor(role).map((item) => {
          const href = base + item.href;
          const active = item.href === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={item.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-3 py-2 text-sm text-muted-foreground hover:text-foreground",
                  active ? "border-primary font-medium text-foreground" : "border-transparent",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
