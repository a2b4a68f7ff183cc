/**
 * npm run i18n:extract — brings app/locales up to date with the code (docs/decisions/023):
 * adds every new text (English = the key; French = "" until someone writes it), drops the unused
 * ones, keeps every written translation. Prints what is still to write; exit code 1 if anything is.
 */
import path from "node:path";
import { catalogueProblems, readCatalogue, scanSources, updatedCatalogue, writeCatalogue } from "../app/i18n/extract.server";

const localesDir = path.resolve("app/locales");
const scan = scanSources(path.resolve("app"));
const next = updatedCatalogue(scan, readCatalogue(localesDir));
writeCatalogue(localesDir, next);
const problems = catalogueProblems(scan, next);
for (const p of problems) console.log(p);
console.log(`${scan.keys.length} texts found; ${problems.length} to write`);
process.exit(problems.length > 0 ? 1 : 0);
