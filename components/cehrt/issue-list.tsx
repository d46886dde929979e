import { Alert } from "@/components/ui/alert";

/** A refusal with every problem on its own line (what, where, what is expected). */
export function IssueList({ title, issues }: { title: string; issues: readonly { path: string; message: string }[] }) {
  return (
    <Alert variant="destructive" role="alert">
      <p className="font-medium">{title}</p>
      {issues.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm">
          {issues.map((i, n) => (
            <li key={n}>
              {i.path ? <span className="font-mono">{i.path}</span> : null}
              {i.path ? ": " : null}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
