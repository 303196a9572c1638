import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth/guards.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { NewAwardForm } from "~/modules/awards/components/edition-create-forms";
import { AwardSchema } from "~/modules/awards/procedure.schema";
import { createAward } from "~/modules/awards/procedure.server";

export const meta = titleMeta("procedure.newAward");

export async function loader(args: LoaderFunctionArgs) {
  await requireAdmin(args);
  return null;
}

// The page's one form posts no intent: it is the default (""). Success is a 302, as the tests pin it.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    "": intent({
      schema: AwardSchema,
      run: (g, input) => createAward(g.db, g.actor, input),
      done: () => redirect(withNotice("/beheer/rollen", "procedure.created")),
    }),
  });

export default function NewAward() {
  return <NewAwardForm />;
}
