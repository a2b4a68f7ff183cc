import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

/** Liveness and database check (used by the test runner and monitoring). */
export async function loader() {
  getDb().get(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
