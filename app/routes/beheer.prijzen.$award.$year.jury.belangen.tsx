import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { pick } from "~/lib/locale";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { ConflictList, ConflictSuggestions, RecordConflictForm } from "~/modules/jury/components/conflicts";
import { RecordConflictSchema } from "~/modules/jury/conflicts.schema";
import { conflictFormOptions, listConflicts, recordConflict, suggestConflicts } from "~/modules/jury/conflicts.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const [recorded, suggestions, options] = await Promise.all([
    listConflicts(db, edition.id),
    suggestConflicts(db, edition.id),
    conflictFormOptions(db, edition.id),
  ]);
  const roundName = (r: { position: number; name_nl: string; name_en: string }) =>
    `${r.position}. ${pick(context.locale, r.name_nl, r.name_en)}`;
  const openRound = new Map(options.rounds.map((r) => [r.position, roundName(r)]));
  return {
    edition: { name: edition.name },
    rounds: options.rounds.map((r) => ({ value: String(r.position), label: roundName(r) })),
    jurors: options.jurors.map((j) => ({ value: j.id, label: `${j.name} (${j.email})` })),
    candidates: options.candidates.map((c) => ({ value: c.id, label: c.organisation ? `${c.name} (${c.organisation})` : c.name })),
    suggestions: suggestions.map((s) => ({ ...s, round: openRound.get(s.position) ?? String(s.position) })),
    recorded: recorded.map((r) => ({
      key: `${r.position}-${r.juror_id}-${r.nominee_id}`,
      round: roundName(r),
      juror: r.juror,
      nominee: r.nominee,
      reason: r.reason,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.edition.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return { db: getDb(), edition, actor: actorFrom(context), here: `/beheer/prijzen/${edition.awardSlug}/${edition.year}/jury/belangen` };
}

// The record form and each suggestion's confirm button post the same fields; no intent.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    "": intent({
      schema: RecordConflictSchema,
      run: (g, input) => recordConflict(g.db, g.actor, g.edition.id, input),
      done: (g) => redirectWithNotice(g.here, "control.notice.conflictRecorded"),
    }),
  });

export default function JuryConflicts() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("control.conflicts.title", { edition: d.edition.name })}</Heading1>
      <Paragraph lead>{t("control.conflicts.intro")}</Paragraph>
      {actionData && actionData.values?.formId !== "record" ? (
        // A suggestion's button has no fields to show an error beside: its refusal is shown here.
        <FormError failure={{ ...actionData, formError: actionData.formError ?? Object.values(actionData.fieldErrors)[0] }} />
      ) : null}
      <ConflictSuggestions suggestions={d.suggestions} />
      <RecordConflictForm rounds={d.rounds} jurors={d.jurors} candidates={d.candidates} />
      <ConflictList rows={d.recorded} />
    </>
  );
}
