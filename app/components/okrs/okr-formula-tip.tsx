import { useTranslation } from "react-i18next";
import { Tooltip } from "~/components/ui/tooltip";
import { FORMULAS } from "~/lib/metrics/okrs";

/** The tooltip that says how OKR progress and status are computed; `withKr`: the key result's progress too. */
export function OkrFormulaTip({ label, withKr = false }: { label: string; withKr?: boolean }) {
  const { t } = useTranslation("okrs");
  return (
    <Tooltip
      label={label}
      content={
        <>
          <span className="tooltip__row">
            <strong>{t("Progress:")}</strong> {t(FORMULAS.objective_progress.formula)}
            {withKr ? (
              <>
                {" "}
                {t("KR:")} {t(FORMULAS.kr_progress.formula)}
              </>
            ) : null}
          </span>
          <span className="tooltip__row">
            <strong>{t("Status:")}</strong> {t(FORMULAS.okr_status.formula)}
          </span>
          <span className="tooltip__row">
            <strong>{t("Window:")}</strong> {t(FORMULAS.okr_status.window)}
          </span>
        </>
      }
    />
  );
}
