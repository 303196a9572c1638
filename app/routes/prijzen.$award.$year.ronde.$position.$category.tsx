import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Alert, Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { refuse } from "~/lib/outcome";
import { useDateFormat } from "~/lib/locale";
import { BallotFormSchema } from "~/modules/voting/ballot.schema";
import { photoRefs } from "~/modules/photos/photos.server";
import photosCss from "~/styles/photos.css";
import { BallotConfirmation, BallotForm, BallotReceipt } from "~/modules/voting/components/ballot-form";
import { SignInToVote } from "~/modules/identity/components/sign-in-to-vote";
import ballotCss from "~/styles/ballot.css";
import { deviceCookie, deviceIdFrom } from "~/modules/voting/device.server";
import {
  ballotContext,
  ballotPage,
  ballotPath,
  ballotVoter,
  cachedBallotContext,
  reviewBallot,
  submitBallot,
} from "~/modules/voting/vote.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const db = getDb();
  const session = context.session ? { id: context.session.id, authMethod: context.session.authMethod } : null;
  const viewer = context.user ? { id: context.user.id, session } : null;
  const page = await ballotPage(db, await ballotContext(db, params, context.locale), viewer, context.locale);
  const photos = page.candidates.length
    ? await photoRefs(
        db,
        page.candidates.map((c) => c.id),
      )
    : {};
  const candidates = page.candidates.map((c) => ({ ...c, photo: photos[c.id] ?? null }));
  const device = context.user ? deviceCookie(request) : null;
  return data({ ...page, candidates }, device?.header ? { headers: { "Set-Cookie": device.header } } : undefined);
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  // During a database outage the session could not be read: the cast intent answers "not stored",
  // with the choices kept, instead of a login page.
  const user = context.outage ? null : requireUser(request, context);
  const db = getDb();
  return { db, user, request, context, ballot: await cachedBallotContext(db, params, context.locale) };
}

export type BallotActionData =
  FormFailure | { ok: true; review: { choices: Array<{ id: string; name: string; rank: number }>; list: string } };

export const action = (args: ActionFunctionArgs) =>
  handleIntents(
    args,

    guard,
    {
      review: intent({
        schema: BallotFormSchema,
        run: (g, _input, { raw }) => reviewBallot(g.db, g.ballot, raw),
        done: (_g, review) => ({ ok: true as const, review }),
      }),
      cast: intent({
        schema: BallotFormSchema,
        run(g, input) {
          // The vote lane (ADR 0047) already ran the service for this request and was refused.
          const cast = g.context.ballotCast;
          if (cast) return "error" in cast ? Promise.reject(cast.error) : Promise.resolve(cast.outcome);
          if (!g.user) return Promise.resolve(refuse(503, "voting.errors.notStored"));
          return submitBallot(g.db, g.ballot, ballotVoter(g.user, g.context.session), input.choices, {
            ip: g.context.ip ?? null,
            deviceId: deviceIdFrom(g.request),
          });
        },
        done: (g, { notice }) => redirectWithNotice(ballotPath(g.ballot), notice),
      }),
    },
    { notStored: "voting.errors.notStored" },
  );
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

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: ballotCss },
  { rel: "stylesheet", href: photosCss },
];

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

      {d.waiting ? <Paragraph>{t("rounds.waitingFor", { round: d.waiting })}</Paragraph> : null}
      {d.own ? (
        <BallotReceipt
          choices={d.own.choices.map((c) => c.name)}
          receiptCode={d.own.receiptCode}
          voided={d.own.voided}
          mayChange={canVote}
        />
      ) : null}

      {d.round.state === "open" && !d.signedIn ? (
        <Paragraph>
          <AppLink to={`/inloggen?redirectTo=${encodeURIComponent(here)}`}>{t("voting.logInToVote")}</AppLink> {t("voting.orSignUp")}{" "}
          <AppLink to="/registreren">{t("voting.signUp")}</AppLink>.
        </Paragraph>
      ) : null}
      {d.round.state === "open" && d.signInWith.length ? (
        <Alert type="warning">
          <SignInToVote providers={d.signInWith} to={here} className="utrecht-paragraph" />
        </Alert>
      ) : d.round.state === "open" && d.ineligible ? (
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
          current={d.own && !d.own.voided ? d.own.choices.map((c) => c.id) : []}
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

      {d.motivations.length ? (
        <section aria-labelledby="motivations-heading">
          <Heading2 id="motivations-heading">{t("rounds.publicMotivations")}</Heading2>
          {d.motivations.map((m) => (
            <Paragraph key={m.id}>
              <strong>{m.name}:</strong> {m.motivation}
            </Paragraph>
          ))}
        </section>
      ) : null}

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
