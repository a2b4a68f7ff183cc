import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";

export type CycleOption = { id: number; name: string; status: "open" | "closed"; startDate: string; endDate: string };

/** A GET form that puts the cycle in the URL (`?cycle=`), so every view is a link; works without JS. */
export function CyclePicker({ cycles, currentId, label }: { cycles: readonly CycleOption[]; currentId: number | null; label?: string }) {
  const { t } = useTranslation("okrs");
  return (
    <Form method="get" className="cycle-picker" preventScrollReset>
      <label htmlFor="cycle-picker">{label ?? t("Cycle")}</label>
      <select
        id="cycle-picker"
        name="cycle"
        defaultValue={currentId ?? undefined}
        key={currentId ?? "none"}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.startDate} – {c.endDate}){c.status === "closed" ? ` · ${t("closed")}` : ""}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm">
        {t("Show")}
      </Button>
    </Form>
  );
}
