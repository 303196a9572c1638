import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Button, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { config } from "~/config.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import type { Notice } from "~/lib/notice";
import { ok, refuse } from "~/lib/outcome";
import { useDateFormat } from "~/lib/locale";
import { ReasonSchema } from "~/modules/voting/ballot.schema";
import { Advancement } from "~/modules/voting/components/advancement";
import { FraudSignals } from "~/modules/voting/components/fraud-signals";
import { InviteVotersForm } from "~/modules/voting/components/invite-voters-form";
import { LiveControls } from "~/modules/voting/components/live-controls";
import { RoundWindowControls } from "~/modules/rounds/components/round-window-controls";
import { closeRoundNow, openRoundNow } from "~/modules/rounds/window.server";
import { TallyTable } from "~/modules/voting/components/tally-table";
import { roundSignals } from "~/modules/voting/fraud-snapshot.server";
import { requireVoteRoundOrganizer } from "~/modules/voting/guard.server";
import { inviteCount, inviteVoters, parseInviteCsv } from "~/modules/voting/invite.server";
import { screenKey } from "~/modules/voting/stream.server";
import {
  decideTie,
  ensureAdvanced,
  listAdvanced,
  liveControl,
  loadVotingRound,
  openTies,
  publishResults,
  rankedResults,
  roundName,
  roundState,
  tallyView,
} from "~/modules/voting/round.server";
import { tieChoice } from "~/modules/voting/rules";
import ballotCss from "~/styles/ballot.css";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db, edition, round: loaded, here } = await requireVoteRoundOrganizer(request, context, params);
  let round = loaded;
  if (roundState(round) === "closed" && round.advancement === "top_k" && !round.advanced_at) {
    await ensureAdvanced(db, round.id);
    round = await loadVotingRound(db, edition.id, params.position);
  }
  const publicBase = `/prijzen/${edition.awardSlug}/${edition.year}/ronde/${round.position}`;
  const [results, invites, advanced, key] = await Promise.all([
    rankedResults(db, round, edition.categories),
    round.eligibility === "invite" ? inviteCount(db, round.id) : Promise.resolve(null),
    listAdvanced(db, round.id, { candidatesOnly: false }),
    round.kind === "live_vote" ? screenKey(db, round.id) : Promise.resolve(null),
  ]);
  // The round's size decides whether its signals are computed now or read as kept (ADR 0038).
  const signals = await roundSignals(
    db,
    round.id,
    results.reduce((n, r) => n + r.ballots, 0),
  );
  return {
    edition: { name: edition.name, publicBase },
    base: here,
    round: {
      id: round.id,
      name: roundName(round, context.locale),
      kind: round.kind,
      state: roundState(round),
      opensAt: round.opens_at?.toISOString() ?? null,
      closesAt: round.closes_at?.toISOString() ?? null,
      published: round.results_published_at !== null,
      revealed: round.revealed_at !== null,
      eligibility: round.eligibility,
      advancement: round.advancement,
      advanceK: round.advance_k,
      tieBreak: round.tie_break,
      mode: round.ballot_mode,
      shortCode: round.short_code,
      shortUrl: round.short_code ? `${config().origin}/l/${round.short_code}` : null,
      screenUrl: key ? `${config().origin}${publicBase}/scherm?sleutel=${key}` : "",
    },
    invites,
    results: results.map((r) => ({ categoryId: r.categoryId, ...tallyView(r) })),
    advanced: advanced.map((a) => ({ categoryId: a.category_id, name: a.name, by: a.decided_by, reason: a.reason, place: a.place })),
    ties: openTies(round, results, advanced),
    signals,
  };
}

// The option cards (.lauwer-ballot__option) of its checkbox lists.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

