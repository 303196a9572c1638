import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { auditExportResponse, requireAwardOrganizer } from "~/modules/audit/audit-log.server";

/** `auditlog.<format>`: the award's (filtered) audit log, streamed, for its organizers. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { award } = await requireAwardOrganizer(request, context, params);
  return auditExportResponse(getDb(), request, context, { kind: "award", awardId: award.id }, params.file, [award.slug]);
}
