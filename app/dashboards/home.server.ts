/** Home's read model: the role's cards (only pages that exist for the user), the overview counts, the CEO's Getting-started list. */
import { can } from "~/auth/permissions";
import { getInboxCounts } from "~/dashboards/inbox.server";
import { HOME_CARDS } from "~/lib/home";
import { NAV } from "~/lib/nav";
import { getOverviewCounts } from "~/models/overview.server";
import { getSetupChecklist } from "~/models/setup.server";
import type { SessionUser } from "~/models/users.server";
import type { Db } from "~/utils/db.server";

export function getHome(db: Db, user: SessionUser) {
  const existing = new Set(NAV.filter((n) => can(user, n.permission)).map((n) => n.to));
  const cards = HOME_CARDS[user.role].filter((c) => existing.has(c.to));
  // read-only: the rules' risks are kept current after writes and on a schedule (decision 600)
  // the "Getting started" list of whoever sets the company up (the CEO), while something essential is still empty
  const checklist = can(user, "settings:manage") ? getSetupChecklist(db) : null;
  return { user, cards, inbox: getInboxCounts(db, user), counts: getOverviewCounts(db), checklist: checklist && !checklist.complete ? checklist.items : null };
}
