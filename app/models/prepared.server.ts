/**
 * A query built with Drizzle's builder and prepared once per connection (decision 018, rule 3), for
 * the reads every request makes — the signed-in user's session, the company settings — where building
 * the SQL text again on each call cost more than running it (issue 17's profiles).
 */
import type { Db } from "~/utils/db.server";

export function preparedPerConnection<Q>(build: (db: Db) => Q): (db: Db) => Q {
  const cache = new WeakMap<Db, Q>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
