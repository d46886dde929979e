/**
 * The tRPC layer, in three parts: context (database, session, caller's IP), init (transformer, error
 * shape), procedures (public, protected, organization). Domain code throws AppError; the one place that
 * maps it to tRPC codes is `appErrors` below.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Db, DatabaseKind } from "@/db/client";
import { getAppDatabase } from "./database";
import type { MembershipRole } from "@/db/schema";
import { findControlCharacter } from "@/lib/control-characters";
import { describeIssuePath } from "@/lib/issue-path";
import { AppError, type AppErrorCode, type Issue } from "@/lib/errors";
import { findMembership, type MembershipWithOrganization } from "./services/organizations";
import type { OrgScope } from "./services/scope";
import { findSessionUser } from "./services/sessions";

// ---------------------------------------------------------------------------------------------- context

/** What the session cookie says: the user and the server-side session (db/schema/accounts.ts `sessions`). */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

export interface TrpcContext {
  db: Db;
  databaseKind: DatabaseKind;
  session: SessionClaims | null;
  ip: string | null;
  /**
   * Server components only (server/caller.ts): one request's checks of the session and of a membership,
   * made once per request and shared by the page's procedure calls (a page makes several).
   */
  requestMemo?: Map<string, Promise<unknown>>;
}

/** `load()` once per key within the request when the context has a request memo, otherwise every time. */
function memoized<T>(ctx: TrpcContext, key: string, load: () => Promise<T>): Promise<T> {
  if (!ctx.requestMemo) return load();
  let found = ctx.requestMemo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    ctx.requestMemo.set(key, found);
  }
  return found;
}

/** Builds the context from the request's session (route handler) or a given one (server components, tests). */
export async function createTrpcContext(opts: { session: SessionClaims | null; ip: string | null; db?: Db; memoizePerRequest?: boolean }): Promise<TrpcContext> {
  const requestMemo = opts.memoizePerRequest ? new Map<string, Promise<unknown>>() : undefined;
  if (opts.db) return { db: opts.db, databaseKind: "postgres", session: opts.session, ip: opts.ip, requestMemo };
  const handle = await getAppDatabase();
  return { db: handle.db, databaseKind: handle.kind, session: opts.session, ip: opts.ip, requestMemo };
}

// ------------------------------------------------------------------------------------------------- init

const TRPC_CODE: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/** Issues of an input-validation failure (zod / standard schema) as `{path, message}` with dotted paths. */
function validationIssues(cause: unknown): Issue[] | null {
  if (!cause || typeof cause !== "object" || !("issues" in cause) || !Array.isArray(cause.issues)) return null;
  return (cause.issues as { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string }[]).map((issue) => ({
    path: (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
    message: issue.message,
  }));
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const issues = cause instanceof AppError ? cause.issues : validationIssues(cause);
    const message = error.code === "BAD_REQUEST" && !(cause instanceof AppError) && issues ? validationMessage(issues) : shape.message;
    // Internal errors never show their message or stack to the user.
    const safeMessage = error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Try again." : message;
    return { ...shape, message: safeMessage, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, issues: issues ?? [] } };
  },
});

/** "Some fields are not valid: email: ...; role: ..." for an input that failed its schema. */
function validationMessage(issues: Issue[]): string {
  return "Some fields are not valid: " + issues.map((i) => `${describeIssuePath(i.path)}: ${i.message}`).join("; ");
}

/**
 * Maps AppError (domain) to TRPCError (transport), keeping the AppError as the cause for its issues; and
 * gives input-validation failures a readable message with every field's problem (the same for HTTP and
 * server-side callers), with the issues as an AppError cause.
 */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
  }
  const issues = result.error.code === "BAD_REQUEST" ? validationIssues(cause) : null;
  if (issues) {
    const message = validationMessage(issues);
    throw new TRPCError({ code: "BAD_REQUEST", message, cause: new AppError("BAD_INPUT", message, issues) });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ------------------------------------------------------------------------------------------- procedures

/** Any control character other than tab and newlines, anywhere in the input, is refused as BAD_REQUEST. */
const refuseControlCharacters = t.middleware(async ({ getRawInput, next }) => {
  const path = findControlCharacter(await getRawInput());
  if (path !== null) {
    const issue = { path, message: "contains a control character (such as NUL); remove it" };
    throw new TRPCError({ code: "BAD_REQUEST", message: `Some fields are not valid: ${path}: ${issue.message}`, cause: new AppError("BAD_INPUT", `Some fields are not valid: ${path}: ${issue.message}`, [issue]) });
  }
  return next();
});

export const publicProcedure = t.procedure.use(appErrors).use(refuseControlCharacters);

/**
 * Signed in, with a session still live on the server (not signed out, not ended by a password change or
 * reset, a membership change or "sign out everywhere", not expired): checked on every call.
 */
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const claims = ctx.session;
  const user = await memoized(ctx, `session|${claims.userId}|${claims.sessionId}`, () => findSessionUser(ctx.db, claims));
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has ended. Sign in again." });
  return next({ ctx: { ...ctx, user } });
});

export const organizationInput = z.object({
  /** The organization's id or slug. */
  organization: z.string().trim().min(1, "an organization id or slug is required"),
});

/** An admin of an organization that requires two-factor, whose session has not passed a second factor. */
export function missingRequiredTwoFactor(membership: MembershipWithOrganization, user: { twoFactorVerified: boolean }): boolean {
  return membership.role === "admin" && membership.organization.requireAdminTwoFactor && !user.twoFactorVerified;
}

function membershipProcedure(roles: MembershipRole[], options: { allowMissingTwoFactor: boolean }) {
  return protectedProcedure.input(organizationInput).use(async ({ ctx, input, next }) => {
    const membership = await memoized(ctx, `membership|${ctx.user.id}|${input.organization}`, async () => {
      const found = await findMembership(ctx.db, ctx.user.id, input.organization);
      // The page names the organization by slug (layout) and by id (its procedures): one lookup serves both.
      if (found && ctx.requestMemo) {
        for (const alias of [found.organization.id, found.organization.slug]) {
          const key = `membership|${ctx.user.id}|${alias}`;
          if (!ctx.requestMemo.has(key)) ctx.requestMemo.set(key, Promise.resolve(found));
        }
      }
      return found;
    });
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "No such organization." });
    if (roles.length > 0 && !roles.includes(membership.role)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${roles.join(" or ")} role; you are ${membership.role} in ${membership.organization.name}.`,
      });
    }
    if (!options.allowMissingTwoFactor && missingRequiredTwoFactor(membership, ctx.user)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `${membership.organization.name} requires its admins to use two-factor authentication: set it up on your Account page (or sign in again with your code).`,
      });
    }
    const scope: OrgScope = { organizationId: membership.organization.id, actorUserId: ctx.user.id, ip: ctx.ip };
    return next({ ctx: { ...ctx, org: membership.organization, membership, scope } });
  });
}

/**
 * Procedures inside one organization: the input carries `organization` (id or slug); a non-member gets
 * NOT_FOUND (other tenants' ids are not revealed), a member without one of `roles` gets FORBIDDEN, and so
 * does an admin without a second factor where the organization requires one. The context gains `org`,
 * `membership` and `scope` (what every tenant-scoped service takes).
 */
export function orgProcedure(...roles: MembershipRole[]) {
  return membershipProcedure(roles, { allowMissingTwoFactor: false });
}

/** The organization and the caller's role even when a required second factor is missing (the layout says what to do). */
export const orgContextProcedure = membershipProcedure([], { allowMissingTwoFactor: true });

export const anyMemberProcedure = orgProcedure();
export const adminProcedure = orgProcedure("admin");
