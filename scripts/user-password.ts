// `npm run user:password -- --email E`: sets a new password for the user with that email in the
// database at DATABASE_PATH (default ./data/tracker.db) — to recover a lost admin. The password is
// read from TRACKER_PASSWORD, or typed at a prompt that does not echo it (12+ characters). The user
// is reactivated and signed out everywhere. Audited as the system.
import { parseArgs } from "node:util";
import { z } from "zod";
import { hashPassword } from "../app/auth/password.server";
import { newPasswordSchema } from "../app/lib/schemas/settings.server";
import { emailSchema } from "../app/lib/validation.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { findUserByEmail, setUserPassword } from "../app/models/users.server";
import { openDb } from "../db/client";
import { failWith, readNewPassword } from "./lib/user-cli";

const fail: (message: string) => never = failWith(
  "Usage: npm run user:password -- --email user@example.com\n(password from TRACKER_PASSWORD, or typed at the prompt)",
);

let raw;
try {
  raw = parseArgs({ options: { email: { type: "string" } }, strict: true, allowPositionals: false }).values;
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
const parsed = z.object({ email: emailSchema }).safeParse(raw);
if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`).join("\n"));
const { email } = parsed.data;

const db = openDb(process.env.DATABASE_PATH ?? "./data/tracker.db");
try {
  const user = findUserByEmail(db, email);
  if (!user) fail(`--email: no user has the email ${email} (npm run user:create creates one)`);
  let password: string;
  try {
    password = await readNewPassword();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) fail(`password ${checked.error.issues.map((i) => i.message).join(", ")}`);
  setUserPassword(db, SYSTEM_ACTOR, email, await hashPassword(checked.data));
  console.log(`New password set for ${email}${user.active ? "" : " (the account was inactive and is active again)"}; their sessions were ended.`);
} finally {
  db.$client.close();
}
