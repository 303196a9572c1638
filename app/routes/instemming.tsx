import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { ConsentDecisionForm } from "~/modules/awards/components/consent-decision-form";
import { ConsentLinkInvalid } from "~/modules/awards/components/consent-link-invalid";
import { consentContext, decideConsent } from "~/modules/awards/consent.server";
import { ConsentSchema } from "~/modules/awards/nomination.schema";

export const meta = titleMeta("consent.title");

// The nominee has no account: the single-use link is their authorisation. Opening it changes nothing.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await consentContext(getDb(), new URL(request.url).searchParams.get("token") ?? "");
  if (!ctx) return { valid: false as const };
  return {
    valid: true as const,
    name: ctx.name,
    award: context.locale === "en" ? ctx.awardEn : ctx.awardNl,
    nominators: ctx.nominators,
    anonymousCount: ctx.anonymousCount,
  };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, () => ({ db: getDb() }), {
    // The pressed button posts the decision, without an intent. Any refusal shows the page's one message.
    "": intent({
      schema: ConsentSchema,
      errorsOnForm: true,
      run: (g, input) => decideConsent(g.db, input.token, input.decision),
      done: (_g, { decision }) => redirect(withNotice("/", decision === "accept" ? "consent.accepted" : "consent.declined")),
    }),
  });

export default function Consent() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  if (!data.valid || failed) return <ConsentLinkInvalid title={t("consent.title")} message={t("consent.invalid")} />;
  return (
    <>
      <Heading1>{t("consent.title")}</Heading1>
      <Paragraph lead>{t("consent.intro", { award: data.award })}</Paragraph>
      {data.nominators.length ? <Paragraph>{t("consent.by", { names: data.nominators.join(", ") })}</Paragraph> : null}
      {data.anonymousCount ? <Paragraph>{t("consent.anonymous")}</Paragraph> : null}
      <Paragraph>{t("consent.explain")}</Paragraph>
      <ConsentDecisionForm token={params.get("token") ?? ""} />
    </>
  );
}
