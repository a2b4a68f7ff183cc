import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { TabsLinks } from "~/components/ui/tabs-links";
import { useOptionalUser } from "~/hooks/root-data";

/** The delivery data pages, as tabs under each page's header. */
export function DeliveryTabs({ current }: { current: "deployments" | "incidents" | "services" | "import" }) {
  const user = useOptionalUser();
  const { t } = useTranslation("delivery");
  const items = [
    { to: "/delivery/deployments", label: t("Deployments"), current: current === "deployments" },
    { to: "/delivery/incidents", label: t("Incidents"), current: current === "incidents" },
    { to: "/delivery/services", label: t("Services"), current: current === "services" },
  ];
  if (can(user, "delivery:edit")) items.push({ to: "/delivery/import", label: t("Import CSV"), current: current === "import" });
  return <TabsLinks label={t("Delivery data")} items={items} />;
}
