/** Malformed input over the forms of governance (compliance, decision gates, targets), risks and the board pack (and the compliance import). */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./governance-risks";

malformedSuite(TABLES, IMPORT_TABLES);
