// Applies pending migrations to DATABASE_PATH (default ./data/tracker.db).
import { openDb } from "../db/client";

const file = process.env.DATABASE_PATH ?? "./data/tracker.db";
const db = openDb(file);
db.$client.close();
console.log(`Migrations applied to ${file}`);
