import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { MotivationField, NominatorFields, type FieldBinding } from "~/modules/awards/components/nomination-fields";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { getCandidate } from "~/modules/awards/candidates.server";
import { loadEdition, UUID } from "~/modules/awards/edition.server";
import { SupportSchema, type SupportInput } from "~/modules/awards/nomination.schema";
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

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { edition, candidate } = await load(params, context.locale);
  const parsed = await parseForm(request, SupportSchema);
  if (!parsed.ok) return formFailure(400, parsed);
  const result = await supportNominee(
    getDb(),
    { id: user.id, name: user.name, emailVerified: user.emailVerified },
    edition.id,
    candidate.id,
    parsed.data,
  );
  if (!result.ok) return formFailure(409, { fieldErrors: {}, formError: result.error, values: parsed.raw });
  return redirect(withNotice(`/prijzen/${edition.awardSlug}/${edition.year}/kandidaten/${candidate.id}`, "nominate.supported"));
}

export default function Support() {
  const { name, open } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<SupportInput>(SupportSchema);
  const motivation = watch("motivation") ?? "";
  const bind = { register, errorOf } as unknown as FieldBinding;
  return (
    <>
      <Heading1>{t("nominate.supportTitle", { name })}</Heading1>
      {!open ? (
        <Paragraph>{t("nominate.closed")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("nominate.supportIntro", { name })}</Paragraph>
          <FormError failure={failure} />
          <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
            <MotivationField bind={bind} length={motivation.length} />
            <NominatorFields bind={bind} />
            <SubmitButton>{t("nominate.supportSubmit")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
