import { buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * "Find a TIN" / "Find a clinician": a GET form narrowing a bounded select (lib/roster/tin-choices.ts) by one
 * search field, keeping the page's other URL parameters (`keep`, empty values dropped), with how many match.
 */
export function FindForm({ label, name, query, placeholder, keep, summary }: { label: string; name: string; query: string; placeholder: string; keep: Record<string, string | number | null | undefined>; summary: string }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm">
      {Object.entries(keep).map(([key, value]) => (value === null || value === undefined || value === "" ? null : <input key={key} type="hidden" name={key} value={value} />))}
      <label className="grid gap-1">
        <span className="font-medium">{label}</span>
        <Input name={name} defaultValue={query} placeholder={placeholder} className="w-48" />
      </label>
      <button type="submit" className={buttonVariants({ variant: "outline", size: "sm" })}>
        Find
      </button>
      <span className="text-muted-foreground">{summary}</span>
    </form>
  );
}
