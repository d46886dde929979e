import Link from "next/link";
import { ChevronsUpDown, UserRound } from "lucide-react";
import { serverApi } from "@/server/caller";
import { forPage, getSignedInUser } from "@/server/page-context";
import { SignOutMenuItem } from "@/components/auth/sign-out-button";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** Top bar: product name, organization switcher, account menu. */
export async function AppHeader({ current }: { current?: { slug: string; name: string } }) {
  const api = await serverApi();
  const [user, organizations] = await Promise.all([getSignedInUser(), forPage(api.organizations.mine())]);
  return (
    <header className="border-b bg-background">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4">
        <Link href="/" className="shrink-0 font-semibold tracking-tight whitespace-nowrap">
          PI Portal
        </Link>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" aria-label="Switch organization" className="min-w-0 shrink">
              {/* A long name is cut on a phone rather than pushing the page sideways (the full name is in the menu). */}
              <span className="truncate">{current?.name ?? "Choose an organization"}</span>
              <ChevronsUpDown aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuLabel>Your organizations</DropdownMenuLabel>
            {organizations.map((m) => (
              <DropdownMenuItem key={m.membershipId} asChild>
                <Link href={`/o/${m.organization.slug}`} aria-current={m.organization.slug === current?.slug ? "page" : undefined}>
                  <span className="flex-1">{m.organization.name}</span>
                  <span className="text-xs text-muted-foreground">{m.role}</span>
                </Link>
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
        <div className="ml-auto min-w-0 shrink-0">
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm" aria-label="Account menu">
                <UserRound aria-hidden />
                {/* On a phone the icon alone (the button keeps its name "Account menu"); the name and email are in the menu. */}
                <span className="hidden max-w-48 truncate sm:inline">{user.name}</span>
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>
                <span className="block sm:hidden">{user.name}</span>
                {user.email}
              </DropdownMenuLabel>
              <DropdownMenuItem asChild>
                <Link href="/account">Account</Link>
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <SignOutMenuItem />
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      </div>
    </header>
  );
}
