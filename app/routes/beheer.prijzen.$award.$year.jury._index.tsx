import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/departed";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import { HeadedTable, Heading1, Heading2, Paragraph, TableCell, TableRow, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { emailList, JuryInviteSchema } from "~/modules/jury/jury.schema";
import { inviteJurors, listJury } from "~/modules/jury/jury.server";
import ballotCss from "~/styles/ballot.css";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const { invites, members } = await listJury(getDb(), edition.id);
  const categoryName = new Map(edition.categories.map((c) => [c.id, c.name]));
  const names = (ids: string[]) => ids.map((id) => categoryName.get(id) ?? "?").join(", ");
  return {
    edition: { name: edition.name, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    categories: edition.categories.map((c) => ({ id: c.id, name: c.name })),
    rounds: edition.rounds.filter((r) => r.kind === "jury").map((r) => ({ position: r.position, name: r.name, state: r.state })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      categories: names(i.category_ids),
      // Null once the person who accepted deleted their account.
      acceptedBy: i.accepted_name,
      acceptedAt: i.accepted_at?.toISOString() ?? null,
      expiresAt: i.expires_at.toISOString(),
    })),
    members: members.map((m) => ({ id: m.user_id, name: m.name, email: m.email, categories: names(m.category_ids) })),
  };
}

// The option cards (.lauwer-ballot__option) of its checkbox lists.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ballotCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Jury — ${data.edition.name} — Lauwer` : "Lauwer" }];

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return { db: getDb(), edition, actor: actorFrom(context), locale: context.locale };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The invite form is the page's one form: it posts without an intent.
    "": intent({
      schema: JuryInviteSchema,
      run(g, input, { raw }) {
        const categoryIds = g.edition.categories.filter((c) => raw[`cat-${c.id}`] !== undefined).map((c) => c.id);
        return inviteJurors(g.db, g.actor, g.edition, emailList(input.emails), categoryIds, { origin: config().origin, locale: g.locale });
      },
      done: (g) => redirectWithNotice(`/beheer/prijzen/${g.edition.awardSlug}/${g.edition.year}/jury`, "jury.notice.invited"),
    }),
  });

export default function JuryAdmin() {
  const d = useLoaderData<typeof loader>();
  useActionData<typeof action>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const { register, trigger, errorOf, failure, errors, focusSummary } = useAppForm(JuryInviteSchema);
  const submit = useSubmit();
  // Validate the addresses in the browser, then post the whole form: the category checkboxes are not
  // part of the schema, so submitting only the validated values would drop them.
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (await trigger()) submit(form);
    else focusSummary();
  };
  return (
    <>
      <Heading1>{t("jury.admin.title", { edition: d.edition.name })}</Heading1>
      <Paragraph>
        <AppLink to={`${d.edition.base}/jury/belangen`}>{t("control.menu.conflicts")}</AppLink>
      </Paragraph>
      {d.rounds.length ? (
        <UnorderedList>
          {d.rounds.map((r) => (
            <UnorderedListItem key={r.position}>
              <AppLink to={`${d.edition.base}/jury/${r.position}`}>{t("jury.admin.roundLink", { name: r.name })}</AppLink> (
              {t(`awards.${r.state}`)})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : (
        <Paragraph>{t("jury.admin.noRounds")}</Paragraph>
      )}

      <section aria-labelledby="invite-heading">
        <Heading2 id="invite-heading">{t("jury.admin.inviteHeading")}</Heading2>
        <FormError failure={failure} errors={errors} />
        <Form method="post" onSubmit={onSubmit} noValidate className="lauwer-form">
          <TextareaField
            name="emails"
            label={t("jury.admin.emails")}
            description={t("jury.admin.emailsHint")}
            registration={register("emails")}
            error={errorOf("emails")}
          />
          <fieldset>
            <legend>{t("jury.admin.categories")}</legend>
            <p className="utrecht-form-field-description">{t("jury.admin.categoriesHint")}</p>
            {d.categories.map((c) => (
              <label key={c.id} htmlFor={`cat-${c.id}`} className="lauwer-ballot__option">
                <input type="checkbox" id={`cat-${c.id}`} name={`cat-${c.id}`} value="on" />
                {c.name}
              </label>
            ))}
          </fieldset>
          <SubmitButton>{t("jury.admin.inviteSubmit")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="members-heading">
        <Heading2 id="members-heading">{t("jury.admin.membersHeading")}</Heading2>
        {d.members.length === 0 ? (
          <Paragraph>{t("jury.admin.noMembers")}</Paragraph>
        ) : (
          <HeadedTable headers={[t("fields.name"), t("fields.email"), t("jury.admin.categories")]} labelledBy="members-heading">
            {d.members.map((m) => (
              <TableRow key={m.id}>
                <TableCell>{m.name ?? t("departed.juror")}</TableCell>
                <TableCell>{m.email ?? "—"}</TableCell>
                <TableCell>{m.categories || t("jury.admin.allCategories")}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
      </section>

      <section aria-labelledby="invites-heading">
        <Heading2 id="invites-heading">{t("jury.admin.invitesHeading")}</Heading2>
        {d.invites.length === 0 ? (
          <Paragraph>{t("jury.admin.noInvites")}</Paragraph>
        ) : (
          <HeadedTable headers={[t("fields.email"), t("jury.admin.categories"), t("jury.admin.status")]} labelledBy="invites-heading">
            {d.invites.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.email}</TableCell>
                <TableCell>{i.categories || t("jury.admin.allCategories")}</TableCell>
                <TableCell>
                  {i.acceptedAt
                    ? t("jury.admin.accepted", { name: i.acceptedBy ?? t("departed.juror"), date: date(i.acceptedAt, "") })
                    : t("jury.admin.pending", { date: date(i.expiresAt, "") })}
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
      </section>
    </>
  );
}
