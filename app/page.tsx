import Link from "next/link";
import { redirect } from "next/navigation";
import { serverApi } from "@/server/caller";
import { forPage } from "@/server/page-context";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { AppHeader } from "@/components/layout/app-header";

export const dynamic = "force-dynamic";

/** Home: straight into the organization when the user has one, otherwise a choice of organizations. */
export default async function HomePage() {
  const api = await serverApi();
  const mine = await forPage(api.organizations.mine());
  if (mine.length === 1) redirect(`/o/${mine[0]!.organization.slug}`);
  return (
    <>
      <AppHeader />
      <main className="mx-auto max-w-3xl p-6">
        <h1 className="mb-4 text-2xl font-semibold">Your organizations</h1>
        {mine.length === 0 ? (
          <p className="text-muted-foreground">
            You are not a member of any organization yet. Ask an administrator of your organization to add you.
          </p>
        ) : (
          <ul className="grid gap-3">
            {mine.map((m) => (
              <li key={m.membershipId}>
                <Link href={`/o/${m.organization.slug}`} className="block rounded-lg focus-visible:ring-2 focus-visible:ring-ring">
                  <Card className="hover:bg-muted/50">
                    <CardHeader>
                      <CardTitle>{m.organization.name}</CardTitle>
                      <CardDescription>Your role: {m.role}</CardDescription>
                    </CardHeader>
                  </Card>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
