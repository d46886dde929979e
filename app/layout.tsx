import type { Metadata } from "next";
import { TrpcReactProvider } from "@/components/providers/trpc-client";
import "./globals.css";

// Every page renders per request: the Content-Security-Policy nonce (proxy.ts) is new each time, and
// a page prerendered at build time would carry scripts without it.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "PI Portal", template: "%s · PI Portal" },
  description: "MIPS Promoting Interoperability: rosters, CEHRT data, scoring and submission for medical groups.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TrpcReactProvider>{children}</TrpcReactProvider>
      </body>
    </html>
  );
}
