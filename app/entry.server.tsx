import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceContext } from "~/components/nonce";
import { isDatabaseUnavailable } from "~/db.server";
import { createI18n } from "~/i18n/i18n";
import { logger } from "~/logger.server";

const ABORT_DELAY = 5_000;

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A loader or action that failed because the database was unreachable is an outage, not a defect:
  // the answer becomes 503 with Retry-After (below), not a 500.
  if (isDatabaseUnavailable(error)) context.faults.database = true;
  if (request.signal.aborted) return;
  logger.error({ err: error, url: new URL(request.url).pathname }, "request failed");
};

/** Single-fetch data requests (client navigations and submissions) get the same 503 as documents. */
export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  if (!context.faults.database || response.status >= 300) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", "5");
  return new Response(response.body, { status: 503, headers });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (loadContext.faults.database) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "5");
  }
  const i18n = createI18n(loadContext.locale);
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={loadContext.cspNonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={loadContext.cspNonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce: loadContext.cspNonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", loadContext.locale);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // A client that left closes the body under React ("The destination stream closed early"): not a defect.
          if (shellRendered && !request.signal.aborted) logger.error({ err: error }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
