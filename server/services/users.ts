/** Users as the signed-in session sees them (not tenant-owned: a user may belong to several organizations). */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/**
 * The user behind a session, or null when the user no longer exists or changed their password after the
 * session began (a password change ends every other session).
 */
export async function findSessionUser(db: Db, userId: string, signedInAt: number): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordChangedAt: users.passwordChangedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  if (signedInAt < row.passwordChangedAt.getTime()) return null;
  return { id: row.id, email: row.email, name: row.name };
}
