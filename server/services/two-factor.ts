/**
 * TOTP two-factor authentication (RFC 6238 with otplib): enrolment with a QR code, 10 one-time recovery
 * codes shown once and stored hashed, verification at sign-in throttled like passwords, and turning it
 * off (password and a code). Codes are accepted once: a code's time step must be newer than the last one.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNull, isNotNull, lt, or } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { Db } from "@/db/client";
import { memberships, recoveryCodes, sessions, twoFactorCredentials, users } from "@/db/schema";
import { AppError, badInput } from "@/lib/errors";
import { recordAudit, type AuditAction } from "./audit";
import { verifyPassword } from "./passwords";
import { open, seal } from "./secret-box";
import { throttledCheck } from "./sign-in";

export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = "PI Portal";
/** One step (30 s) either side, for clocks a little apart. */
const EPOCH_TOLERANCE_SECONDS = 30;

function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");
}

/** Recovery codes are read back by people: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** 10 codes like "K7QF-2M9X-DT4P" (60 bits each, Crockford-like alphabet without 0/O, 1/I/L). */
function newRecoveryCodes(): string[] {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

async function auditInEachOrganization(tx: Db, userId: string, ip: string | null, action: AuditAction) {
  // eslint-disable-next-line tenant/require-organization-filter -- the user's own memberships, across organizations
  const orgs = await tx.select({ organizationId: memberships.organizationId }).from(memberships).where(eq(memberships.userId, userId));
  for (const { organizationId } of orgs) {
    await recordAudit(tx, { organizationId, actorUserId: userId, ip }, { action, targetType: "user", targetId: userId });
  }
}

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
}

export async function twoFactorStatus(db: Db, userId: string): Promise<TwoFactorStatus> {
  const [credential] = await db.select({ enabledAt: twoFactorCredentials.enabledAt }).from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
  const [left] = await db.select({ n: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enabled: Boolean(credential?.enabledAt), recoveryCodesLeft: left?.n ?? 0 };
}

export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: twoFactorCredentials.userId })
    .from(twoFactorCredentials)
    .where(and(eq(twoFactorCredentials.userId, userId), isNotNull(twoFactorCredentials.enabledAt)));
  return row !== undefined;
}

export interface Enrolment {
  /** Base32, for typing into an authenticator by hand. */
  secret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code (PNG data URL). */
  qrCodeDataUrl: string;
}

/** Starts (or restarts) enrolment with a new secret; two-factor stays off until confirmEnrolment. */
export async function startEnrolment(db: Db, params: { userId: string }): Promise<Enrolment> {
  if (await hasTwoFactor(db, params.userId)) throw new AppError("CONFLICT", "Two-factor authentication is already on. Turn it off first to enrol another authenticator.");
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, params.userId));
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  const secret = generateSecret();
  const sealed = seal(secret);
  await db
    .insert(twoFactorCredentials)
    .values({ userId: params.userId, secretEncrypted: sealed })
    .onConflictDoUpdate({ target: twoFactorCredentials.userId, set: { secretEncrypted: sealed, enabledAt: null, lastUsedTimeStep: null, createdAt: new Date() } });
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
  return { secret, otpauthUri, qrCodeDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
}

/** Checks a 6-digit code against the secret, newer than the last accepted step; records the step. */
async function acceptTotp(db: Db, userId: string, code: string, pending: boolean, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const [credential] = await db.select().from(twoFactorCredentials).where(eq(twoFactorCredentials.userId, userId));
  if (!credential || (pending ? credential.enabledAt !== null : credential.enabledAt === null)) return false;
  const secret = open(credential.secretEncrypted);
  if (!secret) return false;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(credential.lastUsedTimeStep !== null ? { afterTimeStep: credential.lastUsedTimeStep } : {}),
  });
  if (!result.valid) return false;
  const timeStep = "timeStep" in result ? result.timeStep : Math.floor(epoch / 30) + result.delta;
  // Atomic: of two parallel uses of one code, one records its step and the other finds it taken.
  const recorded = await db
    .update(twoFactorCredentials)
    .set({ lastUsedTimeStep: timeStep })
    .where(
      and(
        eq(twoFactorCredentials.userId, userId),
        or(isNull(twoFactorCredentials.lastUsedTimeStep), lt(twoFactorCredentials.lastUsedTimeStep, timeStep)),
      ),
    )
    .returning({ userId: twoFactorCredentials.userId });
  return recorded.length > 0;
}

/**
 * Confirms enrolment with a first code from the authenticator: two-factor is on, the current session
 * counts as verified, and the 10 recovery codes are returned (the only time they are shown).
 */
export async function confirmEnrolment(db: Db, params: { userId: string; sessionId: string; code: string; ip: string | null; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const now = params.now ?? new Date();
  const ok = await acceptTotp(db, params.userId, params.code.trim(), true, now);
  if (!ok) throw badInput("That code is not right: enter the 6 digits your authenticator app shows now.", [{ path: "code", message: "not the current code" }]);
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await tx.update(twoFactorCredentials).set({ enabledAt: now }).where(eq(twoFactorCredentials.userId, params.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, params.userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: params.userId, codeHash: hashRecoveryCode(c) })));
    await tx.update(sessions).set({ twoFactorVerifiedAt: now }).where(and(eq(sessions.id, params.sessionId), eq(sessions.userId, params.userId)));
    await auditInEachOrganization(tx, params.userId, params.ip, "user.two_factor_enabled");
  });
  return { recoveryCodes: codes };
}

export type SecondFactor = "totp" | "recovery_code";

/**
 * The second step of signing in: a current TOTP code, or an unused recovery code (used up by this).
 * Throttled like passwords, on its own counter (email + address): throws TOO_MANY_REQUESTS.
 */
export async function verifySecondFactor(db: Db, params: { userId: string; email: string; code: string; ip: string; now?: Date }): Promise<SecondFactor | null> {
  const now = params.now ?? new Date();
  const code = params.code.trim();
  let how: SecondFactor | null = null;
  await throttledCheck(db, { email: `two-factor:${params.email}`, ip: params.ip, now }, async () => {
    if (/^\d{6}$/.test(code)) {
      how = (await acceptTotp(db, params.userId, code, false, now)) ? "totp" : null;
    } else {
      const used = await db
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, params.userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      how = used.length > 0 ? "recovery_code" : null;
    }
    return how !== null;
  });
  return how;
}

/** Turns two-factor off: needs the password (throttled) and a current code or recovery code. */
export async function disableTwoFactor(db: Db, params: { userId: string; password: string; code: string; ip: string | null }): Promise<void> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, params.userId));
  if (!user || !(await hasTwoFactor(db, params.userId))) throw new AppError("CONFLICT", "Two-factor authentication is not on.");
  const ip = params.ip ?? "unknown";
  const passwordOk = await throttledCheck(db, { email: user.email, ip }, () => verifyPassword(user.passwordHash, params.password));
  if (!passwordOk) throw badInput("The password is not correct.", [{ path: "password", message: "not correct" }]);
  const factor = await verifySecondFactor(db, { userId: params.userId, email: user.email, code: params.code, ip });
  if (!factor) throw badInput("That code is not right.", [{ path: "code", message: "not a current code or an unused recovery code" }]);
  await db.transaction(async (tx) => {
    await tx.delete(twoFactorCredentials).where(eq(twoFactorCredentials.userId, params.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, params.userId));
    await auditInEachOrganization(tx, params.userId, params.ip, "user.two_factor_disabled");
  });
}
