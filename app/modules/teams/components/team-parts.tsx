import "~/i18n/page-texts/departed";
import "~/i18n/page-texts/teams";
import type { ReactNode } from "react";
import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import {
  Button,
  Heading1,
  Heading2,
  HeadedTable,
  Paragraph,
  TableCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import { InviteSchema, type InviteInput } from "../teams.schema";

/**
 * The team page's one form: an e-mail address to invite. Refusals of the page's other buttons
 * (revoke, remove) come back as the form's message and show above it too.
 */
export function InviteForm({ heading, id }: { heading: string; id: string }) {
  // A new form after each navigation: once an invitation went out, the field is empty again.
  const { key } = useLocation();
  return <InviteFormFields key={key} heading={heading} id={id} />;
}

function InviteFormFields({ heading, id }: { heading: string; id: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, busy } = useAppForm<InviteInput>(InviteSchema);
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{heading}</Heading2>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=invite" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          description={t("teams.invitations.emailHint")}
          autoComplete="off"
          required
          registration={register("email")}
          error={errorOf("email")}
        />
        <SubmitButton busy={busy}>{t("teams.invitations.submit")}</SubmitButton>
      </Form>
    </section>
  );
}

export interface MemberRow {
  grantId: string;
  name: string;
  email: string;
  since: string;
  self: boolean;
}

/** The team's members, each with a button that revokes the role (the last one is kept by the service). */
export function MembersTable({ heading, id, members }: { heading: string; id: string; members: MemberRow[] }) {
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium" });
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{heading}</Heading2>
      {members.length === 0 ? (
        <Paragraph>{t("teams.members.none")}</Paragraph>
      ) : (
        <HeadedTable headers={[t("teams.members.name"), t("teams.members.email"), t("teams.members.since"), t("teams.members.actions")]}>
          {members.map((m) => (
            <TableRow key={m.grantId}>
              <TableCell>
                {m.name} {m.self ? t("teams.members.you") : null}
              </TableCell>
              <TableCell>{m.email}</TableCell>
              <TableCell>
                <time dateTime={m.since}>{date(m.since)}</time>
              </TableCell>
              <TableCell>
                <Form method="post" action="?intent=remove">
                  <input type="hidden" name="grantId" value={m.grantId} />
                  <Button type="submit" appearance="secondary-action-button" aria-label={t("teams.members.removeLabel", { name: m.name })}>
                    {t("teams.members.remove")}
                  </Button>
                </Form>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </section>
  );
}

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  scope?: string | null;
  invitedBy: string | null;
  expiresAt: string;
}

/** Open invitations with a revoke button each; `withScope` adds the role and what it is for (the admin's page). */
export function InvitationsTable({
  heading,
  id,
  invitations,
  withScope,
  intent = "revoke",
  field = "invitationId",
  level = 2,
}: {
  heading: string;
  id: string;
  invitations: InvitationRow[];
  withScope?: boolean;
  intent?: string;
  field?: string;
  /** Its heading's level: 2 on its own, deeper inside an edition's section. */
  level?: 2 | 4;
}) {
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium" });
  const headers = [
    t("teams.invitations.email"),
    ...(withScope ? [t("teams.invitations.role"), t("teams.invitations.scope")] : []),
    t("teams.invitations.invitedBy"),
    t("teams.invitations.expires"),
    t("teams.members.actions"),
  ];
  return (
    <section aria-labelledby={id}>
      {level === 2 ? (
        <Heading2 id={id}>{heading}</Heading2>
      ) : (
        <h4 id={id} className="utrecht-heading-4">
          {heading}
        </h4>
      )}
      {invitations.length === 0 ? (
        <Paragraph>{t("teams.invitations.none")}</Paragraph>
      ) : (
        <HeadedTable headers={headers}>
          {invitations.map((i) => (
            <TableRow key={i.id}>
              <TableCell>{i.email}</TableCell>
              {withScope ? (
                <>
                  <TableCell>{t(`roles.${i.role}`)}</TableCell>
                  <TableCell>{i.scope ?? t("roles.platform")}</TableCell>
                </>
              ) : null}
              <TableCell>{i.invitedBy ?? "—"}</TableCell>
              <TableCell>
                <time dateTime={i.expiresAt}>{date(i.expiresAt)}</time>
              </TableCell>
              <TableCell>
                <Form method="post" action={`?intent=${intent}`}>
                  <input type="hidden" name={field} value={i.id} />
                  <Button
                    type="submit"
                    appearance="secondary-action-button"
                    aria-label={t("teams.invitations.revokeLabel", { email: i.email })}
                  >
                    {t("teams.invitations.revoke")}
                  </Button>
                </Form>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </section>
  );
}

/**
 * A team page (an award's organizers, a book project's editors): title, the way back, what the page
 * is for, the invite form, the members and the open invitations; `children` follow (the award's juries).
 */
export function TeamPage({
  title,
  back,
  intro,
  inviteHeading,
  membersHeading,
  members,
  invitations,
  children,
}: {
  title: string;
  back: { to: string; label: string };
  intro: string;
  inviteHeading: string;
  membersHeading: string;
  members: MemberRow[];
  invitations: InvitationRow[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>
        <AppLink to={back.to}>{back.label}</AppLink>
      </Paragraph>
      <Paragraph>{intro}</Paragraph>
      <InviteForm id="invite-heading" heading={inviteHeading} />
      <MembersTable id="members-heading" heading={membersHeading} members={members} />
      <InvitationsTable id="invitations-heading" heading={t("teams.invitations.heading")} invitations={invitations} />
      {children}
    </>
  );
}

export interface EditionJury {
  id: string;
  year: number;
  /** A member whose account was deleted has no name or address: their seat (and scores) stay. */
  members: { id: string; name: string | null; email: string | null }[];
  invites: { id: string; email: string; expiresAt: string }[];
}

/** The award's juries per edition: members, a link to the edition's jury form, and open jury invitations. */
export function AwardJuries({ awardSlug, juries }: { awardSlug: string; juries: EditionJury[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="jury-heading">
      <Heading2 id="jury-heading">{t("teams.award.juryHeading")}</Heading2>
      <Paragraph>{t("teams.award.juryIntro")}</Paragraph>
      {juries.length === 0 ? <Paragraph>{t("teams.award.noEditions")}</Paragraph> : null}
      {juries.map((e) => (
        <section key={e.id} aria-labelledby={`jury-${e.year}`}>
          <h3 id={`jury-${e.year}`} className="utrecht-heading-3">
            {t("teams.award.juryEdition", { year: e.year })}
          </h3>
          <Paragraph>{t("teams.award.juryMembers", { count: e.members.length })}</Paragraph>
          {e.members.length > 0 ? (
            <UnorderedList>
              {e.members.map((m) => (
                <UnorderedListItem key={m.id}>{m.name === null ? t("departed.juror") : `${m.name} (${m.email})`}</UnorderedListItem>
              ))}
            </UnorderedList>
          ) : null}
          <Paragraph>
            <AppLink to={`/beheer/prijzen/${awardSlug}/${e.year}/jury`}>{t("teams.award.juryInvite", { year: e.year })}</AppLink>
          </Paragraph>
          {e.invites.length > 0 ? (
            <InvitationsTable
              id={`jury-invites-${e.year}`}
              heading={t("teams.award.juryOpenInvites", { year: e.year })}
              invitations={e.invites.map((i) => ({ ...i, role: "jury", invitedBy: null }))}
              intent="revokeJury"
              field="inviteId"
              level={4}
            />
          ) : null}
        </section>
      ))}
    </section>
  );
}
