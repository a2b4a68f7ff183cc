import { TabsLinks } from "~/components/ui/tabs-links";

/** The three views of the hiring plan. */
export function HiringTabs() {
  return (
    <TabsLinks
      label="Hiring plan views"
      items={[
        { to: "/hiring", label: "Requisitions" },
        { to: "/hiring/employees", label: "Employees" },
        { to: "/hiring/headcount", label: "Headcount" },
      ]}
    />
  );
}
