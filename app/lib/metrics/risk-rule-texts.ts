/**
 * The texts the metric risk rules write into a raised risk (title, description, value) and the
 * rules page's findings, one i18next key each (namespace `risks`, English = the key) with
 * {{placeholders}}. The rules keep storing the English text (`ruleText`); a page shows it in the
 * reader's language with `localizeRuleText`, which recognises a stored English text from the
 * templates of its rule and renders the same values through t() (lib/text-templates.ts). A text a
 * person wrote (or edited) matches no template and is shown as written. Pure: no I/O, no i18next instance.
 */
import { N_ } from "~/i18n/mark";
import { templateSet, type TemplateT } from "~/lib/text-templates";
import type { RISK_RULE_KINDS } from "../../../db/schema/enums";

type RuleKind = (typeof RISK_RULE_KINDS)[number];

export const RULE_TEXTS = {
  // runway_below_months
  runwayTitle: N_("Runway below {{threshold}} months", "risks"),
  runwayValue: N_("{{months}} months", "risks"),
  runwayNotBurning: N_("Not burning cash: runway is not limited.", "risks"),
  runwayBelow: N_("Runway of {{months}} months is below the {{threshold}}-month threshold.", "risks"),
  runwayAbove: N_("Runway of {{months}} months is at or above the {{threshold}}-month threshold.", "risks"),
  runwayNoData: N_("No finance data: runway cannot be computed.", "risks"),
  // cfr_above_percent_30d
  cfrTitle: N_("Change failure rate above {{threshold}} % over 30 days", "risks"),
  cfrNoDeploys: N_("No production deployments in the last 30 days: change failure rate has no data.", "risks"),
  cfrAbove: N_("Change failure rate over 30 days is {{percent}} %, above the {{threshold}} % threshold.", "risks"),
  cfrWithin: N_("Change failure rate over 30 days is {{percent}} %, within the {{threshold}} % threshold.", "risks"),
  cfrNoData: N_("No delivery data: change failure rate cannot be computed.", "risks"),
  // objective_off_track_mid_cycle
  objectiveTitle: N_("Objective off track: {{title}}", "risks"),
  objectiveValue: N_("{{progress}} progress, {{expected}} expected", "risks"),
  objectiveNoKrs: N_('"{{title}}" has no key results: no progress data.', "risks"),
  objectiveTooEarly: N_('"{{title}}": only {{elapsed}} of the cycle has elapsed (rule applies from {{from}}).', "risks"),
  objectiveOffTrack: N_('"{{title}}" is off track: {{progress}} progress against {{expected}} expected, {{elapsed}} into the cycle.', "risks"),
  objectiveOnTrack: N_('"{{title}}" is on track: {{progress}} progress against {{expected}} expected.', "risks"),
  objectiveAtRisk: N_('"{{title}}" is at risk: {{progress}} progress against {{expected}} expected.', "risks"),
  objectiveCovered: N_('{{message}} Covered by the risk raised for "{{cover}}", the objective it is aligned under.', "risks"),
  objectiveAlso: N_("{{message}} Also off track under it: {{list}}.", "risks"),
  objectiveLeft: N_("the objective is no longer in the current cycle.", "risks"),
  // scenario_trigger_holds
  scenarioTitle: N_("Scenario under way: {{name}}", "risks"),
  scenarioNoData: N_('Scenario "{{name}}": its trigger\'s figure has no data.', "risks"),
  scenarioOn: N_('Scenario "{{name}}" is under way: its trigger holds ({{trigger}}). Review its actions.', "risks"),
  scenarioOff: N_('Scenario "{{name}}": its trigger does not hold ({{trigger}}).', "risks"),
  scenarioLeft: N_("the scenario no longer raises a risk.", "risks"),
  // every rule: the risk's description around the finding's message
  raised: N_('Raised by the metric rule "{{rule}}" (threshold {{threshold}}): {{message}}', "risks"),
  closedCleared: N_('Closed by the metric rule "{{rule}}": the cause cleared. {{message}}', "risks"),
  closedByRule: N_("Closed by its metric rule: {{message}}", "risks"),
} as const;

type RuleTextKey = keyof typeof RULE_TEXTS;

/** The templates a stored text of each rule may come from (the wrappers first: they hold a message). */
const WRAPPERS: RuleTextKey[] = ["raised", "closedCleared", "closedByRule"];
const BY_KIND: Record<RuleKind, RuleTextKey[]> = {
  runway_below_months: ["runwayTitle", "runwayValue", "runwayNotBurning", "runwayBelow", "runwayAbove", "runwayNoData"],
  cfr_above_percent_30d: ["cfrTitle", "cfrNoDeploys", "cfrAbove", "cfrWithin", "cfrNoData"],
  objective_off_track_mid_cycle: [
    "objectiveCovered",
    "objectiveAlso",
    "objectiveTitle",
    "objectiveValue",
    "objectiveNoKrs",
    "objectiveTooEarly",
    "objectiveOffTrack",
    "objectiveOnTrack",
    "objectiveAtRisk",
    "objectiveLeft",
  ],
  scenario_trigger_holds: ["scenarioTitle", "scenarioNoData", "scenarioOn", "scenarioOff", "scenarioLeft"],
};

const TEMPLATES = templateSet(RULE_TEXTS, { required: ["message"], numbers: ["threshold", "months", "percent"] });

/** The English text of a template with its values (what the rules store). */
export function ruleText(key: RuleTextKey, values: Record<string, string | number> = {}): string {
  return TEMPLATES.fill(key, values);
}

/** t() of the `risks` namespace: (English key, values) → the reader's text. */
export type RuleTextT = TemplateT;

/**
 * A rule-raised risk's stored text in the reader's language: when it matches one of its rule's
 * templates, that template translated with the same values (numbers in `locale`); else (a person's
 * text) as written.
 */
export function localizeRuleText<T extends string | null | undefined>(text: T, kind: string | null | undefined, t: RuleTextT, locale = "en-GB"): T | string {
  if (!text || !kind || !(kind in BY_KIND)) return text;
  return TEMPLATES.localize(text, t, locale, [...WRAPPERS, ...BY_KIND[kind as RuleKind]]) ?? text;
}
