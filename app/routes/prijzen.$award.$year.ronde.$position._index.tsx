import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { loadEdition } from "~/modules/awards/edition.server";
import { TallyTable } from "~/modules/voting/components/tally-table";
import { listVotedCategoryIds } from "~/modules/voting/ballot.server";
import {
  listAdvanced,
  loadVotingRound,
  rankedResults,
  roundView,
  tallyView,
  totalsVisible,
  waitingName,
} from "~/modules/voting/round.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const round = await loadVotingRound(db, edition.id, params.position);
  const user = context.user;
  const votedIds = new Set(user ? await listVotedCategoryIds(db, round.id, user.id) : []);
  // Totals leave the server only when they are public (published, live by setting, or revealed).
  const visible = totalsVisible(round);
  const results = visible ? await rankedResults(db, round, edition.categories) : null;
  // Who goes on is public with the results (and only then).
  const advanced =
    round.results_published_at && round.advancement !== "none" ? await listAdvanced(db, round.id, { candidatesOnly: true }) : [];
  const waiting = await waitingName(db, round, context.locale);
  return {
    edition: { name: edition.name, awardSlug: edition.awardSlug, year: edition.year },
    round: { ...roundView(round, context.locale), published: round.results_published_at !== null },
    waiting,
    categories: edition.categories.map((c) => ({
      slug: c.slug,
      name: c.name,
      voted: votedIds.has(c.id),
      advanced: advanced
        .filter((a) => a.category_id === c.id)
        .map((a) => ({ id: a.nominee_id, name: a.name, byOrganizer: a.decided_by === "organizer" })),
    })),
    // Present only when public, so hidden totals are not even an empty key in the page data.
    ...(results ? { results: results.map(tallyView) } : {}),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

export default function RoundPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/prijzen/${d.edition.awardSlug}/${d.edition.year}/ronde/${d.round.position}`;
  const rules =
    d.round.mode === "single"
      ? t("voting.instruction.single")
      : d.round.mode === "approval"
        ? t("voting.instruction.approval", { max: d.round.maxChoices })
        : t("voting.instruction.ranked", { max: d.round.maxChoices });
  return (
    <>
      <Heading1>{d.round.name}</Heading1>
      <Paragraph>
        {t(`voting.state.${d.round.state}`)}
        {d.round.state === "open" && d.round.closesAt ? ` ${t("voting.closesOn", { date: date(d.round.closesAt, "") })}` : ""}
        {d.round.state === "upcoming" && d.round.opensAt ? ` ${t("voting.opensOn", { date: date(d.round.opensAt, "") })}` : ""}
      </Paragraph>
      {d.waiting ? <Paragraph>{t("rounds.waitingFor", { round: d.waiting })}</Paragraph> : null}
      <Paragraph>
        {rules} {d.round.allowChange ? t("voting.changeAllowed") : t("voting.changeNotAllowed")}
      </Paragraph>
      {d.round.kind === "live_vote" ? (
        <Paragraph>
          <AppLink to={`${base}/scherm`}>{t("voting.projector")}</AppLink>
        </Paragraph>
      ) : null}

      <section aria-labelledby="categories-heading">
        <Heading2 id="categories-heading">{t("voting.categoriesHeading")}</Heading2>
        <UnorderedList>
          {d.categories.map((c) => (
            <UnorderedListItem key={c.slug}>
              <AppLink to={`${base}/${c.slug}`}>{c.name}</AppLink>
              {c.voted ? ` — ${t("voting.youVoted")}` : ""}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>

      <section aria-labelledby="results-heading">
        <Heading2 id="results-heading">{d.round.published ? t("voting.resultsHeading") : t("voting.liveResultsHeading")}</Heading2>
        {"results" in d && d.results ? (
          d.results.map((r) => (
            <TallyTable key={r.name} caption={r.name} ballots={r.ballots} rows={r.rows} ranked={d.round.mode === "ranked"} />
          ))
        ) : (
          <Paragraph>{t("voting.resultsHidden")}</Paragraph>
        )}
        {d.categories.some((c) => c.advanced.length) ? (
          <>
            <Heading2>{t("voting.advancedHeading")}</Heading2>
            {d.categories
              .filter((c) => c.advanced.length)
              .map((c) => (
                <Paragraph key={c.slug}>
                  <strong>{c.name}:</strong>{" "}
                  {c.advanced.map((a) => (a.byOrganizer ? `${a.name} (${t("voting.byOrganizer")})` : a.name)).join(", ")}
                </Paragraph>
              ))}
          </>
        ) : null}
        <Paragraph>
          <AppLink to="/stembewijs">{t("voting.checkReceipt")}</AppLink>
        </Paragraph>
      </section>
    </>
  );
}
