import type * as React from "react";
import { FormField } from "./form-field";
import { Input } from "./input";

/**
 * A labelled password input with its hint and inline error (FormField around a password Input). The
 * autocomplete value is required: it tells password managers to fill the current password or to offer
 * a new one.
 */
export function PasswordField({
  id,
  label,
  hint,
  error,
  name,
  autoComplete,
  ...props
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  name: string;
  autoComplete: "current-password" | "new-password";
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "name" | "autoComplete">) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <Input {...props} name={name} type="password" autoComplete={autoComplete} />
    </FormField>
  );
}
