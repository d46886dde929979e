"use client";
/** The best reporting window of a TIN against its full span, and (admins) "use this period" as the TIN's reporting period. */
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPCClient } from "@/components/providers/trpc-client";
import { MutationError } from "@/components/roster/mutation-feedback";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Window = { start: string; end: string; days: number; score: number | null };
export type BestWindow = { splittable: false; reason: string; problems: string[] } | { splittable: true; minimumDays: number; best: Window | null; fullSpan: Window | null; windowCount: number; slices: number; problems: string[] };

export function BestWindowPanel({
  organization,
  tinId,
  performanceYear,
  result,
  canChoose,
  currentPeriod,
}: {
  organization: string;
  tinId: string;
  performanceYear: number;
  result: BestWindow;
  canChoose: boolean;
  currentPeriod: { start: string; end: string } | null;
}) {
  const client = useTRPCClient();
  const router = useRouter();
  const choose = useMutation({
    mutationFn: async (w: Window) => {
      // The current choice (mode and version) at the moment of the click: the mode is kept, only the period changes.
      const current = await client.tinReporting.aggregation.query({ organization, tinId, performanceYear });
      const mode = current.choice?.mode ?? "group";
      return client.tinReporting.setChoice.mutate({
        organization,
        tinId,
        performanceYear,
        mode,
        performanceStart: w.start,
        performanceEnd: w.end,
        expectedVersion: current.choice?.version ?? null,
      });
    },
    onSuccess: () => router.refresh(),
  });
  if (!result.splittable) return <p className="text-sm" data-testid="best-window">{result.reason}</p>;
  const { best, fullSpan } = result;
  if (!best) return <p className="text-sm" data-testid="best-window">None of the {result.windowCount} windows of at least {result.minimumDays} days scores yet.</p>;
  const isCurrent = currentPeriod?.start === best.start && currentPeriod.end === best.end;
  return (
    <div className="grid gap-3 text-sm" data-testid="best-window">
      <p>
        Best window of at least {result.minimumDays} days: <strong>{best.start} to {best.end}</strong> ({best.days} days), group PI score <strong>{best.score}</strong>
        {fullSpan ? (
          <>
            {" "}
            against <strong>{fullSpan.score ?? "no score"}</strong> for the whole span {fullSpan.start} to {fullSpan.end}
          </>
        ) : null}
        . From {result.slices} slices of data, {result.windowCount} windows compared.
      </p>
      {result.problems.length ? <Alert variant="warning">Left out: {result.problems.join("; ")}</Alert> : null}
      {canChoose ? (
        isCurrent ? (
          <p className="text-muted-foreground">This is the TIN&apos;s reporting period.</p>
        ) : (
          <Button size="sm" className="w-fit" disabled={choose.isPending} onClick={() => choose.mutate(best)}>
            Use {best.start} to {best.end} as the reporting period
          </Button>
        )
      ) : null}
      <MutationError error={choose.error} />
    </div>
  );
}
