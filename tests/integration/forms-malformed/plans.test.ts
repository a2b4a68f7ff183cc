/** Malformed input over the forms of scenarios, the roadmap, the multi-year plan and gate decisions (and the roadmap import). */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./plans";

malformedSuite(TABLES, IMPORT_TABLES);
