import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { Alert, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { UUID } from "~/modules/awards/edition.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { ErasureGrounds } from "~/modules/privacy/components/erasure-grounds";
import { EraseSchema } from "~/modules/privacy/erasure.schema";
import { erasePerson, erasurePreview } from "~/modules/privacy/nominee-erasure.server";

// Erasing a nominated person on request (organizers of the award; a nominee of this edition only).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  if (!UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const preview = await erasurePreview(getDb(), edition.id, params.nominee!);
  if (!preview) throw new Response("Not found", { status: 404 });
  return { edition: { name: edition.name }, person: preview };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  if (!UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const nomineeId = params.nominee!;
  return {
    db: getDb(),
    actor: actorFrom(context),
    edition,
    nomineeId,
    moderation: `/beheer/prijzen/${edition.awardSlug}/${edition.year}/moderatie/${nomineeId}`,
  };
}

// The page's one form posts no intent: it is the default ("").
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: EraseSchema,
      run: (g, input) => erasePerson(g.db, g.actor, g.edition.id, g.nomineeId, input.reason),
      done: (g) => redirectWithNotice(g.moderation, "erasure.notice.erased"),
    }),
  });

export default function ErasePerson() {
  const { edition, person } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, busy } = useAppForm<{ reason: string; confirm: string }>(EraseSchema, {
    reason: "",
  });
  const confirmError = errorOf("confirm");
  return (
    <>
      <Paragraph className="lauwer-preheading">{t("erasure.preheading", { edition: edition.name })}</Paragraph>
      <Heading1>
        {t("erasure.title")}: {person.name ?? t("erasure.erasedName")}
      </Heading1>
      {person.organisation ? <Paragraph>{person.organisation}</Paragraph> : null}
      {person.erased ? (
        <Alert type="info">
          <Paragraph>{t("erasure.already")}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("erasure.intro")}</Paragraph>
      <Heading2>{t("erasure.goesHeading")}</Heading2>
      <UnorderedList>
        {(["person", "nominations", "references", "elsewhere"] as const).map((k) => (
          <UnorderedListItem key={k}>{t(`erasure.goes.${k}`)}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        {t("erasure.counts", { nominees: person.nominees, nominations: person.nominations, references: person.references })}
      </Paragraph>
      <Paragraph>{t("erasure.everywhere", person.everywhere)}</Paragraph>
      <Heading2>{t("erasure.staysHeading")}</Heading2>
      <Paragraph>{t("erasure.stays")}</Paragraph>

      <FormError failure={failure} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <ErasureGrounds
          reason={{ registration: register("reason"), error: errorOf("reason") }}
          confirm={{ registration: register("confirm"), error: confirmError }}
        />
        <SubmitButton busy={busy}>{t("erasure.submit")}</SubmitButton>
      </Form>
      <Paragraph>
        <AppLink to=".." relative="path">
          {t("erasure.back")}
        </AppLink>
      </Paragraph>
    </>
  );
}
