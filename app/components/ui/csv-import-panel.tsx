import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsvErrorList } from "~/components/finance/csv-errors";
import { Button } from "~/components/ui/button";
import type { CsvRowError } from "~/lib/csv";

export type CsvImportReply = { status: "import-ok"; message: string } | { status: "import-error"; errors: CsvRowError[] };

/** The CSV import reply among a page's action replies (null when the last action was another intent). */
export function csvImportReplyOf(reply: unknown): CsvImportReply | null {
  if (!reply || typeof reply !== "object" || !("status" in reply)) return null;
  return reply.status === "import-ok" || reply.status === "import-error" ? (reply as CsvImportReply) : null;
}

/** The file form of a CSV import (posting intent "import"), then the count message or the refused rows of the last import. */
export function CsvImportForm({
  fileId,
  fileLabel,
  busy,
  busyLabel,
  buttonLabel,
  refusedTitle,
  reply,
}: {
  /** id of the file input */
  fileId: string;
  fileLabel: ReactNode;
  busy: boolean;
  busyLabel: ReactNode;
  buttonLabel: ReactNode;
  refusedTitle: string;
  reply: CsvImportReply | null;
}) {
  return (
    <>
      <Form method="post" encType="multipart/form-data" className="import-form" preventScrollReset>
        <input type="hidden" name="intent" value="import" />
        <label htmlFor={fileId}>{fileLabel}</label>
        <input id={fileId} name="file" type="file" accept=".csv,text/csv" required />
        <Button variant="primary" pending={busy} pendingLabel={busyLabel}>
          {buttonLabel}
        </Button>
      </Form>
      {reply?.status === "import-ok" ? (
        <p className="notice" role="status">
          {reply.message}
        </p>
      ) : null}
      {reply?.status === "import-error" ? <CsvErrorList errors={reply.errors} title={refusedTitle} /> : null}
    </>
  );
}

/** The CSV import section of a page: its title and help (children), then the import's form and reply. */
export function CsvImportPanel({
  id,
  title,
  children,
  ...form
}: Parameters<typeof CsvImportForm>[0] & {
  /** id of the heading (the section is named by it) */
  id: string;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="panel finance-import" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <CsvImportForm {...form} />
    </section>
  );
}
