import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { auditExportResponse } from "~/modules/audit/audit-log.server";
import { requireProjectEditor } from "~/modules/book/project.server";

/** `auditlog.<format>`: the book project's (filtered) audit log, streamed, for its editors. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  return auditExportResponse(getDb(), request, context, { kind: "book_project", projectId: project.id }, params.file, [project.slug]);
}
