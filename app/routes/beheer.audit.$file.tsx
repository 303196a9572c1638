import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { auditExportResponse } from "~/modules/audit/audit-log.server";

/** `auditlog.<format>`: the whole (filtered) audit log, streamed, for platform admins. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  return auditExportResponse(getDb(), request, context, { kind: "platform" }, params.file, ["platform"]);
}
