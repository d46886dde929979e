/** PasswordField renders what the password forms rendered by hand: label for the id, a password input, hint and error wired for screen readers. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PasswordField } from "@/components/ui/password-field";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

describe("PasswordField", () => {
  it("is the FormField around a password Input the forms wrote by hand: same label, id, name, autocomplete, hint and error", () => {
    const field = renderToStaticMarkup(
      createElement(PasswordField, { id: "new-password", label: "New password", hint: "At least 10 characters.", error: "Too short.", name: "newPassword", autoComplete: "new-password" }),
    );
    const byHand = renderToStaticMarkup(
      createElement(FormField, {
        id: "new-password",
        label: "New password",
        hint: "At least 10 characters.",
        error: "Too short.",
        children: createElement(Input, { name: "newPassword", type: "password", autoComplete: "new-password" }),
      }),
    );
    expect(field).toBe(byHand);
    expect(field).toContain('<label');
    expect(field).toContain('for="new-password"');
    expect(field).toMatch(/<input[^>]*type="password"[^>]*autoComplete="new-password"|<input[^>]*autoComplete="new-password"[^>]*type="password"/);
    expect(field).toContain('aria-describedby="new-password-hint new-password-error"');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain(">Too short.</p>");
  });

  it("without an error: no aria-invalid, no error line; other input attributes pass through", () => {
    const field = renderToStaticMarkup(createElement(PasswordField, { id: "password", label: "Password", name: "password", autoComplete: "current-password", required: true }));
    expect(field).not.toContain("aria-invalid=");
    expect(field).not.toContain("password-error");
    expect(field).not.toContain("aria-describedby");
    expect(field).toContain('autoComplete="current-password"');
    expect(field).toContain('required=""');
    expect(field).toContain('id="password"');
  });
});
