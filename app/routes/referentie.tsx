import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ConsentLinkInvalid } from "~/modules/awards/components/consent-link-invalid";
import { NominationReferenceForm } from "~/modules/awards/components/nomination-reference-form";
import { referenceContext, submitReference } from "~/modules/awards/consent.server";
import { ReferenceStatementSchema } from "~/modules/awards/nomination.schema";

export const meta = titleMeta("reference.statement");

// References have no account: the single-use link is their authorisation.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await referenceContext(getDb(), new URL(request.url).searchParams.get("token") ?? "");
  if (!ctx) return { valid: false as const };
  return {
    valid: true as const,
    name: ctx.reference_name,
    nominee: ctx.nominee_name,
    award: `${context.locale === "en" ? ctx.name_en : ctx.name_nl} ${ctx.year}`,
  };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, () => ({ db: getDb() }), {
    // The statement form is the page's only form: it posts without an intent.
    "": intent({
      schema: ReferenceStatementSchema,
      run: (g, input) => submitReference(g.db, input.token, input.statement),
      done: () => redirect(withNotice("/", "reference.done")),
    }),
  });

export default function Reference() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  if (!data.valid) return <ConsentLinkInvalid title={t("reference.statement")} message={t("reference.invalid")} />;
  return (
    <>
      <Heading1>{t("reference.title", { nominee: data.nominee })}</Heading1>
      <Paragraph>{t("reference.intro", { name: data.name, nominee: data.nominee, award: data.award })}</Paragraph>
      <NominationReferenceForm token={params.get("token") ?? ""} />
    </>
  );
}
