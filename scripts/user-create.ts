// `npm run user:create -- --email E --name N --role ceo|cto|lead|viewer [--team T]`: creates a user in
// the database at DATABASE_PATH (default ./data/tracker.db), for scripted installs and to recover a
// lost admin (create another CEO). The password is read from TRACKER_PASSWORD, or typed at a prompt
// that does not echo it; the same rules as the settings page apply (12+ characters, a team lead
// belongs to a team). Audited as made by the system.
import { z } from "zod";
import { LEAD_NEEDS_TEAM, personNameSchema, roleSchema } from "../app/lib/schemas/settings.server";
import { emailSchema } from "../app/lib/validation.server";
import { SYSTEM_ACTOR } from "../app/models/audit.server";
import { createUser, emailTaken, findTeamByName } from "../app/models/users.server";
import { openDb } from "../db/client";
import { failWith, newPasswordHash, parseCliArgs } from "./lib/user-cli";

const fail: (message: string) => never = failWith(
  'Usage: npm run user:create -- --email user@example.com --name "Full Name" --role ceo|cto|lead|viewer [--team "Team name"]\n(password from TRACKER_PASSWORD, or typed at the prompt)',
);

const ArgsSchema = z
  .object({
    email: emailSchema,
    name: personNameSchema,
    role: roleSchema,
    team: z.string().trim().min(1, "must not be empty").optional(),
  })
  .superRefine((a, ctx) => {
    if (a.role === "lead" && a.team === undefined) ctx.addIssue({ code: "custom", path: ["team"], message: LEAD_NEEDS_TEAM });
  });

const args = parseCliArgs({ email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, team: { type: "string" } }, ArgsSchema, fail);

const db = openDb(process.env.DATABASE_PATH ?? "./data/tracker.db");
try {
  if (emailTaken(db, args.email))
    fail(`--email: a user already has the email ${args.email} (npm run user:password -- --email ${args.email} resets the password)`);
  let teamId: number | null = null;
  if (args.team !== undefined) {
    const team = findTeamByName(db, args.team);
    if (!team) fail(`--team: no team is named "${args.team}" (create it on the Teams page first)`);
    if (team.archived) fail(`--team: the team "${args.team}" is archived`);
    teamId = team.id;
  }
  const passwordHash = await newPasswordHash(fail);
  const { id } = createUser(db, SYSTEM_ACTOR, { email: args.email, name: args.name, role: args.role, teamId, passwordHash });
  console.log(`Created user #${id} ${args.email} (${args.role}${args.team ? `, team ${args.team}` : ""}). They can sign in now.`);
} finally {
  db.$client.close();
}
