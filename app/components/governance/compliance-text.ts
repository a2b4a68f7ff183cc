import { N_ } from "~/i18n/mark";
import { REQUIREMENT_RESULT_LABELS, REQUIREMENT_STATUS_LABELS } from "./labels";

/** The compliance page's interface text (the governance namespace) and its requirement choices. */
export const COMPLIANCE_TEXT = {
  title: N_("Compliance", "governance"),
  description: N_(
    "Regulatory and security-standard compliance: the frameworks the company follows (e.g. GDPR, ISO 27001, SOC 2, HDS, the AI Act), their requirements, status, result, owner and evidence. (The EU “DORA” regulation is not the DORA delivery metrics of the CTO dashboard.)",
    "governance",
  ),
  progress: N_("Progress per framework", "governance"),
  requirements: N_("Requirements", "governance"),
  framework: N_("Framework", "governance"),
  all: N_("All frameworks", "governance"),
  status: N_("Status", "governance"),
  anyStatus: N_("Any status", "governance"),
  filter: N_("Show", "governance"),
  ref: N_("Ref.", "governance"),
  req: N_("Requirement", "governance"),
  result: N_("Result", "governance"),
  owner: N_("Owner", "governance"),
  evidence: N_("Evidence link", "governance"),
  save: N_("Save", "governance"),
  saving: N_("Saving…", "governance"),
  notAssessed: N_("not assessed", "governance"),
  add: N_("Add a requirement", "governance"),
  addBtn: N_("Add requirement", "governance"),
  readOnly: N_("The CEO and CTO keep this page up to date.", "governance"),
  empty: N_("No requirement matches.", "governance"),
  csv: N_("Export CSV", "governance"),
} as const;

export const REQUIREMENT_STATUS_OPTIONS = Object.entries(REQUIREMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }));
export const REQUIREMENT_RESULT_OPTIONS = Object.entries(REQUIREMENT_RESULT_LABELS).map(([value, label]) => ({ value, label }));
