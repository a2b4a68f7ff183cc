/** Malformed input over the forms of OKRs: cycles, objectives, key results and check-ins. */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./okrs";

malformedSuite(TABLES, IMPORT_TABLES);
