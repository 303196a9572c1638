import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { getCandidate } from "~/modules/awards/candidates.server";
import { NominationSupportForm } from "~/modules/awards/components/nomination-support-form";
import { loadEdition, UUID } from "~/modules/awards/edition.server";
import { SupportSchema } from "~/modules/awards/nomination.schema";
import { supportNominee } from "~/modules/awards/nomination.server";

async function load(params: LoaderFunctionArgs["params"], locale: "nl" | "en") {
  const edition = await loadEdition(getDb(), params.award, params.year, locale);
  if (!UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const candidate = await getCandidate(getDb(), edition.id, params.nominee!);
  if (!candidate) throw new Response("Not found", { status: 404 });
  return { edition, candidate };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireUser(request, context);
  const { edition, candidate } = await load(params, context.locale);
  return { name: candidate.name, open: edition.nomination.state === "current" };
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  return { db: getDb(), user, ...(await load(params, context.locale)) };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The support form is the page's only form: it posts without an intent.
    "": intent({
      schema: SupportSchema,
      run: (g, input) => supportNominee(g.db, g.user, g.edition.id, g.candidate.id, input),
      done: (g) =>
        redirect(withNotice(`/prijzen/${g.edition.awardSlug}/${g.edition.year}/kandidaten/${g.candidate.id}`, "nominate.supported")),
    }),
  });

export default function Support() {
  const { name, open } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("nominate.supportTitle", { name })}</Heading1>
      {!open ? (
        <Paragraph>{t("nominate.closed")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("nominate.supportIntro", { name })}</Paragraph>
          <NominationSupportForm />
        </>
      )}
    </>
  );
}
