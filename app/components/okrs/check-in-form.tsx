import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { StatusBadge } from "~/components/metrics/status-badge";
import { Button } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { ProgressBar } from "~/components/ui/progress-bar";
import { N_ } from "~/i18n/mark";
import type { FormatOptions } from "~/lib/format";
import { formatDateTime } from "~/lib/format";
import { fieldErrorsOf, isErrorReply, valueOf } from "~/lib/forms";
import { formatKrRange, formatKrValue, krInputValue, krState, krValueFromText } from "~/lib/kr-format";
import type { KrRow } from "./kr-row";

export type CheckInKr = KrRow & {
  /** the catalogue metric it reads (its check-ins record only confidence and a note) */
  metricId?: string | null;
  lastCheckInAt: number | null;
  objectiveTitle?: string;
  teamName?: string | null;
};

const TEXT = {
  value: N_("New value"),
  valueEuros: N_("New value (€)"),
  confidence: N_("Confidence (1–10)"),
  note: N_("Note"),
  notePlaceholder: N_("What changed? (optional)"),
  submit: N_("Check in"),
  pending: N_("Saving…"),
  done: N_("Done"),
  notDone: N_("Not done"),
  never: N_("no check-in yet"),
  history: N_("History"),
  saved: N_("Saved"),
  linked: N_("Value from the metric"),
  linkedHint: N_("Computed from the data: a check-in records your confidence and a note."),
  noData: N_("no data"),
} as const;

type CheckInData = { status: "ok"; keyResultId: number; message?: string } | { status: "error" };

/**
 * One key result with its inline check-in form. Works without JavaScript (a plain POST to `action`);
 * with it, a fetcher submits in place and the value, progress bar and status change at once
 * (optimistic), then follow the server's answer; errors appear next to their field.
 * Enter in any text field submits.
 */
export function CheckInRow({
  kr,
  expected,
  action,
  canCheckIn,
  formatting,
  timeZone,
  serverReply,
}: {
  kr: CheckInKr;
  /** expected progress of the cycle now (0–1) */
  expected: number;
  /** the route whose action records check-ins */
  action: string;
  canCheckIn: boolean;
  formatting: FormatOptions;
  timeZone: string;
  /** the page's action data when JavaScript is off (a plain POST) */
  serverReply?: unknown;
}) {
  // the same fetcher as the row's CheckInForm (same key): its pending value drives the optimistic display
  const fetcher = useFetcher<CheckInData>({ key: `checkin-${kr.id}` });
  const uid = useId().replace(/:/g, "");
  const ids = { title: `${uid}-title` };

  // optimistic value while the submission runs
  const pendingText = fetcher.formData?.get("value");
  const linked = !!kr.metricId;
  const optimistic = !linked && typeof pendingText === "string" ? krValueFromText(kr.kind, pendingText) : null;
  const shownValue = optimistic ?? kr.currentValue;
  const { progress, status } = optimistic !== null ? krState(kr, optimistic, expected) : { progress: kr.progress, status: kr.status };

  const label = kr.title;
  const { t } = useTranslation("okrs");
  return (
    <li className="kr-row" id={`kr-${kr.id}`} data-testid={`kr-${kr.id}`} data-status={status} aria-labelledby={ids.title}>
      <div className="kr-row__head">
        <div className="kr-row__title">
          <Link id={ids.title} to={`/okrs/kr/${kr.id}`} className="kr-row__link">
            {kr.title}
          </Link>
          <span className="kr-row__meta">
            {kr.objectiveTitle ? <>{kr.objectiveTitle} · </> : null}
            {kr.teamName ?? t("Company")} · {kr.ownerName ?? t("no owner")} · {formatKrRange(kr, formatting, (x) => t(x))}
          </span>
        </div>
        <div className="kr-row__status">
          <StatusBadge status={status} />
        </div>
      </div>
      <div className="kr-row__progress">
        <span className="kr-row__value" data-testid="kr-current-value" aria-live="polite" {...metricAttributes(kr.metric ?? undefined)}>
          {shownValue === null ? t(TEXT.noData) : formatKrValue(kr.kind, shownValue, kr.unit, formatting, (x) => t(x))}
        </span>
        <ProgressBar
          value={progress}
          expected={expected}
          status={status ?? "neutral"}
          label={t("Progress of {{title}}", { title: label })}
          locale={formatting.locale}
          className="kr-row__bar"
        />
        <span className="kr-row__last muted">
          {t("Last check-in:")}{" "}
          {kr.lastCheckInAt ? (
            <>
              {formatDateTime(kr.lastCheckInAt, timeZone, formatting.locale)}
              {kr.lastConfidence != null ? ` · ${t("confidence {{value}}/10", { value: kr.lastConfidence })}` : null}
            </>
          ) : (
            t(TEXT.never)
          )}
        </span>
      </div>
      {canCheckIn ? <CheckInForm kr={kr} action={action} serverReply={serverReply} /> : null}
    </li>
  );
}

/** What the check-in form needs of a key result. */
export type CheckInFormKr = Pick<CheckInKr, "id" | "title" | "kind" | "startValue" | "currentValue" | "lastConfidence" | "metricId">;

