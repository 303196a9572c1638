import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { NewEditionForm } from "~/modules/awards/components/edition-create-forms";
import { NewEditionSchema } from "~/modules/awards/procedure.schema";
import { createEdition } from "~/modules/awards/procedure.server";
import { getAwardBySlug, SLUG } from "~/modules/awards/edition.server";

async function awardFor(request: Request, context: LoaderFunctionArgs["context"], slug: string | undefined) {
  if (!slug || !SLUG.test(slug)) throw new Response("Not found", { status: 404 });
  const award = await getAwardBySlug(getDb(), slug);
  if (!award) throw new Response("Not found", { status: 404 });
  await requireRole(request, context, { role: "organizer", awardId: award.id });
  return award;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const award = await awardFor(request, context, params.award);
  return { name: context.locale === "en" ? award.name_en : award.name_nl };
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  return { db: getDb(), actor: actorFrom(context), award: await awardFor(request, context, params.award) };
}

// The page's one form posts no intent: it is the default (""). Success is a 302, as the tests pin it.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: NewEditionSchema,
      run: (g, input) => createEdition(g.db, g.actor, g.award.id, Number(input.year)),
      done: (g, { year }) => redirect(withNotice(`/beheer/prijzen/${g.award.slug}/${year}/procedure`, "procedure.created")),
    }),
  });

export default function NewEdition() {
  const { name } = useLoaderData<typeof loader>();
  return <NewEditionForm award={name} />;
}
