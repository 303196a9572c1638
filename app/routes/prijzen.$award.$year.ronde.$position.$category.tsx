import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useDateFormat } from "~/modules/awards/components/format";
import { BallotConfirmation, BallotForm } from "~/modules/voting/components/ballot-form";
import { ballotAction, ballotLoader, type BallotActionData } from "~/modules/voting/vote.server";

export const loader = ({ request, context, params }: LoaderFunctionArgs) => ballotLoader(request, context, params);
export const action = ({ request, context, params }: ActionFunctionArgs) => ballotAction(request, context, params);
// Retry-After of a throttled ballot (429) reaches the browser with the page.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

/**
 * A refused ballot (the vote closed meanwhile, the ballot was voided…) answers with a 4xx, after which
 * Remix keeps the old page data by default: reload it, so the page shows the round as it is now,
 * as it does without JavaScript.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const result = actionResult as { ok?: unknown; formError?: unknown } | undefined;
  // Not stored because the database was unreachable: keep the page as it is (reloading would fail too).
  if (result?.formError === "voting.errors.notStored") return false;
  return result?.ok === false || defaultShouldRevalidate;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.name}: ${data.category.name} — ${data.edition.name} — Lauwer` : "Lauwer" },
];

export default function BallotPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<BallotActionData>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const date = useDateFormat();
  const base = `/prijzen/${d.edition.awardSlug}/${d.edition.year}/ronde/${d.round.position}`;
  const here = `${base}/${d.category.slug}`;
  const review = actionData && actionData.ok ? actionData.review : null;
  const failure = actionData && !actionData.ok ? actionData : null;
  // Back from the confirmation step, or a submission that could not be stored: the choices stay filled in.
  const back = (search.get("keuze") ?? failure?.values.choices ?? "").split(",").filter(Boolean);
  const canVote =
    d.round.state === "open" && !d.waiting && d.signedIn && !d.ineligible && (!d.own || (d.round.allowChange && !d.own.voided));

  return (
    <>
      <Heading1>
        {d.round.name}: {d.category.name}
      </Heading1>
      {d.round.state === "upcoming" ? (
        <Paragraph>{d.round.opensAt ? t("voting.opensOn", { date: date(d.round.opensAt, "") }) : t("voting.notOpenYet")}</Paragraph>
      ) : d.round.state === "closed" ? (
        <Paragraph>{t("voting.closed")}</Paragraph>
      ) : d.round.closesAt ? (
        <Paragraph>{t("voting.closesOn", { date: date(d.round.closesAt, "") })}</Paragraph>
      ) : null}

      {d.waiting ? <Paragraph>{t("voting.waiting")}</Paragraph> : null}
      {d.own ? (
        <Alert type={d.own.voided ? "warning" : "ok"}>
          <Heading2>{d.own.voided ? t("voting.ownVoided") : t("voting.ownTitle")}</Heading2>
          <Paragraph>{t("voting.ownChoices", { choices: d.own.choices.map((c) => c.name).join(", ") })}</Paragraph>
          <Paragraph>
            {t("voting.receiptLabel")}: <strong className="lauwer-receipt">{d.own.receiptCode}</strong>
          </Paragraph>
          <Paragraph>
            <AppLink to={`/stembewijs?code=${encodeURIComponent(d.own.receiptCode)}`}>{t("voting.checkReceipt")}</AppLink> ·{" "}
            <AppLink to="/mijn-stemmen">{t("voting.myVotes")}</AppLink>
          </Paragraph>
          {d.round.state === "open" && d.round.allowChange && !d.own.voided ? <Paragraph>{t("voting.mayChange")}</Paragraph> : null}
        </Alert>
      ) : null}

      {d.round.state === "open" && !d.signedIn ? (
        <Paragraph>
          <AppLink to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}>{t("voting.logInToVote")}</AppLink> {t("voting.orSignUp")}{" "}
          <AppLink to="/registreren">{t("voting.signUp")}</AppLink>.
        </Paragraph>
      ) : null}
      {d.round.state === "open" && d.ineligible ? (
        <Alert type="warning">
          <Paragraph>{t(`voting.ineligible.${d.ineligible}`)}</Paragraph>
        </Alert>
      ) : null}

      {canVote && review ? (
        <BallotConfirmation choices={review.choices} list={review.list} ranked={d.round.mode === "ranked"} />
      ) : canVote ? (
        <BallotForm
          key={back.join(",") || "own"}
          mode={d.round.mode}
          maxChoices={d.round.maxChoices}
          candidates={d.candidates}
          initial={back.length ? back : (d.own?.choices.map((c) => c.id) ?? [])}
          error={failure?.formError ? { key: failure.formError, params: failure.formErrorParams } : undefined}
        />
      ) : (
        <section aria-labelledby="candidates-heading">
          <Heading2 id="candidates-heading">{t("voting.candidatesHeading")}</Heading2>
          {failure?.formError ? (
            <Alert type="error">
              <Paragraph>{t(failure.formError, failure.formErrorParams)}</Paragraph>
            </Alert>
          ) : null}
          <UnorderedList>
            {d.candidates.map((c) => (
              <UnorderedListItem key={c.id}>
                {c.name}
                {c.organisation ? ` — ${c.organisation}` : ""}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      )}

      {d.otherCategories.length ? (
        <nav aria-labelledby="other-categories">
          <Heading2 id="other-categories">{t("voting.otherCategories")}</Heading2>
          <UnorderedList>
            {d.otherCategories.map((c) => (
              <UnorderedListItem key={c.slug}>
                <AppLink to={`${base}/${c.slug}`}>{c.name}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </nav>
      ) : null}
      <Paragraph>
        <AppLink to={base}>{t("voting.backToRound")}</AppLink>
      </Paragraph>
    </>
  );
}
