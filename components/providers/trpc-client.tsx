"use client";
/**
 * tRPC v11 with TanStack Query v5 for client components: `const trpc = useTRPC()` then
 * `useQuery(trpc.x.y.queryOptions(input))` / `useMutation(trpc.x.y.mutationOptions())`.
 */
import { useState } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "@/server/routers/_app";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, refetchOnWindowFocus: false },
    },
  });
}

export function TrpcReactProvider({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      // The server refuses batches of more than MAX_BATCH_SIZE (16) calls (server/limits/body-size.ts).
      links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: 16 })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

export interface ClientIssue {
  path: string;
  message: string;
}

/** The field issues carried by a tRPC error (validation or domain), for inline form errors. */
export function errorIssues(error: unknown): ClientIssue[] {
  if (error instanceof TRPCClientError) {
    const data = error.data as { issues?: ClientIssue[] } | undefined;
    return data?.issues ?? [];
  }
  return [];
}

/** The user-facing message of an error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}
