/**
 * The parts every PDF report shares (@react-pdf/renderer, rendered on the server): A4 pages with a title,
 * sections, simple tables with fixed column widths, and a footer on every page naming the organization,
 * the performance year, when the report was generated, the page number and, where figures are
 * estimates, "Estimate". Built-in Helvetica only (no font files to fetch).
 */
import type { ReactNode } from "react";
import { Document, Font, Page, StyleSheet, Text, View } from "@react-pdf/renderer";

/**
 * Words are never hyphenated ("rea-son", "denomi-nator" read badly in a table); only a token too long
 * for any column (a long file name) may break, in pieces of 24 characters, rather than run into the next
 * column. Checksums are printed in groups (see `checksumGroups`).
 */
Font.registerHyphenationCallback((word) => (word.length <= 32 ? [word] : (word.match(/.{1,24}/g) ?? [word])));

/** A SHA-256 checksum in four groups of 16 characters, so it wraps inside its column. */
export function checksumGroups(checksum: string): string {
  return (checksum.match(/.{1,16}/g) ?? [checksum]).join(" ");
}

export const pdfStyles = StyleSheet.create({
  page: { paddingTop: 36, paddingBottom: 56, paddingHorizontal: 36, fontFamily: "Helvetica", fontSize: 9, color: "#111" },
  title: { fontSize: 16, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  subtitle: { fontSize: 10, color: "#444", marginBottom: 12 },
  section: { marginBottom: 12 },
  heading: { fontSize: 11, fontFamily: "Helvetica-Bold", marginBottom: 4, borderBottomWidth: 0.5, borderBottomColor: "#999", paddingBottom: 2 },
  // The font size is repeated: a unitless lineHeight multiplies the Text's own size, not the inherited one.
  paragraph: { marginBottom: 3, fontSize: 9, lineHeight: 1.3 },
  muted: { color: "#555" },
  strong: { fontFamily: "Helvetica-Bold" },
  row: { flexDirection: "row", borderBottomWidth: 0.25, borderBottomColor: "#ccc", paddingVertical: 2 },
  headerRow: { flexDirection: "row", borderBottomWidth: 0.75, borderBottomColor: "#555", paddingVertical: 2, fontFamily: "Helvetica-Bold" },
  cell: { paddingRight: 4 },
  footer: { position: "absolute", bottom: 24, left: 36, right: 36, fontSize: 7.5, color: "#555", borderTopWidth: 0.5, borderTopColor: "#999", paddingTop: 4, flexDirection: "row", justifyContent: "space-between" },
  estimate: { fontFamily: "Helvetica-Bold", color: "#8a4b00" },
});

export interface ReportFooter {
  organization: string;
  performanceYear: number;
  generatedAt: Date;
  /** True when the report holds estimates (final score, payment adjustment): the footer says so. */
  estimate: boolean;
}

export function ReportDocument({ title, subtitle, footer, children }: { title: string; subtitle: string; footer: ReportFooter; children: ReactNode }) {
  const generated = `${footer.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return (
    <Document title={title} author={footer.organization} subject={`MIPS Promoting Interoperability, performance year ${footer.performanceYear}`}>
      <Page size="A4" style={pdfStyles.page} wrap>
        <Text style={pdfStyles.title}>{title}</Text>
        <Text style={pdfStyles.subtitle}>{subtitle}</Text>
        {children}
        <View style={pdfStyles.footer} fixed>
          <Text>
            {footer.organization} · performance year {footer.performanceYear} · generated {generated}
            {footer.estimate ? " · " : ""}
            {footer.estimate ? <Text style={pdfStyles.estimate}>Estimate: final-score figures are estimates</Text> : null}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View style={pdfStyles.section}>
      <Text style={pdfStyles.heading} minPresenceAhead={40}>
        {title}
      </Text>
      {children}
    </View>
  );
}

export function P({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return <Text style={muted ? [pdfStyles.paragraph, pdfStyles.muted] : pdfStyles.paragraph}>{children}</Text>;
}

/** A table: `widths` are fractions of the line (they should add up to 1). */
export function PdfTable({ columns, widths, rows }: { columns: string[]; widths: number[]; rows: (string | number)[][] }) {
  const cell = (i: number) => [pdfStyles.cell, { width: `${(widths[i] ?? 0) * 100}%` }];
  const row = (r: (string | number)[], ri: number) => (
    <View key={ri} style={pdfStyles.row} wrap={false}>
      {r.map((v, i) => (
        <Text key={i} style={cell(i)}>
          {String(v)}
        </Text>
      ))}
    </View>
  );
  return (
    <View>
      {/* The header never ends a page alone: it moves with the first row. */}
      <View wrap={false}>
        <View style={pdfStyles.headerRow}>
          {columns.map((c, i) => (
            <Text key={c} style={cell(i)}>
              {c}
            </Text>
          ))}
        </View>
        {rows[0] ? row(rows[0], 0) : null}
      </View>
      {rows.slice(1).map((r, ri) => row(r, ri + 1))}
    </View>
  );
}