/**
 * The check-in form of one key result, the one way to check in from any page: a plain POST to
 * `action` without JavaScript (the server redirects back), a fetcher with it (the reply comes back
 * as data and the page revalidates). A linked KR (metricId set) takes only confidence and a note.
 */
export function CheckInForm({ kr, action, serverReply }: { kr: CheckInFormKr; action: string; serverReply?: unknown }) {
  const fetcher = useFetcher<CheckInData>({ key: `checkin-${kr.id}` });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const formRef = useRef<HTMLFormElement>(null);
  const uid = useId().replace(/:/g, "");
  const ids = { value: `${uid}-value`, confidence: `${uid}-confidence`, note: `${uid}-note` };

  // the reply that concerns this form: the fetcher's, or the page's (no-JS) when it names this KR
  const pageReply =
    serverReply && typeof serverReply === "object" && isErrorReply(serverReply, "checkin") && serverReply.values.keyResultId === String(kr.id)
      ? serverReply
      : undefined;
  const reply: unknown = fetcher.data ?? pageReply;
  const errors = (name: string) => fieldErrorsOf(reply, name, "checkin");
  // what each field shows before any reply: the KR's current value, its last confidence (else 7), an empty note
  const shown = { value: krInputValue(kr.kind, kr.currentValue ?? kr.startValue), confidence: kr.lastConfidence ?? 7, note: "" };
  // a field's control: its id and name, the value to show (the reply's, else `shown`), and the link to its messages (`messages`)
  const control = (name: keyof typeof ids) => ({
    id: ids[name],
    name,
    defaultValue: valueOf(reply, name, shown[name], "checkin"),
    "aria-invalid": errors(name) ? true : undefined,
    "aria-describedby": errors(name) ? `${ids[name]}-error` : undefined,
  });
  const messages = (name: keyof typeof ids) => <FieldErrors id={`${ids[name]}-error`} errors={errors(name)} />;
  const linked = !!kr.metricId;
  const busy = fetcher.state !== "idle";

  // after a successful check-in, clear the note (keep focus where it is)
  const okId = fetcher.state === "idle" && fetcher.data && fetcher.data.status === "ok" ? fetcher.data : null;
  useEffect(() => {
    if (okId && formRef.current) {
      const note = formRef.current.elements.namedItem("note");
      if (note instanceof HTMLInputElement) note.value = "";
    }
  }, [okId]);
  const label = kr.title;
  const { t } = useTranslation("okrs");
  return (
    <fetcher.Form method="post" action={action} className="checkin-form" ref={formRef} noValidate aria-label={t("Check in on {{title}}", { title: label })}>
      <input type="hidden" name="intent" value="checkin" />
      <input type="hidden" name="keyResultId" value={kr.id} />
      {/* with JavaScript the reply comes back as data; without, the server redirects (no re-post on refresh) */}
      {hydrated ? <input type="hidden" name="_via" value="fetcher" /> : null}
      {linked ? (
        <div className="checkin-form__field checkin-form__field--value">
          <span className="checkin-form__linked">
            {t(TEXT.linked)} <code>{kr.metricId}</code>
          </span>
          <span className="muted">{t(TEXT.linkedHint)}</span>
          {messages("value")}
        </div>
      ) : (
        <div className="checkin-form__field checkin-form__field--value">
          <label htmlFor={ids.value}>{kr.kind === "currency" ? t(TEXT.valueEuros) : t(TEXT.value)}</label>
          {kr.kind === "boolean" ? (
            <select {...control("value")}>
              <option value="0">{t(TEXT.notDone)}</option>
              <option value="1">{t(TEXT.done)}</option>
            </select>
          ) : (
            <input {...control("value")} type="text" inputMode="decimal" autoComplete="off" />
          )}
          {messages("value")}
        </div>
      )}
      <div className="checkin-form__field checkin-form__field--confidence">
        <label htmlFor={ids.confidence}>{t(TEXT.confidence)}</label>
        <input {...control("confidence")} type="number" min={1} max={10} step={1} inputMode="numeric" />
        {messages("confidence")}
      </div>
      <div className="checkin-form__field checkin-form__field--note">
        <label htmlFor={ids.note}>{t(TEXT.note)}</label>
        <input {...control("note")} type="text" maxLength={500} autoComplete="off" placeholder={t(TEXT.notePlaceholder)} />
        {messages("note")}
      </div>
      <div className="checkin-form__submit">
        <Button type="submit" variant="primary" pending={busy} pendingLabel={t(TEXT.pending)}>
          {t(TEXT.submit)}
        </Button>
        <span className="checkin-form__status" role="status">
          {okId && !busy ? `✓ ${t(TEXT.saved)}` : ""}
        </span>
      </div>
      {isErrorReply(reply, "checkin") && reply.formErrors.length > 0 ? (
        <p className="form-error checkin-form__error" role="alert">
          {reply.formErrors.join(" ")}
        </p>
      ) : null}
      {errors("keyResultId") ? (
        <p className="form-error checkin-form__error" role="alert">
          {errors("keyResultId")!.join(" ")}
        </p>
      ) : null}
    </fetcher.Form>
  );
}
