/**
 * The portal's emails, each as text and HTML from the same values. Every interpolated value is escaped
 * in the HTML (organization and person names are user input).
 */
import type { OutgoingMail } from "./transport";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function layout(title: string, paragraphs: string[], action: { label: string; url: string }, footer: string): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join("");
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px;margin:24px auto;padding:0 16px">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#111;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#555">Or paste this link into your browser: ${escapeHtml(action.url)}</p>
<p style="font-size:13px;color:#555">${escapeHtml(footer)}</p>
</body></html>`;
}

export interface InvitationMailParams {
  to: string;
  organizationName: string;
  role: string;
  inviterName: string;
  acceptUrl: string;
  expiresAt: Date;
}

export function invitationMail(p: InvitationMailParams): OutgoingMail {
  const subject = `You are invited to ${p.organizationName} on PI Portal`;
  const lines = [
    `${p.inviterName} invited you to join ${p.organizationName} on PI Portal as ${p.role}.`,
    `The link works once and until ${p.expiresAt.toUTCString()}. If you already have a PI Portal account with this email, sign in to accept; otherwise choose your name and a password.`,
  ];
  const footer = "If you did not expect this invitation, ignore this email: nothing happens until the link is used.";
  return {
    to: p.to,
    subject,
    text: [...lines, "", `Accept the invitation: ${p.acceptUrl}`, "", footer].join("\n"),
    html: layout(subject, lines, { label: "Accept the invitation", url: p.acceptUrl }, footer),
  };
}

export interface PasswordResetMailParams {
  to: string;
  resetUrl: string;
  expiresAt: Date;
}

export function passwordResetMail(p: PasswordResetMailParams): OutgoingMail {
  const subject = "Reset your PI Portal password";
  const lines = [
    "Someone (hopefully you) asked to reset the password of your PI Portal account.",
    `The link works once and until ${p.expiresAt.toUTCString()}. Setting a new password signs you out everywhere.`,
  ];
  const footer = "If you did not ask for this, ignore this email: your password stays as it is.";
  return {
    to: p.to,
    subject,
    text: [...lines, "", `Choose a new password: ${p.resetUrl}`, "", footer].join("\n"),
    html: layout(subject, lines, { label: "Choose a new password", url: p.resetUrl }, footer),
  };
}
