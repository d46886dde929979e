/**
 * What server-rendered pages need before they render: the signed-in user (or a redirect to sign-in) and
 * the organization with the caller's role (or a 404 for non-members: other tenants are not revealed).
 */
import "server-only";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { serverApi } from "./caller";

/**
 * Turns a procedure's refusal into the page's answer: sign-in for UNAUTHORIZED, 404 for BAD_REQUEST (a
 * malformed URL parameter), for NOT_FOUND and for
 * FORBIDDEN (a record the caller's role may not open, e.g. another clinician's, reached by editing the
 * URL: pages check roles themselves for what they link to).
 */
export function handlePageError(error: unknown): never {
  if (error instanceof TRPCError) {
    if (error.code === "UNAUTHORIZED") redirect("/sign-in");
    // BAD_REQUEST: a URL parameter the procedure refuses (page=99999999999999999999, a NUL in a slug).
    if (error.code === "NOT_FOUND" || error.code === "FORBIDDEN" || error.code === "BAD_REQUEST") notFound();
  }
  throw error;
}

/** Runs a procedure call for a page, answering refusals as `handlePageError` does. */
export async function forPage<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    handlePageError(error);
  }
}

export const getSignedInUser = cache(async () => {
  const api = await serverApi();
  return forPage(api.account.me());
});

/** The organization (by slug or id) and the caller's role in it; one lookup per request. */
export const getOrgContext = cache(async (organization: string) => {
  const api = await serverApi();
  return forPage(api.organizations.get({ organization }));
});
