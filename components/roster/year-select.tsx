import { PERFORMANCE_YEARS_NEWEST_FIRST } from "@/lib/mips/years";
import { NativeSelect } from "@/components/ui/native-select";
import { Label } from "@/components/ui/label";

/** The performance year of a roster page, as a GET field (the year lives in the URL; pages read it with server/page-year.ts). */
export function YearField({ value, id = "performanceYear" }: { value: number; id?: string }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>Performance year</Label>
      <NativeSelect id={id} name="year" defaultValue={String(value)} className="w-28">
        {PERFORMANCE_YEARS_NEWEST_FIRST.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

export function pageParam(value: string | string[] | undefined): number {
  const page = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function textParam(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && text.trim() ? text.trim() : undefined;
}
