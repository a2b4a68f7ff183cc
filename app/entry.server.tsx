import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { currentLanguage, i18nForRender } from "~/i18n/translate.server";
import {
  afterWrite as afterWriteOn,
  RULES_DIRTY_MESSAGE,
  scheduleMetricRiskRefresh,
  startRuleSchedule as startRuleScheduleOn,
  type WriteKind,
} from "~/models/rule-refresh.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";

/** server/app.js: every request is answered in its language, resolved once (docs/decisions/023). */
export { withRequestLanguage } from "~/i18n/language.server";

/** server/app.js: a state-changing request's answer waits for its commit to be on disk (docs/decisions/745). */
export { writesDurable } from "~/utils/db.server";

/** server.js reads the parsed environment through the build (`build.entry.module.serverConfig()`). */
export { serverConfig } from "~/utils/env.server";

/** server/app.js: a state-changing request succeeded — evaluate the metric rules (decision 600) before answering. */
export function afterWrite(pathname: string): WriteKind {
  return afterWriteOn(getDb(), pathname);
}

/** server.js: the periodic rule evaluation, in the cluster primary or the single process (decision 600). */
export function startRuleSchedule(): () => void {
  return startRuleScheduleOn(getDb());
}

/** server.js (cluster primary): a worker's message; an API write's notice schedules one coalesced evaluation here. */
export function onWorkerMessage(message: unknown): void {
  if ((message as { type?: unknown } | null)?.type === RULES_DIRTY_MESSAGE) scheduleMetricRiskRefresh(getDb());
}

// Start-up checks: a bad environment stops the server with a message naming the variable,
// and pending migrations are applied before the first request.
getEnv();
getDb();

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce;
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18nForRender(currentLanguage())}>
        <NonceProvider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
