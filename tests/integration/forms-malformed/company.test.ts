/** Malformed input over the forms of company structure (teams, budget categories, frameworks), a person's profile, settings, API tokens, webhook sources and the session (login, theme). */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./company";

malformedSuite(TABLES, IMPORT_TABLES);
