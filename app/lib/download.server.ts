import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { translator, type Locale } from "~/i18n/i18n";
import { logger } from "~/logger.server";
import { CONTENT_TYPES, writeExport, type Download } from "~/modules/exports/writers.server";
import type { Outcome } from "./outcome";

/** An export as a streamed HTTP download: memory stays bounded however many rows it has. */
export function exportResponse({ spec, format, separator = ",", log }: Download): Response {
  const body = new PassThrough();
  writeExport(spec, format, body, separator).catch((error: unknown) => {
    logger.error({ err: error, format, ...log }, "export failed");
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return new Response(createReadableStreamFromReadable(body), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${spec.filename}${format === "csv" && separator === ";" ? "-nl" : ""}.${format}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The answer to a prepared download: the stream, or the refusal as plain text in the reader's language
 * (a download has no page to show a form error on); 404 is thrown as Remix's not-found.
 */
export function downloadResponse(outcome: Outcome<Download>, locale: Locale): Response {
  if (outcome.ok) return exportResponse(outcome.value);
  if (outcome.status === 404) throw new Response("Not found", { status: 404 });
  const t = translator(locale);
  const details = String(outcome.params?.details ?? "")
    .split("\n")
    .filter(Boolean);
  return new Response([t(outcome.error), ...details.map((key) => t(key))].join("\n"), {
    status: outcome.status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
