/** Interface text for governance values (browser-safe). "Compliance" = regulatory / standards compliance. */
export const REQUIREMENT_STATUS_LABELS = {
  todo: "To do",
  in_progress: "In progress",
  in_review: "In review",
  done: "Done",
} as const;

export const REQUIREMENT_RESULT_LABELS = {
  compliant: "Compliant",
  partial: "Partial",
  non_compliant: "Non-compliant",
  not_applicable: "Not applicable",
} as const;

export const REQUIREMENT_RESULT_TONE = {
  compliant: "good",
  partial: "warn",
  non_compliant: "bad",
  not_applicable: "neutral",
} as const;

export const COMPLIANCE_FORMULAS = {
  done: "Done share = requirements with status “done” ÷ applicable requirements (all requirements except those whose result is “not applicable”).",
  compliant: "Compliant share = requirements assessed “compliant” ÷ applicable requirements. Partial and non-compliant results do not count.",
  window: "Current status of each requirement.",
} as const;

export const OPERATOR_LABELS = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" } as const;
