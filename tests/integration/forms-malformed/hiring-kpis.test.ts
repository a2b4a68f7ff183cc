/** Malformed input over the forms of hiring (requisitions, employees) and KPIs (and the employees import). */
import { malformedSuite } from "../../helpers/malformed-forms";
import { IMPORT_TABLES, TABLES } from "./hiring-kpis";

malformedSuite(TABLES, IMPORT_TABLES);
