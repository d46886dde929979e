import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export interface CsvColumnDoc {
  name: string;
  required: boolean;
  expected: string;
}

/** The documented columns of an import file: name, whether required, what a cell must hold. */
export function CsvColumnsTable({ columns, monospace = false }: { columns: readonly CsvColumnDoc[]; monospace?: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Column</TableHead>
          <TableHead>Required</TableHead>
          <TableHead>Expected</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {columns.map((c) => (
          <TableRow key={c.name}>
            <TableCell className={monospace ? "font-mono" : "font-medium"}>{c.name}</TableCell>
            <TableCell>{c.required ? "yes" : "no"}</TableCell>
            <TableCell>{c.expected}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
