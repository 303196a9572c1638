import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { downloadResponse } from "~/lib/download.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { prepareAuditExport } from "~/modules/audit/audit-log.server";

/** `auditlog.<format>`: the whole (filtered) audit log, streamed, for platform admins. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const { searchParams } = new URL(request.url);
  const prepared = await prepareAuditExport(getDb(), actorFrom(context), context.locale, { kind: "platform" }, params.file, searchParams, [
    "platform",
  ]);
  return downloadResponse(prepared, context.locale);
}
