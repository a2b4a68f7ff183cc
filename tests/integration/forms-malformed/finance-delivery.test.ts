/** Malformed input over the forms of finance (budgets, snapshots) and delivery (incidents, services), with their CSV imports. */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./finance-delivery";

malformedSuite(TABLES, IMPORT_TABLES);
