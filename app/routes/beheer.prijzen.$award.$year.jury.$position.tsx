import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextareaField, TextField, useAppForm } from "~/components/form";
import { Button, HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { aggregate, rankAggregate } from "~/modules/jury/aggregate";
import { CriterionSchema, DeleteCriterionSchema, type CriterionInput } from "~/modules/jury/jury.schema";
import {
  deleteCriterion,
  juryProgress,
  juryRoundState,
  loadJuryRound,
  remindJurors,
  roundScores,
  saveCriterion,
} from "~/modules/jury/jury.server";
import { roundCandidates } from "~/modules/voting/round.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadJuryRound(db, edition.id, params.position);
  const [progress, candidates, scores] = await Promise.all([
    juryProgress(db, round),
    roundCandidates(db, round),
    roundScores(db, round.id),
  ]);
  const criteria = progress.criteria;
  const en = context.locale === "en";
  // The live ranking is for organizers only: jurors never see it here.
  const rows = rankAggregate(
    aggregate(
      criteria.map((c) => ({ id: c.id, weight: Number(c.weight), min: c.scale_min, max: c.scale_max })),
      scores.map((s) => ({ jurorId: s.juror_id, nomineeId: s.nominee_id, criterionId: s.criterion_id, score: s.score })),
      candidates.map((c) => c.id),
      { method: round.aggregation, normalize: round.normalize, minScores: round.min_scores },
    ),
  );
  const name = new Map(candidates.map((c) => [c.id, c.name]));
  return {
    edition: { name: edition.name, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    round: {
      name: en && round.name_en ? round.name_en : round.name_nl,
      state: juryRoundState(round),
      aggregation: round.aggregation,
      normalize: round.normalize,
      minScores: round.min_scores,
    },
    criteria: criteria.map((c) => ({
      values: {
        criterionId: c.id,
        nameNl: c.name_nl,
        nameEn: c.name_en,
        descriptionNl: c.description_nl,
        descriptionEn: c.description_en,
        weight: String(Number(c.weight)),
        scaleMin: String(c.scale_min),
        scaleMax: String(c.scale_max),
        commentBelow: c.comment_below === null ? "" : String(c.comment_below),
        anchors: Object.entries(c.anchors)
          .map(([k, v]) => `${k}=${v}`)
          .join("; "),
      },
    })),
    perJuror: progress.perJuror.map((j) => ({ id: j.userId, name: j.name, done: j.done, expected: j.expected })),
    ranking: rows.map((r) => ({
      id: r.nomineeId,
      name: name.get(r.nomineeId) ?? "?",
      place: r.place,
      score: r.score,
      jurors: r.jurors,
      min: r.min,
      max: r.max,
      stdev: r.stdev,
      tooFew: r.tooFewScores,
      done: progress.perCandidate.get(r.nomineeId)?.done ?? 0,
      expected: progress.perCandidate.get(r.nomineeId)?.expected ?? 0,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const round = await loadJuryRound(db, edition.id, params.position);
  const here = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/jury/${round.position}`;
  return { db, edition, round, here, actor: actorFrom(context) };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    criterion: intent({
      schema: CriterionSchema,
      run: (g, input) => saveCriterion(g.db, g.actor, g.round, input),
      done: (g) => redirectWithNotice(g.here, "jury.notice.criterionSaved"),
    }),
    "delete-criterion": intent({
      schema: DeleteCriterionSchema,
      // A malformed id is answered above the forms, as one message.
      errorsOnForm: true,
      run: (g, input) => deleteCriterion(g.db, g.actor, g.round, input.criterionId),
      done: (g) => redirectWithNotice(g.here, "jury.notice.criterionDeleted"),
    }),
    remind: intent({
      run: (g) =>
        remindJurors(g.db, g.actor, g.round, {
          award: g.edition.name,
          round: g.round.name_nl,
          link: `${config().origin}/jury/${g.edition.awardSlug}/${g.edition.year}/${g.round.position}`,
        }),
      done: (g, count) => redirectWithNotice(`${g.here}?herinnerd=${count}`, "jury.notice.reminded"),
    }),
  });

function CriterionForm({ id, title, values, locked }: { id: string; title: string; values?: CriterionInput; locked: boolean }) {
  const { t } = useTranslation();
  const defaults = values ?? {
    criterionId: "",
    nameNl: "",
    nameEn: "",
    descriptionNl: "",
    descriptionEn: "",
    weight: "1",
    scaleMin: "1",
    scaleMax: "10",
    commentBelow: "",
    anchors: "",
  };
  const { register, handleSubmit, errorOf, failure } = useAppForm<CriterionInput>(CriterionSchema, { ...defaults, formId: id }, id);
  return (
    <Form method="post" action="?intent=criterion" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset disabled={locked}>
        <legend>{title}</legend>
        <FormError failure={failure} />
        <input type="hidden" {...register("formId")} />
        <input type="hidden" {...register("criterionId")} />
        <TextField name={`${id}-nameNl`} label={t("procedure.fields.nameNl")} registration={register("nameNl")} error={errorOf("nameNl")} />
        <TextField name={`${id}-nameEn`} label={t("procedure.fields.nameEn")} registration={register("nameEn")} error={errorOf("nameEn")} />
        <TextareaField
          name={`${id}-descriptionNl`}
          label={t("procedure.fields.descriptionNl")}
          rows={2}
          registration={register("descriptionNl")}
          error={errorOf("descriptionNl")}
        />
        <TextareaField
          name={`${id}-descriptionEn`}
          label={t("procedure.fields.descriptionEn")}
          rows={2}
          registration={register("descriptionEn")}
          error={errorOf("descriptionEn")}
        />
        <TextField name={`${id}-weight`} label={t("jury.fields.weight")} registration={register("weight")} error={errorOf("weight")} />
        <TextField
          name={`${id}-scaleMin`}
          label={t("jury.fields.scaleMin")}
          registration={register("scaleMin")}
          error={errorOf("scaleMin")}
        />
        <TextField
          name={`${id}-scaleMax`}
          label={t("jury.fields.scaleMax")}
          registration={register("scaleMax")}
          error={errorOf("scaleMax")}
        />
        <TextField
          name={`${id}-commentBelow`}
          label={t("jury.fields.commentBelow")}
          description={t("jury.fields.commentBelowHint")}
          registration={register("commentBelow")}
          error={errorOf("commentBelow")}
        />
        <TextField
          name={`${id}-anchors`}
          label={t("jury.fields.anchors")}
          description={t("jury.fields.anchorsHint")}
          registration={register("anchors")}
          error={errorOf("anchors")}
        />
        {!locked ? <SubmitButton>{values ? t("procedure.save") : t("jury.admin.addCriterion")}</SubmitButton> : null}
      </fieldset>
    </Form>
  );
}

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(1));

export default function JuryRoundAdmin() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  const locked = d.round.state !== "upcoming";
  return (
    <>
      <Heading1>{t("jury.admin.roundTitle", { round: d.round.name, edition: d.edition.name })}</Heading1>
      <Paragraph>
        <AppLink to={`${d.edition.base}/jury`}>{t("jury.admin.backToJury")}</AppLink>
      </Paragraph>
      {actionData && !actionData.values?.formId ? <FormError failure={actionData} /> : null}

      <section aria-labelledby="progress-heading">
        <Heading2 id="progress-heading">{t("jury.admin.progressHeading")}</Heading2>
        {d.perJuror.length === 0 ? (
          <Paragraph>{t("jury.admin.noMembers")}</Paragraph>
        ) : (
          <HeadedTable headers={[t("jury.admin.juror"), t("jury.admin.scored")]}>
            {d.perJuror.map((j) => (
              <TableRow key={j.id}>
                <TableCell>{j.name}</TableCell>
                <TableCell>{t("jury.progress", { scored: j.done, total: j.expected })}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
        {d.round.state === "open" ? (
          <Form method="post" action="?intent=remind">
            <Button type="submit" appearance="secondary-action-button">
              {t("jury.admin.remind")}
            </Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="ranking-heading">
        <Heading2 id="ranking-heading">{t("jury.admin.rankingHeading")}</Heading2>
        <Paragraph>
          {t(`jury.aggregation.${d.round.aggregation}`)} {d.round.normalize ? t("jury.aggregation.normalized") : ""}{" "}
          {t("jury.admin.rankingPrivate")}
        </Paragraph>
        <HeadedTable
          headers={[t("voting.place"), t("voting.candidate"), t("jury.admin.score"), t("jury.admin.sheets"), t("jury.admin.spread")]}
        >
          {d.ranking.map((r) => (
            <TableRow key={r.id}>
              <TableCell>{r.place ?? "—"}</TableCell>
              <TableCell>
                {r.name}
                {r.tooFew ? (
                  <>
                    {" "}
                    <span className="lauwer-flag">{t("jury.admin.tooFew", { min: d.round.minScores })}</span>
                  </>
                ) : null}
              </TableCell>
              <TableCell>{fmt(r.score)}</TableCell>
              <TableCell>{t("jury.progress", { scored: r.done, total: r.expected })}</TableCell>
              <TableCell>{r.jurors ? t("jury.admin.spreadValue", { min: fmt(r.min), max: fmt(r.max), sd: fmt(r.stdev) }) : "—"}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      </section>

      <section aria-labelledby="criteria-heading">
        <Heading2 id="criteria-heading">{t("jury.admin.criteriaHeading")}</Heading2>
        {locked ? <Paragraph>{t("jury.admin.criteriaLocked")}</Paragraph> : null}
        {d.criteria.map((c, i) => (
          <div key={c.values.criterionId} className="lauwer-round">
            <CriterionForm id={`criterion-${i + 1}`} title={`${i + 1}. ${c.values.nameNl}`} values={c.values} locked={locked} />
            {!locked ? (
              <Form method="post" action="?intent=delete-criterion">
                <input type="hidden" name="formId" value={`criterion-${i + 1}`} />
                <input type="hidden" name="criterionId" value={c.values.criterionId} />
                <Button
                  type="submit"
                  appearance="secondary-action-button"
                  aria-label={`${t("jury.admin.deleteCriterion")}: ${c.values.nameNl}`}
                >
                  {t("jury.admin.deleteCriterion")}
                </Button>
              </Form>
            ) : null}
          </div>
        ))}
        {!locked ? <CriterionForm id="criterion-new" title={t("jury.admin.newCriterion")} locked={false} /> : null}
      </section>
    </>
  );
}
