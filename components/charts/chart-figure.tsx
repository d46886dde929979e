"use client";
/**
 * A chart with its numbers: the picture for people who would rather look, and the same figures as a
 * table for screen readers and for anyone who wants the exact values. The chart itself is hidden from
 * assistive technology (the table says everything it says).
 */
import * as React from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface ChartColumn<Row> {
  key: string;
  label: string;
  value: (row: Row) => React.ReactNode;
}

export function ChartFigure<Row>({
  title,
  description,
  rows,
  columns,
  rowKey,
  children,
  height = 260,
}: {
  title: string;
  description?: string;
  rows: readonly Row[];
  columns: readonly ChartColumn<Row>[];
  rowKey: (row: Row) => string;
  children: React.ReactNode;
  height?: number;
}) {
  const id = React.useId();
  return (
    <figure aria-labelledby={`${id}-title`} className="grid gap-2">
      <figcaption>
        <span id={`${id}-title`} className="text-sm font-medium">
          {title}
        </span>
        {description ? <span className="block text-xs text-muted-foreground">{description}</span> : null}
      </figcaption>
      <div aria-hidden="true" className="print:hidden" style={{ width: "100%", height }}>
        {children}
      </div>
      <details className="text-sm print:hidden">
        <summary className="cursor-pointer text-muted-foreground">Numbers behind “{title}”</summary>
        <NumbersTable title={title} rows={rows} columns={columns} rowKey={rowKey} />
      </details>
      {/* On paper the numbers replace the picture: a chart laid out for the screen's width would be cut or
          shrunk at the page's edge, and the table is exact. Hidden on screen (the details above hold it). */}
      <div className="hidden text-sm print:block">
        <NumbersTable title={title} rows={rows} columns={columns} rowKey={rowKey} />
      </div>
    </figure>
  );
}

function NumbersTable<Row>({ title, rows, columns, rowKey }: { title: string; rows: readonly Row[]; columns: readonly ChartColumn<Row>[]; rowKey: (row: Row) => string }) {
  return (
    <Table>
      <caption className="sr-only">{title}</caption>
      <TableHeader>
        <TableRow>
          {columns.map((c) => (
            <TableHead key={c.key} scope="col">
              {c.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)}>
            {columns.map((c) => (
              <TableCell key={c.key}>{c.value(row)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Colours that stay apart for the common colour-vision deficiencies (Okabe-Ito), each also distinct in
 * lightness, used in this order.
 */
export const CHART_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;
