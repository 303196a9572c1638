import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { RetentionSchema } from "~/modules/privacy/erasure.schema";
import { retentionStatus, setRetentionDays } from "~/modules/privacy/retention.server";

// The edition's retention period for personal data (organizers of the award).

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const s = await retentionStatus(getDb(), edition.id);
  return {
    edition: { name: edition.name },
    retentionDays: s.retentionDays,
    closedAt: s.closedAt?.toISOString() ?? null,
    dueAt: s.dueAt?.toISOString() ?? null,
    anonymisedAt: s.anonymisedAt?.toISOString() ?? null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return { db: getDb(), actor: actorFrom(context), edition, here: `/beheer/prijzen/${edition.awardSlug}/${edition.year}/bewaartermijn` };
}

// The page's one form posts no intent: it is the default ("").
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: RetentionSchema,
      run: (g, input) => setRetentionDays(g.db, g.actor, g.edition.id, input.retentionDays === "" ? null : Number(input.retentionDays)),
      done: (g) => redirectWithNotice(g.here, "erasure.notice.retentionSaved"),
    }),
  });

export default function Retention() {
  const { edition, retentionDays, closedAt, dueAt, anonymisedAt } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const { register, handleSubmit, errorOf, failure, errors, busy } = useAppForm<{ retentionDays: string }>(RetentionSchema, {
    retentionDays: retentionDays === null ? "" : String(retentionDays),
  });
  return (
    <>
      <Paragraph className="lauwer-preheading">{edition.name}</Paragraph>
      <Heading1>{t("erasure.retentionTitle")}</Heading1>
      <Paragraph>
        {anonymisedAt
          ? t("erasure.retentionDone", { date: date(anonymisedAt, "") })
          : !closedAt
            ? t("erasure.retentionOpen")
            : dueAt
              ? t("erasure.retentionDue", { closed: date(closedAt, ""), due: date(dueAt, "") })
              : t("erasure.retentionKept", { closed: date(closedAt, "") })}
      </Paragraph>
      <FormError failure={failure} errors={errors} />
      <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="retentionDays"
          label={t("erasure.retentionLabel")}
          description={t("erasure.retentionHint")}
          registration={register("retentionDays")}
          error={errorOf("retentionDays")}
        />
        <SubmitButton busy={busy}>{t("erasure.retentionSave")}</SubmitButton>
      </Form>
    </>
  );
}
