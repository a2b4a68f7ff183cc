import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { parseTableParams } from "~/lib/table-params";
import { listRisks, RISK_SORTS, riskFilterFromUrl, todayUtc } from "~/models/risks.server";
import { getDb } from "~/utils/db.server";

/** CSV of the register with the same filters and sort as the page (every matching row). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const url = new URL(request.url);
  const params = parseTableParams(url, { sortable: RISK_SORTS, defaultSort: { id: "residualScore", desc: true } });
  const { rows } = listRisks(getDb(), riskFilterFromUrl(url), { sort: params.sort });
  const csv = toCsv(
    [
      "id",
      "title",
      "category",
      "status",
      "owner",
      "inherent_likelihood",
      "inherent_impact",
      "inherent_score",
      "inherent_level",
      "residual_likelihood",
      "residual_impact",
      "residual_score",
      "residual_level",
      "treatment",
      "mitigation_plan",
      "next_review_date",
      "review_overdue",
      "raised_by_rule",
      "raised_value",
      "description",
    ],
    rows.map((r) => [
      r.id,
      r.title,
      r.category,
      r.status,
      r.ownerName,
      r.inherentLikelihood,
      r.inherentImpact,
      r.inherentScore,
      r.inherentLevel,
      r.residualLikelihood,
      r.residualImpact,
      r.residualScore,
      r.residualLevel,
      r.treatment,
      r.mitigationPlan,
      r.nextReviewDate,
      r.overdue ? "yes" : "no",
      r.raisedByRuleKind,
      r.raisedValue,
      r.description,
    ]),
  );
  return csvResponse(`risks-${todayUtc()}.csv`, csv);
}
