import "~/i18n/page-texts/organizer";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { actorFrom } from "~/modules/audit/audit.server";
import { WithdrawSchema } from "~/modules/awards/mine.schema";
import { excerpt, listMyNominations, withdrawNomination } from "~/modules/awards/mine.server";
import organizerCss from "~/styles/organizer.css";

export const meta = titleMeta("mine.title");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { nominations, drafts } = await listMyNominations(getDb(), user.id);
  const en = context.locale === "en";
  return {
    nominations: nominations.map((n) => ({
      id: n.id,
      name: n.redacted_at ? null : n.name,
      organisation: n.redacted_at ? "" : n.organisation,
      award: `${en ? n.name_en : n.name_nl} ${n.year}`,
      category: en ? n.category_en : n.category_nl,
      state: n.state,
      moderation: n.status,
      consent: n.consent_status,
      supporting: n.is_supporting,
      motivation: n.redacted_at ? "" : excerpt(n.motivation),
      date: n.created_at.toISOString(),
      withdrawable: n.withdrawable,
    })),
    drafts: drafts.map((d) => ({ award: `${en ? d.name_en : d.name_nl} ${d.year}`, href: `/prijzen/${d.slug}/${d.year}/nomineren` })),
  };
}

async function guard({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  return { db: getDb(), user, actor: actorFrom(context) };
}

/** Withdraws one of the member's own nominations while it is undecided (the service refuses otherwise). */
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    withdraw: intent({
      schema: WithdrawSchema,
      errorsOnForm: true,
      run: (g, input) => withdrawNomination(g.db, g.actor, g.user.id, input.nominationId),
      done: () => redirectWithNotice("/mijn-nominaties", "organizer.notice.withdrawn"),
    }),
  });

export default function MyNominations() {
  const { nominations, drafts } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "long" });
  return (
    <>
      <Heading1>{t("mine.title")}</Heading1>
      <FormError failure={failure} />
      {drafts.length ? (
        <section aria-labelledby="drafts-heading">
          <Heading2 id="drafts-heading">{t("mine.drafts")}</Heading2>
          <UnorderedList>
            {drafts.map((d) => (
              <UnorderedListItem key={d.href}>
                <AppLink to={d.href}>{t("mine.continueDraft", { award: d.award })}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
      {nominations.length === 0 ? (
        <Paragraph>{t("mine.empty")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("organizer.mine.intro")}</Paragraph>
          <ul className="lauwer-my-nominations">
            {nominations.map((n) => {
              const name = n.name ?? t("mine.declinedName");
              return (
                <li key={n.id}>
                  <article className="lauwer-my-nomination" aria-labelledby={`nomination-${n.id}`}>
                    <Heading2 id={`nomination-${n.id}`}>
                      {name}
                      {n.supporting ? ` (${t("mine.supporting")})` : ""}
                    </Heading2>
                    <Paragraph className="lauwer-my-nomination__state">
                      <strong>{t(`mine.state.${n.state}`)}</strong>
                    </Paragraph>
                    <DataList>
                      {n.organisation ? (
                        <DataListItem>
                          <DataListKey>{t("fields.organisation")}</DataListKey>
                          <DataListValue>{n.organisation}</DataListValue>
                        </DataListItem>
                      ) : null}
                      <DataListItem>
                        <DataListKey>{t("organizer.mine.award")}</DataListKey>
                        <DataListValue>{n.award}</DataListValue>
                      </DataListItem>
                      <DataListItem>
                        <DataListKey>{t("organizer.mine.category")}</DataListKey>
                        <DataListValue>{n.category}</DataListValue>
                      </DataListItem>
                      <DataListItem>
                        <DataListKey>{t("organizer.mine.submitted")}</DataListKey>
                        <DataListValue>
                          <time dateTime={n.date}>{date(n.date)}</time>
                        </DataListValue>
                      </DataListItem>
                      <DataListItem>
                        <DataListKey>{t("organizer.mine.moderation")}</DataListKey>
                        <DataListValue>{t(`organizer.mine.moderationState.${n.moderation}`)}</DataListValue>
                      </DataListItem>
                      <DataListItem>
                        <DataListKey>{t("organizer.mine.consent")}</DataListKey>
                        <DataListValue>{t(`organizer.mine.consentState.${n.consent}`)}</DataListValue>
                      </DataListItem>
                      {n.motivation ? (
                        <DataListItem>
                          <DataListKey>{t("organizer.mine.motivation")}</DataListKey>
                          <DataListValue>{n.motivation}</DataListValue>
                        </DataListItem>
                      ) : null}
                    </DataList>
                    {n.withdrawable ? (
                      <details className="lauwer-withdraw">
                        <summary>{t("organizer.mine.withdraw")}</summary>
                        <Paragraph>{t("organizer.mine.withdrawExplain", { name })}</Paragraph>
                        <Form method="post" action="?intent=withdraw">
                          <input type="hidden" name="nominationId" value={n.id} />
                          <Button type="submit" appearance="secondary-action-button">
                            {t("organizer.mine.withdrawConfirm", { name })}
                          </Button>
                        </Form>
                      </details>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
