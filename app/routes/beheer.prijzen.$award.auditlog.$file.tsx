import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { downloadResponse } from "~/lib/download.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { prepareAuditExport } from "~/modules/audit/audit-log.server";
import { requireAwardOrganizer } from "~/modules/awards/guard.server";

/** `auditlog.<format>`: the award's (filtered) audit log, streamed, for its organizers. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { award } = await requireAwardOrganizer(request, context, params);
  const { searchParams } = new URL(request.url);
  const prepared = await prepareAuditExport(
    getDb(),
    actorFrom(context),
    context.locale,
    { kind: "award", awardId: award.id },
    params.file,
    searchParams,
    [award.slug],
  );
  return downloadResponse(prepared, context.locale);
}
