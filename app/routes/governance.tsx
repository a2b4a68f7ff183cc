import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { TabsLinks } from "~/components/ui/tabs-links";
import { N_ } from "~/i18n/mark";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = { nav: N_("Governance"), compliance: N_("Compliance"), maturity: N_("IT maturity"), gates: N_("Decision gates") } as const;

export const handle = { i18n: ["governance"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  return null;
}

/** Governance pages: compliance (GDPR, ISO 27001, SOC 2), IT maturity, decision gates. */
export default function GovernanceLayout() {
  const { t } = useTranslation("governance");
  return (
    <>
      <TabsLinks
        label={t(TEXT.nav)}
        className="governance-tabs"
        items={[
          { to: "/governance/compliance", label: t(TEXT.compliance) },
          { to: "/governance/maturity", label: t(TEXT.maturity) },
          { to: "/governance/gates", label: t(TEXT.gates) },
        ]}
      />
      <Outlet />
    </>
  );
}
