import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { ComplianceFilters } from "~/components/governance/compliance-filters";
import { FrameworksPanel, type ImportReply } from "~/components/governance/compliance-frameworks-panel";
import { ComplianceFormula, ComplianceProgressList } from "~/components/governance/compliance-panel";
import { AddRequirementPanel } from "~/components/governance/compliance-requirement-form";
import { RequirementsTable } from "~/components/governance/compliance-requirements-table";
import { COMPLIANCE_TEXT as TEXT } from "~/components/governance/compliance-text";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { readCsvUpload } from "~/lib/csv-upload.server";
import type { FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { FrameworkArchiveFormSchema, FrameworkFormSchema, RequirementCreateFormSchema, RequirementUpdateFormSchema } from "~/lib/schemas/governance.server";
import {
  createFramework,
  frameworkNameTaken,
  importRequirementsCsv,
  updateFramework,
  createRequirement,
  frameworkExists,
  getFramework,
  listArchivedFrameworks,
  setFrameworkArchived,
  listFrameworkProgress,
  listRequirements,
  parseComplianceFilter,
  REQUIREMENT_CSV_HEADERS,
  requirementRefTaken,
  updateRequirement,
} from "~/models/governance.server";
import { listRiskOwnerOptions } from "~/models/risks.server";
import { dispatchIntent, whenIntent, rowReplyTo } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead(["governance", "finance"], N_("Compliance", "governance"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request, "dashboards:read");
  const frameworks = listFrameworkProgress(db);
  const filter = parseComplianceFilter(url);
  const framework = frameworks.find((f) => f.key === filter.framework) ?? null;
  const status = filter.status;
  return {
    frameworks,
    framework: framework?.key ?? null,
    status: status ?? null,
    requirements: listRequirements(db, { frameworkId: framework?.id, status }),
    owners: listRiskOwnerOptions(db),
    csvColumns: REQUIREMENT_CSV_HEADERS,
    archivedFrameworks: listArchivedFrameworks(db),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "risks:edit");
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("create-framework", FrameworkFormSchema, (input) => {
      if (frameworkNameTaken(db, input.name)) return fieldError(formData, "name", N_("is already the name of a framework", "governance"), "create-framework");
      createFramework(db, user.id, input);
      return {
        status: "ok",
        intent: "create-framework",
        message: serverT("Framework {{name}} added.", { ns: "governance", name: input.name }),
      } satisfies FormReply;
    }),
    whenIntent(
      "update-framework",
      FrameworkFormSchema,
      (input, { replyTo }) => {
        const id = Number(formData.get("frameworkId"));
        if (!Number.isSafeInteger(id) || !frameworkExists(db, id)) return fieldError(formData, "frameworkId", N_("no such framework", "governance"), replyTo);
        if (frameworkNameTaken(db, input.name, id)) return fieldError(formData, "name", N_("is already the name of another framework", "governance"), replyTo);
        updateFramework(db, user.id, id, input);
        return { status: "ok", intent: replyTo, message: serverT("Framework {{name}} saved.", { ns: "governance", name: input.name }) } satisfies FormReply;
      },
      { replyTo: rowReplyTo("frameworkId") },
    ),
    whenIntent(["archive-framework", "restore-framework"], FrameworkArchiveFormSchema, ({ frameworkId }, { intent }) => {
      const framework = getFramework(db, frameworkId);
      if (!framework) return fieldError(formData, "frameworkId", N_("no such framework", "governance"), intent);
      const archive = intent === "archive-framework";
      setFrameworkArchived(db, user.id, framework.id, archive);
      return {
        status: "ok",
        intent,
        message: archive
          ? serverT("Framework {{name}} archived: its requirements are kept.", { ns: "governance", name: framework.name })
          : serverT("Framework {{name}} restored.", { ns: "governance", name: framework.name }),
      } satisfies FormReply;
    }),
    whenIntent("import", null, async () => {
      const upload = await readCsvUpload(formData);
      if (!upload.ok) return data<ImportReply>({ status: "import-error", intent: "import", errors: upload.errors }, { status: upload.status });
      const result = importRequirementsCsv(db, user.id, upload.text, `upload:${upload.name}`);
      if (!result.ok) return data<ImportReply>({ status: "import-error", intent: "import", errors: result.errors }, { status: 400 });
      return data<ImportReply>({
        status: "import-ok",
        intent: "import",
        message: serverT("Imported {{count}} rows: {{created}} created, {{updated}} updated.", {
          ns: "governance",
          count: result.rows,
          created: result.created,
          updated: result.updated,
        }),
      });
    }),
    whenIntent("update", RequirementUpdateFormSchema, ({ intent: _i, requirementId, ...patch }) => {
      if (patch.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === patch.ownerUserId)) {
        return fieldError(formData, "ownerUserId", N_("is not an active user", "governance"), "update");
      }
      if (!updateRequirement(db, user.id, requirementId, patch))
        return fieldError(formData, "requirementId", N_("no such requirement", "governance"), "update");
      return { status: "ok", intent: "update", message: serverT("Requirement saved.", { ns: "governance" }) } satisfies FormReply;
    }),
    whenIntent("create", RequirementCreateFormSchema, ({ intent: _i, ...input }) => {
      if (!frameworkExists(db, input.frameworkId)) return fieldError(formData, "frameworkId", N_("no such framework", "governance"), "create");
      if (requirementRefTaken(db, input.frameworkId, input.ref))
        return fieldError(formData, "ref", N_("already exists in this framework", "governance"), "create");
      createRequirement(db, user.id, input);
      return { status: "ok", intent: "create", message: serverT("Requirement {{ref}} added.", { ns: "governance", ref: input.ref }) } satisfies FormReply;
    }),
  ]);
}

export default function Compliance() {
  const { t } = useTranslation("governance");
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const canEdit = can(user, "risks:edit");
  const submittingId = navigation.state === "submitting" ? navigation.formData?.get("requirementId") : null;
  const ownerOptions = data.owners.map((o) => ({
    value: String(o.id),
    label: o.name,
  }));
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} show="ok" />

      <section className="panel" aria-labelledby="fw-progress">
        <h2 id="fw-progress">
          {t(TEXT.progress)} <ComplianceFormula />
        </h2>
        <ComplianceProgressList frameworks={data.frameworks} locale={formatting.locale} />
      </section>

      {canEdit ? (
        <FrameworksPanel
          frameworks={data.frameworks}
          reply={reply}
          busy={navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null}
          csvColumns={data.csvColumns}
          archived={data.archivedFrameworks}
        />
      ) : null}

      <section className="panel" aria-labelledby="reqs">
        <h2 id="reqs">{t(TEXT.requirements)}</h2>
        {!canEdit ? <p className="muted">{t(TEXT.readOnly)}</p> : null}
        <ComplianceFilters frameworks={data.frameworks} framework={data.framework} status={data.status} />
        <RequirementsTable
          frameworks={data.frameworks}
          requirements={data.requirements}
          canEdit={canEdit}
          ownerOptions={ownerOptions}
          reply={reply}
          submittingId={submittingId}
        />
      </section>

      {canEdit ? <AddRequirementPanel frameworks={data.frameworks} ownerOptions={ownerOptions} reply={reply} /> : null}
    </>
  );
}
