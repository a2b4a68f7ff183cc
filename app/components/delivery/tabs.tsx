import { can } from "~/auth/permissions";
import { TabsLinks } from "~/components/ui/tabs-links";
import { useOptionalUser } from "~/hooks/root-data";

/** The delivery data pages, as tabs under each page's header. */
export function DeliveryTabs({ current }: { current: "deployments" | "incidents" | "services" | "import" }) {
  const user = useOptionalUser();
  const items = [
    { to: "/delivery/deployments", label: "Deployments", current: current === "deployments" },
    { to: "/delivery/incidents", label: "Incidents", current: current === "incidents" },
    { to: "/delivery/services", label: "Services", current: current === "services" },
  ];
  if (can(user, "delivery:edit")) items.push({ to: "/delivery/import", label: "Import CSV", current: current === "import" });
  return <TabsLinks label="Delivery data" items={items} />;
}
