import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { MeasureRow } from "@/server/services/dashboards/tin";
import { measureHelp } from "@/lib/mips/measure-help";

/** Per measure: rate, band, points of maximum, and the numerator still needed for the next band. */
export function MeasureTable({ measures, caption = "Measures with rate, band, points and the next band" }: { measures: MeasureRow[]; caption?: string }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead scope="col">Measure</TableHead>
          <TableHead scope="col">Numerator / denominator</TableHead>
          <TableHead scope="col">Rate</TableHead>
          <TableHead scope="col">Band</TableHead>
          <TableHead scope="col">Points</TableHead>
          <TableHead scope="col">Next band</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {measures.map((m) => (
          <TableRow key={m.measureId} data-testid={`measure-${m.measureId}`}>
            <TableCell>
              {m.title}
              <span className="block text-xs text-muted-foreground">{m.measureId}</span>
              {measureHelp(m.measureId) ? <span className="mt-1 block max-w-md text-xs text-muted-foreground">{measureHelp(m.measureId)}</span> : null}
            </TableCell>
            <TableCell>
              {m.numerator} / {m.denominator}
            </TableCell>
            <TableCell>{m.rate}</TableCell>
            <TableCell>{m.excluded ? "excluded" : m.band}</TableCell>
            <TableCell className={m.maxPoints > 0 && m.points === 0 && !m.excluded ? "font-medium text-destructive" : undefined}>{m.maxPoints > 0 ? `${m.points} of ${m.maxPoints}` : "base only"}</TableCell>
            <TableCell>
              {m.nextBandNumerator !== null
                ? `${m.nextBandNumerator} (${m.moreNeeded} more)`
                : m.maxPoints > 0 && !m.excluded
                  ? "top band"
                  : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
