/**
 * Server-side sessions (the `sessions` table): created at sign-in, checked on every request, revoked by
 * sign-out, "sign out everywhere", a password change or reset, and a change of the user's memberships.
 * Not tenant-owned: a session belongs to a user, across organizations.
 */
import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** lastSeenAt is written at most this often, so the per-request check is a read almost always. */
const TOUCH_AFTER_MS = 60_000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** The current session's id. */
  sessionId: string;
  /** The session passed a second factor (sign-in with a code, or enrolment during it). */
  twoFactorVerified: boolean;
}

export async function createSession(db: Db, params: { userId: string; ip: string | null; userAgent?: string | null; twoFactorVerified?: boolean; now?: Date }): Promise<string> {
  const now = params.now ?? new Date();
  const [row] = await db
    .insert(sessions)
    .values({
      userId: params.userId,
      ip: params.ip,
      userAgent: params.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      twoFactorVerifiedAt: params.twoFactorVerified ? now : null,
    })
    .returning({ id: sessions.id });
  return row!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The session check every request runs (tRPC's context, the page cache's key), as a named prepared statement
 * per database handle: built once instead of by drizzle's query builder each time (about 0.2 ms of CPU), and
 * parsed and planned once per Postgres connection.
 */
const findSessionStatements = new WeakMap<Db, ReturnType<typeof prepareFindSession>>();
function prepareFindSession(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, lastSeenAt: sessions.lastSeenAt, twoFactorVerifiedAt: sessions.twoFactorVerifiedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("sessionId")), eq(sessions.userId, sql.placeholder("userId")), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder("now"))))
    .limit(1)
    .prepare("pi_find_session_user");
}

/** The user behind a session that is still live (not revoked, not expired, the user exists), or null. */
export async function findSessionUser(db: Db, claims: { userId: string; sessionId: string }, now = new Date()): Promise<SessionUser | null> {
  if (!UUID.test(claims.sessionId) || !UUID.test(claims.userId)) return null;
  let statement = findSessionStatements.get(db);
  if (!statement) findSessionStatements.set(db, (statement = prepareFindSession(db)));
  const [row] = await statement.execute({ sessionId: claims.sessionId, userId: claims.userId, now: now.toISOString() });
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, claims.sessionId));
  }
  return { id: row.id, email: row.email, name: row.name, sessionId: claims.sessionId, twoFactorVerified: row.twoFactorVerifiedAt !== null };
}

/** Ends one session of the user (sign-out, or "sign out" on one row of the sessions page). */
export async function revokeSession(db: Db, params: { userId: string; sessionId: string }): Promise<boolean> {
  if (!UUID.test(params.sessionId)) return false;
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, params.sessionId), eq(sessions.userId, params.userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}

/** What sign-out does with the decoded session cookie (next-auth's signOut event, server/auth.ts). */
export async function endSessionOfCookie(db: Db, token: { sub?: string; sid?: unknown } | null | undefined): Promise<boolean> {
  if (!token?.sub || typeof token.sid !== "string") return false;
  return revokeSession(db, { userId: token.sub, sessionId: token.sid });
}

/** Ends every session of the user, or every one but `exceptSessionId`. Returns how many ended. */
export async function revokeAllSessions(db: Db, params: { userId: string; exceptSessionId?: string }): Promise<number> {
  const revoked = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, params.userId),
        isNull(sessions.revokedAt),
        params.exceptSessionId ? ne(sessions.id, params.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return revoked.length;
}

export interface ActiveSession {
  sessionId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The user's live sessions, newest first; ended ones older than a day are deleted on the way. */
export async function listActiveSessions(db: Db, params: { userId: string; currentSessionId: string; now?: Date }): Promise<ActiveSession[]> {
  const now = params.now ?? new Date();
  await db.delete(sessions).where(and(eq(sessions.userId, params.userId), lt(sessions.expiresAt, new Date(now.getTime() - 86_400_000))));
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, params.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((s) => ({
    sessionId: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === params.currentSessionId,
  }));
}
