import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { NewAwardForm } from "~/modules/awards/components/edition-create-forms";
import { AwardSchema } from "~/modules/awards/procedure.schema";
import { createAward } from "~/modules/awards/procedure.server";

export const meta = titleMeta("procedure.newAward");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  return null;
}

async function guard({ request, context }: ActionFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  return { db: getDb(), actor: actorFrom(context) };
}

// The page's one form posts no intent: it is the default (""). Success is a 302, as the tests pin it.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: AwardSchema,
      run: (g, input) => createAward(g.db, g.actor, input),
      done: () => redirect(withNotice("/beheer/rollen", "procedure.created")),
    }),
  });

export default function NewAward() {
  return <NewAwardForm />;
}
