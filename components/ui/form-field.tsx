import * as React from "react";
import { Label } from "./label";

export interface FieldIssue {
  path: string;
  message: string;
}

/** The message of the first issue whose path is `name` (or ends with `.name`), for inline field errors. */
export function fieldError(issues: readonly FieldIssue[] | undefined, name: string): string | undefined {
  return issues?.find((i) => i.path === name || i.path.endsWith(`.${name}`))?.message;
}

/**
 * A labelled form control with its hint and inline error. The child control gets the id, `aria-invalid`
 * and `aria-describedby` wired to the error, so screen readers read the error with the field.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactElement<React.InputHTMLAttributes<HTMLElement>>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {React.cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
