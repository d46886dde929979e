import { sql } from "drizzle-orm";
import { getAppDatabase } from "@/server/database";

export const dynamic = "force-dynamic";

/** Liveness and database check: `{status, database, latencyMs}`; 503 when the database does not answer. */
export async function GET() {
  const started = performance.now();
  try {
    const { db, kind } = await getAppDatabase();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: kind, latencyMs: Math.round(performance.now() - started) });
  } catch (error) {
    console.error("health check failed:", error);
    return Response.json({ status: "error", message: "The database did not answer." }, { status: 503 });
  }
}
