// `npm run user:password -- --email E`: sets a new password for the user with that email in the
// database at DATABASE_PATH (default ./data/tracker.db) — to recover a lost admin. The password is
// read from TRACKER_PASSWORD, or typed at a prompt that does not echo it (12+ characters). The user
// is reactivated and signed out everywhere. Audited as the system.
import { z } from "zod";
import { emailSchema } from "../app/lib/validation.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { findUserByEmail, setUserPassword } from "../app/models/users.server";
import { openDb } from "../db/client";
import { failWith, newPasswordHash, parseCliArgs } from "./lib/user-cli";

const fail: (message: string) => never = failWith(
  "Usage: npm run user:password -- --email user@example.com\n(password from TRACKER_PASSWORD, or typed at the prompt)",
);

const { email } = parseCliArgs({ email: { type: "string" } }, z.object({ email: emailSchema }), fail);

const db = openDb(process.env.DATABASE_PATH ?? "./data/tracker.db");
try {
  const user = findUserByEmail(db, email);
  if (!user) fail(`--email: no user has the email ${email} (npm run user:create creates one)`);
  setUserPassword(db, SYSTEM_ACTOR, email, await newPasswordHash(fail));
  console.log(`New password set for ${email}${user.active ? "" : " (the account was inactive and is active again)"}; their sessions were ended.`);
} finally {
  db.$client.close();
}
