/**
 * Every translation, bundled into the server (generated list: one import per language and namespace).
 * The browser loads the ones a page needs from /locales/<lng>/<ns>.json (routes/locales.$lng.$ns[.]json.ts).
 */
import { createHash } from "node:crypto";
import type { Language, Namespace } from "~/i18n/config";
import en_auth from "./en/auth.json";
import en_common from "./en/common.json";
import en_delivery from "./en/delivery.json";
import en_finance from "./en/finance.json";
import en_governance from "./en/governance.json";
import en_hiring from "./en/hiring.json";
import en_home from "./en/home.json";
import en_kpis from "./en/kpis.json";
import en_metrics from "./en/metrics.json";
import en_okrs from "./en/okrs.json";
import en_plans from "./en/plans.json";
import en_reports from "./en/reports.json";
import en_risks from "./en/risks.json";
import en_validation from "./en/validation.json";
import fr_auth from "./fr/auth.json";
import fr_common from "./fr/common.json";
import fr_delivery from "./fr/delivery.json";
import fr_finance from "./fr/finance.json";
import fr_governance from "./fr/governance.json";
import fr_hiring from "./fr/hiring.json";
import fr_home from "./fr/home.json";
import fr_kpis from "./fr/kpis.json";
import fr_metrics from "./fr/metrics.json";
import fr_okrs from "./fr/okrs.json";
import fr_plans from "./fr/plans.json";
import fr_reports from "./fr/reports.json";
import fr_risks from "./fr/risks.json";
import fr_validation from "./fr/validation.json";

export type Messages = Record<string, string>;

export const resources: Record<Language, Record<Namespace, Messages>> = {
  en: {
    common: en_common,
    validation: en_validation,
    metrics: en_metrics,
    auth: en_auth,
    home: en_home,
    finance: en_finance,
    plans: en_plans,
    reports: en_reports,
    delivery: en_delivery,
    okrs: en_okrs,
    kpis: en_kpis,
    hiring: en_hiring,
    risks: en_risks,
    governance: en_governance,
  },
  fr: {
    common: fr_common,
    validation: fr_validation,
    metrics: fr_metrics,
    auth: fr_auth,
    home: fr_home,
    finance: fr_finance,
    plans: fr_plans,
    reports: fr_reports,
    delivery: fr_delivery,
    okrs: fr_okrs,
    kpis: fr_kpis,
    hiring: fr_hiring,
    risks: fr_risks,
    governance: fr_governance,
  },
};

/** Changes whenever a text changes: the browser may cache /locales/… for a year under this version. */
export const resourcesVersion = createHash("sha256").update(JSON.stringify(resources)).digest("hex").slice(0, 12);
