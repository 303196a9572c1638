import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Alert, Heading1, Paragraph } from "~/components/nlds";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { pick } from "~/lib/locale";
import { ConfirmShortlist } from "~/modules/rounds/components/confirm-shortlist";
import { RoundWindowControls } from "~/modules/rounds/components/round-window-controls";
import { SelectionForm } from "~/modules/rounds/components/selection-form";
import { confirmShortlist } from "~/modules/rounds/confirm.server";
import { requireSelectionRoundOrganizer } from "~/modules/rounds/guard.server";
import { picksFromForm } from "~/modules/rounds/selection.schema";
import { saveSelection, selectionView } from "~/modules/rounds/selection.server";
import { closeRoundNow, openRoundNow } from "~/modules/rounds/window.server";
import ballotCss from "~/styles/ballot.css";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, edition, round } = await requireSelectionRoundOrganizer(request, context, params);
  const view = await selectionView(db, round, edition.categories);
  return {
    edition: { name: edition.name, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    round: {
      name: pick(context.locale, round.name_nl, round.name_en),
      confirmedAt: round.results_published_at?.toISOString() ?? null,
      hasStart: round.opens_at !== null,
      hasEnd: round.closes_at !== null,
    },
    ...view,
  };
}

// The option cards (.lauwer-ballot__option) of its checkbox lists.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

const guard = ({ request, context, params }: ActionFunctionArgs) => requireSelectionRoundOrganizer(request, context, params);

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
    select: intent({
      run: (g, _input, { raw }) => saveSelection(g.db, g.actor, g.round, g.edition.categories, picksFromForm(raw)),
      done: (g) => redirectWithNotice(g.here, "rounds.notice.selectionSaved"),
    }),
    confirm: intent({
      run: (g) => confirmShortlist(g.db, g.actor, g.round, g.edition.categories),
      done: (g) => redirectWithNotice(g.here, "rounds.notice.confirmed"),
    }),
  });

/** The organizers choose the finalists of an organizer-selection round, then confirm and announce them. */
export default function SelectionRound() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const readOnly = d.k === null || d.state === "upcoming" || d.locked || d.confirmed || d.waiting;
  return (
    <>
      <Heading1>{t("rounds.selectionTitle", { round: d.round.name, edition: d.edition.name })}</Heading1>
      <Paragraph>
        <AppLink to={`${d.edition.base}/procedure`}>{t("rounds.backToProcedure")}</AppLink>
      </Paragraph>
      <FormError failure={failure} />
      {failure && Object.keys(failure.fieldErrors ?? {}).length ? (
        <Alert type="error">
          <Paragraph>
            <a className="utrecht-link" href={`#${Object.keys(failure.fieldErrors)[0]}`}>
              {t(Object.values(failure.fieldErrors)[0]!, failure.formErrorParams)}
            </a>
          </Paragraph>
        </Alert>
      ) : null}
      {d.k === null ? (
        <Paragraph>{t("rounds.selectionNoNumber")}</Paragraph>
      ) : !readOnly ? (
        <Paragraph>{t("rounds.selectionIntro", { k: d.k })}</Paragraph>
      ) : null}
      {d.waiting ? <Paragraph>{t("rounds.errors.sourceWaiting")}</Paragraph> : null}
      {d.state === "upcoming" ? <Paragraph>{t("rounds.selectionUpcoming")}</Paragraph> : null}
      <RoundWindowControls state={d.state} hasStart={d.round.hasStart} hasEnd={d.round.hasEnd} />
      {d.locked ? <Paragraph>{t("rounds.selectionLocked")}</Paragraph> : null}
      {d.saved && !d.confirmed ? <Paragraph>{t("rounds.selectionSaved")}</Paragraph> : null}
      <SelectionForm categories={d.categories} readOnly={readOnly} failure={failure} />
      {d.saved ? <ConfirmShortlist confirmedAt={d.round.confirmedAt} canConfirm={!d.confirmed} /> : null}
    </>
  );
}
