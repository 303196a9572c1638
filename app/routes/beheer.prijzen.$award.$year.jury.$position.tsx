import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { pick } from "~/lib/locale";
import { refuse } from "~/lib/outcome";
import { rankAggregate } from "~/modules/jury/aggregate";
import { CriterionForm, DeleteCriterionButton } from "~/modules/jury/components/criterion-form";
import { JuryProgress } from "~/modules/jury/components/jury-progress";
import { JuryRanking } from "~/modules/jury/components/jury-ranking";
import { requireJuryRoundOrganizer } from "~/modules/jury/guard.server";
import { RoundWindowControls } from "~/modules/rounds/components/round-window-controls";
import { closeRoundNow, openRoundNow } from "~/modules/rounds/window.server";
import { ConfirmShortlist } from "~/modules/rounds/components/confirm-shortlist";
import { confirmShortlist } from "~/modules/rounds/confirm.server";
import { CriterionSchema, DeleteCriterionSchema } from "~/modules/jury/jury.schema";
import { ReasonSchema } from "~/modules/voting/ballot.schema";
import { Advancement } from "~/modules/voting/components/advancement";
import { tieChoice } from "~/modules/voting/rules";
import {
  aggregateRound,
  criterionFormValues,
  deleteCriterion,
  decideJuryTie,
  juryRoundState,
  juryShortlist,
  remindJurors,
  saveCriterion,
} from "~/modules/jury/jury.server";
import ballotCss from "~/styles/ballot.css";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, edition, round } = await requireJuryRoundOrganizer(request, context, params);
  // The live ranking is for organizers only: jurors never see it here.
  const [{ progress, candidates, rows }, shortlist] = await Promise.all([
    aggregateRound(db, round),
    juryShortlist(db, round, edition.categories),
  ]);
  const name = new Map(candidates.map((c) => [c.id, c.name]));
  return {
    edition: { name: edition.name, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    round: {
      name: pick(context.locale, round.name_nl, round.name_en),
      state: juryRoundState(round),
      hasStart: round.opens_at !== null,
      hasEnd: round.closes_at !== null,
      aggregation: round.aggregation,
      normalize: round.normalize,
      minScores: round.min_scores,
      advanceK: round.advancement === "top_k" ? round.advance_k : null,
      tieBreak: round.tie_break === "include_all" ? "include_all" : "organizer",
      confirmedAt: round.results_published_at?.toISOString() ?? null,
    },
    advanced: shortlist.advanced.map((a) => ({
      categoryId: a.category_id,
      name: a.name,
      by: a.decided_by,
      reason: a.reason,
      place: a.place,
    })),
    ties: shortlist.ties,
    categories: edition.categories.map((c) => ({ id: c.id, name: c.name })),
    criteria: progress.criteria.map((c) => ({ values: criterionFormValues(c) })),
    perJuror: progress.perJuror.map((j) => ({ id: j.userId, name: j.name, done: j.done, expected: j.expected })),
    ranking: rankAggregate(rows).map((r) => ({
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

// The option cards (.lauwer-ballot__option) of its checkbox lists.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

const guard = ({ request, context, params }: ActionFunctionArgs) => requireJuryRoundOrganizer(request, context, params);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    openNow: intent({
      run: (g) => openRoundNow(g.db, g.actor, g.round.id),
      done: (g) => redirectWithNotice(g.here, "roundWindow.notice.opened"),
    }),
    closeNow: intent({
      run: (g) => closeRoundNow(g.db, g.actor, g.round.id),
      done: (g) => redirectWithNotice(g.here, "roundWindow.notice.closed"),
    }),
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
    // A tie at the cut of the shortlist that the round leaves to the organizer.
    tie: intent({
      schema: ReasonSchema,
      errorsOnForm: true,
      run(g, input, { raw }) {
        const tie = tieChoice(raw, g.edition.categories);
        if (!tie) return Promise.resolve(refuse(400, "errors.badRequest"));
        return decideJuryTie(g.db, g.actor, g.round, tie.categoryId, tie.chosen, input.reason);
      },
      done: (g) => redirectWithNotice(g.here, "voting.notice.tieDecided"),
    }),
    // "Shortlist bevestigen en bekendmaken": until then the next round does not see who advanced.
    confirm: intent({
      run: (g) => confirmShortlist(g.db, g.actor, g.round, g.edition.categories),
      done: (g) => redirectWithNotice(g.here, "rounds.notice.confirmed"),
    }),
  });

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
      <RoundWindowControls state={d.round.state} hasStart={d.round.hasStart} hasEnd={d.round.hasEnd} />

      <JuryProgress jurors={d.perJuror} open={d.round.state === "open"} />
      <JuryRanking aggregation={d.round.aggregation} normalize={d.round.normalize} minScores={d.round.minScores} rows={d.ranking} />
      {d.round.advanceK !== null ? (
        <Advancement
          k={d.round.advanceK}
          tieBreak={d.round.tieBreak}
          closed={d.round.state === "closed"}
          advanced={d.advanced}
          categoryName={(id) => d.categories.find((c) => c.id === id)?.name}
          ties={d.ties}
        />
      ) : null}
      {d.round.advanceK !== null && d.round.state === "closed" ? (
        <ConfirmShortlist confirmedAt={d.round.confirmedAt} canConfirm={d.ties.length === 0 && d.advanced.length > 0} />
      ) : null}

      <section aria-labelledby="criteria-heading">
        <Heading2 id="criteria-heading">{t("jury.admin.criteriaHeading")}</Heading2>
        {locked ? <Paragraph>{t("jury.admin.criteriaLocked")}</Paragraph> : null}
        {d.criteria.map((c, i) => (
          <div key={c.values.criterionId} className="lauwer-round">
            <CriterionForm id={`criterion-${i + 1}`} title={`${i + 1}. ${c.values.nameNl}`} values={c.values} locked={locked} />
            {!locked ? (
              <DeleteCriterionButton formId={`criterion-${i + 1}`} criterionId={c.values.criterionId} name={c.values.nameNl} />
            ) : null}
          </div>
        ))}
        {!locked ? <CriterionForm id="criterion-new" title={t("jury.admin.newCriterion")} locked={false} /> : null}
      </section>
    </>
  );
}
