import "~/i18n/page-texts/account";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { CheckboxField, FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Button, HeadedTable, Heading2, Paragraph, TableCell, TableRow, UnorderedList, UnorderedListItem } from "~/components/nlds";
import {
  ChangeEmailSchema,
  DeleteAccountSchema,
  ProfileSchema,
  type ChangeEmailInput,
  type DeleteAccountInput,
  type ProfileInput,
} from "~/modules/accounts/account.schema";

/**
 * The account hub's list of tasks: each self-service page one link away; the linked organisation
 * accounts where single sign-on is offered or the person has a link.
 */
export function AccountTasks({ identities = false }: { identities?: boolean }) {
  const { t } = useTranslation();
  const tasks = [
    ["/account/gegevens", "accounts.hub.profile"],
    ["/account/gegevens#e-mailadres", "accounts.hub.email"],
    ["#wachtwoord", "accounts.hub.password"],
    ["/account/tweestapsverificatie", "accounts.hub.twoFactor"],
    ["/account/sessies", "accounts.hub.sessions"],
    ...(identities ? ([["/account/koppelingen", "accounts.hub.identities"]] as const) : []),
    ["#berichten", "accounts.hub.notices"],
    ["/account/mijn-gegevens", "accounts.hub.data"],
    ["/account/verwijderen", "accounts.hub.delete"],
  ] as const;
  return (
    <nav aria-labelledby="account-tasks" className="lauwer-account-tasks">
      <Heading2 id="account-tasks">{t("accounts.hub.tasksHeading")}</Heading2>
      <UnorderedList>
        {tasks.map(([to, label]) => (
          <UnorderedListItem key={to}>
            {to.startsWith("#") ? <a href={to}>{t(label)}</a> : <AppLink to={to}>{t(label)}</AppLink>}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </nav>
  );
}

/** Name and organisation (intent "profile"). */
export function ProfileForm({ values, labelledBy }: { values: ProfileInput; labelledBy: string }) {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy } = useAppForm<ProfileInput & { formId?: string }>(
    ProfileSchema,
    { ...values, formId: "profile" },
    "profile",
  );
  return (
    <Form method="post" action="?intent=profile" onSubmit={handleSubmit} noValidate className="lauwer-form" aria-labelledby={labelledBy}>
      <FormError failure={failure} errors={errors} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="name"
        label={t("fields.name")}
        autoComplete="name"
        registration={register("name")}
        error={errorOf("name")}
        required
      />
      <TextField
        name="organisation"
        label={t("fields.organisation")}
        autoComplete="organization"
        registration={register("organisation")}
        error={errorOf("organisation")}
      />
      <SubmitButton busy={busy}>{t("accounts.profile.submit")}</SubmitButton>
    </Form>
  );
}

/** A new e-mail address, confirmed by a link to it (intent "email"); the password when the account has one. */
export function ChangeEmailForm({ hasPassword, labelledBy }: { hasPassword: boolean; labelledBy: string }) {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy } = useAppForm<ChangeEmailInput & { formId?: string }>(
    ChangeEmailSchema,
    { formId: "email" },
    "email",
  );
  return (
    <Form method="post" action="?intent=email" onSubmit={handleSubmit} noValidate className="lauwer-form" aria-labelledby={labelledBy}>
      <FormError failure={failure} errors={errors} />
      <input type="hidden" {...register("formId")} />
      <TextField
        name="newEmail"
        type="email"
        label={t("accounts.email.newEmail")}
        autoComplete="email"
        registration={register("newEmail")}
        error={errorOf("newEmail")}
        required
      />
      {hasPassword ? (
        <TextField
          name="password"
          type="password"
          label={t("accounts.email.password")}
          autoComplete="current-password"
          registration={register("password")}
          error={errorOf("password")}
          required
        />
      ) : null}
      <SubmitButton busy={busy}>{t("accounts.email.submit")}</SubmitButton>
    </Form>
  );
}

export interface SessionLine {
  handle: string;
  browser: string | null;
  system: string | null;
  authMethod: string;
  secondFactor: boolean;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The account's sessions with a sign-out button for each other one, and "sign out everywhere else". */
export function SessionsList({ sessions }: { sessions: SessionLine[] }) {
  const { t } = useTranslation();
  const device = (s: SessionLine) =>
    s.browser && s.system
      ? t("accounts.sessions.browserOn", { browser: s.browser, system: s.system })
      : (s.browser ?? s.system ?? t("accounts.sessions.unknownBrowser"));
  const method = (s: SessionLine) =>
    [
      s.authMethod.startsWith("oidc:")
        ? t("accounts.sessions.methodOidc", { provider: s.authMethod.slice(5) })
        : t("accounts.sessions.methodPassword"),
      s.secondFactor ? t("accounts.sessions.secondFactor") : null,
    ]
      .filter(Boolean)
      .join(", ");
  const others = sessions.filter((s) => !s.current);
  return (
    <>
      <Heading2 id="sessies-tabel">{t("accounts.sessions.tableCaption")}</Heading2>
      <HeadedTable
        labelledBy="sessies-tabel"
        headers={[
          t("accounts.sessions.device"),
          t("accounts.sessions.method"),
          t("accounts.sessions.signedIn"),
          t("accounts.sessions.lastSeen"),
          t("accounts.sessions.action"),
        ]}
      >
        {sessions.map((s) => (
          <TableRow key={s.handle}>
            <TableCell>
              {device(s)}
              {s.current ? ` (${t("accounts.sessions.thisDevice")})` : null}
            </TableCell>
            <TableCell>{method(s)}</TableCell>
            <TableCell>{s.createdAt}</TableCell>
            <TableCell>{s.lastSeenAt}</TableCell>
            <TableCell>
              {s.current ? null : (
                <Form method="post" action="?intent=end">
                  <input type="hidden" name="session" value={s.handle} />
                  <Button
                    type="submit"
                    appearance="secondary-action-button"
                    aria-label={t("accounts.sessions.signOutLabel", { device: device(s), date: s.createdAt })}
                  >
                    {t("accounts.sessions.signOut")}
                  </Button>
                </Form>
              )}
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
      {others.length ? (
        <Form method="post" action="?intent=endOthers">
          <Button type="submit" appearance="primary-action-button">
            {t("accounts.sessions.signOutOthers")}
          </Button>
        </Form>
      ) : (
        <Paragraph>{t("accounts.sessions.noOthers")}</Paragraph>
      )}
    </>
  );
}

export interface DeletionView {
  ballots: number;
  nominations: number;
  proposals: number;
  comments: number;
  portraits: { name: string }[];
  writtenPortraits: { name: string }[];
  finishedPortraits: { name: string }[];
  juryScores: number;
  nominated: number;
  onlyAdmin: boolean;
  hasPassword: boolean;
  email: string;
}

const names = (portraits: { name: string }[]) => portraits.map((p) => p.name).join(", ");

/** What deleting the account does, said before the confirmation; the confirmation unless it is refused anyway. */
export function DeleteAccount({ facts }: { facts: DeletionView }) {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy } = useAppForm<DeleteAccountInput>(DeleteAccountSchema, {});
  const consequences = [
    facts.ballots ? t("accounts.delete.ballots", { count: facts.ballots }) : null,
    facts.nominations ? t("accounts.delete.nominations", { count: facts.nominations }) : null,
    facts.proposals ? t("accounts.delete.proposals", { count: facts.proposals }) : null,
    facts.comments ? t("accounts.delete.comments", { count: facts.comments }) : null,
    facts.juryScores ? t("accounts.delete.juryScores", { count: facts.juryScores }) : null,
    facts.portraits.length ? t("accounts.delete.portraits", { names: names(facts.portraits) }) : null,
    facts.writtenPortraits.length ? t("accounts.delete.writtenPortraits", { names: names(facts.writtenPortraits) }) : null,
    facts.finishedPortraits.length ? t("accounts.delete.finishedPortraits", { names: names(facts.finishedPortraits) }) : null,
    t("accounts.delete.always"),
    facts.nominated ? t("accounts.delete.nominated") : null,
  ].filter((line): line is string => line !== null);
  // Only the platform's last admin is refused: everything else the deletion keeps or hands back.
  const blocked = facts.onlyAdmin ? t("accounts.delete.onlyAdmin") : null;
  return (
    <>
      <Paragraph>{t("accounts.delete.intro")}</Paragraph>
      <UnorderedList>
        {consequences.map((line) => (
          <UnorderedListItem key={line}>{line}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        {t("accounts.delete.dataFirst")} <AppLink to="/account/mijn-gegevens">{t("accounts.hub.data")}</AppLink>
      </Paragraph>
      {blocked ? (
        <>
          <FormError failure={failure} />
          <Paragraph>
            <strong>{blocked}</strong>
          </Paragraph>
        </>
      ) : (
        <>
          <Heading2 id="bevestigen">{t("accounts.delete.confirmHeading")}</Heading2>
          <Form
            method="post"
            action="?intent=delete"
            onSubmit={handleSubmit}
            noValidate
            className="lauwer-form"
            aria-labelledby="bevestigen"
          >
            <FormError failure={failure} errors={errors} />
            {facts.hasPassword ? (
              <TextField
                name="password"
                type="password"
                label={t("accounts.delete.password")}
                autoComplete="current-password"
                registration={register("password")}
                error={errorOf("password")}
                required
              />
            ) : (
              <TextField
                name="confirmEmail"
                type="email"
                label={t("accounts.delete.confirmEmail", { email: facts.email })}
                registration={register("confirmEmail")}
                error={errorOf("confirmEmail")}
                required
              />
            )}
            <CheckboxField
              name="eraseEverywhere"
              label={t("accounts.delete.eraseEverywhere")}
              registration={register("eraseEverywhere")}
              error={errorOf("eraseEverywhere")}
            />
            <SubmitButton busy={busy}>{t("accounts.delete.submit")}</SubmitButton>
          </Form>
        </>
      )}
    </>
  );
}
