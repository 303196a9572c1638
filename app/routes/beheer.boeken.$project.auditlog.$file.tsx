import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { downloadResponse } from "~/lib/download.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { prepareAuditExport } from "~/modules/audit/audit-log.server";
import { requireProjectEditor } from "~/modules/book/project.server";

/** `auditlog.<format>`: the book project's (filtered) audit log, streamed, for its editors. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const { searchParams } = new URL(request.url);
  const prepared = await prepareAuditExport(
    getDb(),
    actorFrom(context),
    context.locale,
    { kind: "book_project", projectId: project.id },
    params.file,
    searchParams,
    [project.slug],
  );
  return downloadResponse(prepared, context.locale);
}
