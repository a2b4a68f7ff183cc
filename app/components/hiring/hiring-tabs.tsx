import { useTranslation } from "react-i18next";
import { TabsLinks } from "~/components/ui/tabs-links";

/** The three views of the hiring plan. */
export function HiringTabs() {
  const { t } = useTranslation("hiring");
  return (
    <TabsLinks
      label={t("Hiring plan views")}
      items={[
        { to: "/hiring", label: t("Requisitions") },
        { to: "/hiring/employees", label: t("Employees") },
        { to: "/hiring/headcount", label: t("Headcount") },
      ]}
    />
  );
}