const guard = ({ request, context, params }: ActionFunctionArgs) => requireVoteRoundOrganizer(request, context, params);
type Guarded = Awaited<ReturnType<typeof guard>>;
const back = (notice: Notice) => (g: Guarded) => redirectWithNotice(g.here, notice);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    publish: intent({ run: (g) => publishResults(g.db, g.actor, g.round.id), done: back("voting.notice.published") }),
    open: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "open"), done: back("voting.notice.opened") }),
    openNow: intent({ run: (g) => openRoundNow(g.db, g.actor, g.round.id), done: back("roundWindow.notice.opened") }),
    closeNow: intent({ run: (g) => closeRoundNow(g.db, g.actor, g.round.id), done: back("roundWindow.notice.closed") }),
    close: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "close"), done: back("voting.notice.closedNow") }),
    reveal: intent({ run: (g) => liveControl(g.db, g.actor, g.round.id, "reveal"), done: back("voting.notice.revealed") }),
    invite: intent({
      async run(g, _input, { form }) {
        if (g.round.eligibility !== "invite") return refuse(409, "voting.errors.notInviteRound");
        const file = form.get("file");
        const parsed = parseInviteCsv(file instanceof File ? await file.text() : String(form.get("emails") ?? ""));
        if (!parsed.ok) return parsed;
        return ok(
          await inviteVoters(g.db, g.actor, g.round, parsed.value.emails, {
            award: g.edition.name,
            round: roundName(g.round, g.locale),
            link: `${config().origin}/prijzen/${g.edition.awardSlug}/${g.edition.year}/ronde/${g.round.position}`,
            locale: g.locale,
          }),
        );
      },
      done: (g, r) => redirectWithNotice(`${g.here}?toegevoegd=${r.added}&bekend=${r.existing}`, "voting.notice.invited"),
    }),
    tie: intent({
      schema: ReasonSchema,
      // The tie form has no field-level messages: its error is shown above the forms.
      errorsOnForm: true,
      run(g, input, { raw }) {
        const tie = tieChoice(raw, g.edition.categories);
        if (!tie) return Promise.resolve(refuse(400, "errors.badRequest"));
        return decideTie(g.db, g.actor, g.round, tie.categoryId, tie.chosen, input.reason);
      },
      done: back("voting.notice.tieDecided"),
    }),
  });

export default function OrganizerRound() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const r = d.round;
  return (
    <>
      <Heading1>{t("voting.admin.title", { round: r.name, edition: d.edition.name })}</Heading1>
      <Paragraph>
        {t(`voting.state.${r.state}`)} {r.opensAt ? `${date(r.opensAt, "")} – ${date(r.closesAt, "…")}` : ""}
      </Paragraph>
      <Paragraph>
        <AppLink to={d.edition.publicBase}>{t("voting.admin.publicPage")}</AppLink> ·{" "}
        <AppLink to={`${d.base}/stembiljetten`}>{t("voting.admin.ballots")}</AppLink>
      </Paragraph>
      {actionData ? <FormError failure={actionData} /> : null}

      {r.kind === "live_vote" ? (
        <LiveControls
          state={r.state}
          revealed={r.revealed}
          shortCode={r.shortCode}
          shortUrl={r.shortUrl}
          publicBase={d.edition.publicBase}
          screenUrl={r.screenUrl}
        />
      ) : (
        <RoundWindowControls state={r.state} hasStart={r.opensAt !== null} hasEnd={r.closesAt !== null} />
      )}

      {r.state === "closed" && !r.published ? (
        <Form method="post" action="?intent=publish">
          <Paragraph>{t("voting.admin.publishIntro")}</Paragraph>
          <Button type="submit" appearance="primary-action-button">
            {t("voting.admin.publish")}
          </Button>
        </Form>
      ) : r.published ? (
        <Paragraph>{t("voting.admin.isPublished")}</Paragraph>
      ) : null}

      {d.invites !== null ? <InviteVotersForm count={d.invites} /> : null}

      <section aria-labelledby="tally-heading">
        <Heading2 id="tally-heading">{t("voting.admin.tallyHeading")}</Heading2>
        <Paragraph>{r.published ? t("voting.admin.tallyPublic") : t("voting.admin.tallyPrivate")}</Paragraph>
        {d.results.map((res) => (
          <TallyTable key={res.categoryId} caption={res.name} ballots={res.ballots} rows={res.rows} ranked={r.mode === "ranked"} />
        ))}
      </section>

      {r.advancement === "top_k" ? (
        <Advancement
          k={r.advanceK}
          tieBreak={r.tieBreak}
          closed={r.state === "closed"}
          advanced={d.advanced}
          categoryName={(id) => d.results.find((x) => x.categoryId === id)?.name}
          ties={d.ties}
        />
      ) : null}

      <FraudSignals {...d.signals} ballotsPage={`${d.base}/stembiljetten`} />
    </>
  );
}
