import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { TabsLinks } from "~/components/ui/tabs-links";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = { nav: "Governance", compliance: "Compliance", maturity: "IT maturity", gates: "Decision gates" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  return null;
}

/** Governance pages: compliance (GDPR, ISO 27001, SOC 2), IT maturity, decision gates. */
export default function GovernanceLayout() {
  return (
    <>
      <TabsLinks
        label={TEXT.nav}
        className="governance-tabs"
        items={[
          { to: "/governance/compliance", label: TEXT.compliance },
          { to: "/governance/maturity", label: TEXT.maturity },
          { to: "/governance/gates", label: TEXT.gates },
        ]}
      />
      <Outlet />
    </>
  );
}
