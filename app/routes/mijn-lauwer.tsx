import "~/i18n/page-texts/legal";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { ButtonLink } from "~/components/button-link";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { JuryRoundCard } from "~/modules/home/components/jury-round-card";
import { SignInToVote } from "~/modules/identity/components/sign-in-to-vote";
import { PrimaryButtonLink } from "~/modules/home/components/primary-action-button";
import { openWork } from "~/modules/home/open-work.server";
import { useRootData } from "~/root";

export const meta = titleMeta("nav.mine.title");

/** Where a signed-in person lands: everything open for them now. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const session = context.session ? { id: context.session.id, authMethod: context.session.authMethod } : null;
  return { work: await openWork(getDb(), { id: user.id, email: user.email, session }, context.locale) };
}

export default function MyLauwer() {
  const { work } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dayMonth = useDateFormat({ day: "numeric", month: "long" });
  const date = useDateFormat();
  const areas = useRootData()?.areas;
  const places = [
    ...(areas?.manage ? [{ to: "/beheer/prijzen", label: t("nav.manage") }] : []),
    ...(areas?.admin
      ? [
          { to: "/beheer/gebruikers", label: t("nav.users") },
          { to: "/beheer/rollen", label: t("admin.title") },
          { to: "/beheer/audit", label: t("auditLog.title") },
          { to: "/beheer/privacy/verzoeken", label: t("nav.privacyRequests") },
          { to: "/beheer/privacy", label: t("nav.privacyPerson") },
          { to: "/beheer/instellingen", label: t("legal.settings.title") },
          { to: "/beheer/identiteitsproviders", label: t("oidc.admin.title") },
        ]
      : []),
    ...(areas?.jury ? [{ to: "/jury", label: t("nav.jury") }] : []),
    ...(areas?.edit ? [{ to: "/beheer/boeken", label: t("nav.editorial") }] : []),
    ...(areas?.authorProject ? [{ to: `/boek/${areas.authorProject}/mijn-portretten`, label: t("nav.myPortraits") }] : []),
  ];
  const empty = !work.votes.length && !work.jury.length && !work.portraits.length && !work.nominations.length && !work.editions.length;
  return (
    <>
      <Heading1>{t("nav.mine.title")}</Heading1>
      <Paragraph lead>{t("nav.mine.intro")}</Paragraph>
      {empty ? (
        <>
          <Paragraph>{t("nav.mine.empty")}</Paragraph>
          <Paragraph>
            <AppLink to="/">{t("nav.mine.awardsLink")}</AppLink>
          </Paragraph>
        </>
      ) : null}

      {places.length ? (
        <nav aria-label={t("nav.mine.placesHeading")} className="lauwer-places">
          <ul>
            {places.map((p) => (
              <li key={p.to}>
                <ButtonLink to={p.to} appearance="secondary">
                  {p.label}
                </ButtonLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {work.editions.length ? (
        <section aria-labelledby="editions-heading">
          <Heading2 id="editions-heading">{t("nav.mine.editionsHeading")}</Heading2>
          <ul className="lauwer-tasks">
            {work.editions.map((e) => (
              <li key={e.href} className="lauwer-task">
                <h3 className="lauwer-task__title">{e.edition}</h3>
                <p className="lauwer-task__meta">
                  {t(`control.action.${e.first.key}`, {
                    count: e.first.count,
                    name: e.first.round?.name ?? "",
                    position: e.first.round?.position ?? "",
                  })}
                </p>
                {e.count > 1 ? <p className="lauwer-task__meta">{t("nav.mine.moreActions", { count: e.count - 1 })}</p> : null}
                <PrimaryButtonLink to={e.href} text={t("nav.mine.controlRoom", { edition: e.edition })} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {work.votes.length ? (
        <section aria-labelledby="votes-heading">
          <Heading2 id="votes-heading">{t("nav.mine.votesHeading")}</Heading2>
          <ul className="lauwer-tasks">
            {work.votes.map((v, i) => {
              const text = v.closesAt ? t("nav.action.voteUntil", { date: dayMonth(v.closesAt) }) : t("nav.action.vote");
              return (
                <li key={v.href} className="lauwer-task">
                  <h3 className="lauwer-task__title" id={`vote-${i}`}>
                    {v.award}: {v.name}
                  </h3>
                  {v.signInWith.length ? (
                    <SignInToVote providers={v.signInWith} to={v.href} describedBy={`vote-${i}`} className="lauwer-task__meta" />
                  ) : (
                    <>
                      <p className="lauwer-task__meta">
                        {v.voted === 0 ? t("nav.mine.notVoted") : t("nav.mine.votedOf", { count: v.categories, voted: v.voted })}
                      </p>
                      <PrimaryButtonLink to={v.href} text={text} describedBy={`vote-${i}`} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {work.jury.length ? (
        <section aria-labelledby="jury-heading">
          <Heading2 id="jury-heading">{t("nav.mine.juryHeading")}</Heading2>
          <ul className="lauwer-tasks">
            {work.jury.map((r) => (
              <JuryRoundCard key={r.href} round={r} />
            ))}
          </ul>
          <Paragraph>
            <AppLink to="/jury">{t("nav.mine.allJury")}</AppLink>
          </Paragraph>
        </section>
      ) : null}

      {work.portraits.length ? (
        <section aria-labelledby="portraits-heading">
          <Heading2 id="portraits-heading">{t("nav.mine.portraitsHeading")}</Heading2>
          <ul className="lauwer-tasks">
            {work.portraits.map((p) => (
              <li key={p.href} className="lauwer-task">
                <h3 className="lauwer-task__title">
                  <AppLink to={p.href}>{p.name}</AppLink>
                </h3>
                <p className="lauwer-task__meta">
                  {p.project} — {t(`nav.mine.portraitState.${p.status}`)}
                  {p.dueAt ? `, ${t("nav.mine.due", { date: date(p.dueAt) })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {work.nominations.length ? (
        <section aria-labelledby="nominations-heading">
          <Heading2 id="nominations-heading">{t("nav.mine.nominationsHeading")}</Heading2>
          <ul className="lauwer-tasks">
            {work.nominations.map((n) => (
              <li key={n.id} className="lauwer-task">
                <h3 className="lauwer-task__title">{n.name ?? t("nav.mine.redacted")}</h3>
                <p className="lauwer-task__meta">
                  {n.edition} — {t(`mine.state.${n.state}`)}
                </p>
              </li>
            ))}
          </ul>
          <Paragraph>
            <AppLink to="/mijn-nominaties">{t("nav.mine.allNominations")}</AppLink>
          </Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="overviews-heading">
        <Heading2 id="overviews-heading">{t("nav.mine.overviewsHeading")}</Heading2>
        <UnorderedList>
          <UnorderedListItem>
            <AppLink to="/mijn-stemmen">{t("voting.myVotes")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/mijn-nominaties">{t("layout.myNominations")}</AppLink>
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/account">{t("layout.account")}</AppLink>
          </UnorderedListItem>
        </UnorderedList>
      </section>
    </>
  );
}
