import "~/i18n/page-texts/users";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FactList } from "~/components/facts";
import { Button, HeadedTable, Heading2, Paragraph, TableCell, TableRow, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { useDateFormat } from "~/lib/locale";
import { useActionLabel } from "~/modules/audit/components/audit-words-view";

export interface PersonFacts {
  email: string;
  organisation: string;
  createdAt: string;
  verifiedAt: string | null;
  blockedAt: string | null;
  blockedReason: string | null;
  activeSessions: number;
  lastSeenAt: string | null;
  hasPassword: boolean;
  secondFactor: boolean;
}

/**
 * The account at a glance: address, organisation, confirmation, block, how the person signs in
 * (password, second factor), live sessions and last seen.
 */
export function AccountFacts({ facts }: { facts: PersonFacts }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const dateTime = useDateFormat({ dateStyle: "long", timeStyle: "short" });
  return (
    <FactList
      facts={[
        [t("users.person.email"), facts.email],
        [t("users.person.organisation"), facts.organisation || t("users.person.noOrganisation")],
        [t("users.person.registered"), date(facts.createdAt)],
        [
          t("users.person.verification"),
          facts.verifiedAt ? t("users.person.verifiedAt", { date: date(facts.verifiedAt) }) : t("users.person.notVerified"),
        ],
        [
          t("users.person.status"),
          facts.blockedAt ? t("users.person.blockedSince", { date: dateTime(facts.blockedAt) }) : t("users.state.active"),
        ],
        facts.blockedReason ? [t("users.person.blockedReason"), facts.blockedReason] : null,
        [t("users.person.password"), t(facts.hasPassword ? "users.person.passwordSet" : "users.person.passwordNone")],
        [t("users.person.secondFactor"), t(facts.secondFactor ? "users.person.secondFactorOn" : "users.person.secondFactorOff")],
        [t("users.person.sessions"), t("users.person.sessions", { count: facts.activeSessions })],
        [t("users.person.lastSeen"), facts.lastSeenAt ? dateTime(facts.lastSeenAt) : t("users.person.neverSeen")],
      ]}
    />
  );
}

export interface LinkedIdentity {
  id: string;
  slug: string;
  /** The provider's display name; null when OIDC_PROVIDERS no longer names it. */
  name: string | null;
  linkedAt: string;
  lastUsedAt: string;
}

/** The organisations' sign-in providers the person linked: which, since when, and when last used. */
export function PersonIdentities({ identities }: { identities: LinkedIdentity[] }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const dateTime = useDateFormat({ dateStyle: "long", timeStyle: "short" });
  return (
    <section aria-labelledby="identities-heading">
      <Heading2 id="identities-heading">{t("users.person.identitiesHeading")}</Heading2>
      {identities.length === 0 ? (
        <Paragraph>{t("users.person.noIdentities")}</Paragraph>
      ) : (
        <HeadedTable
          labelledBy="identities-heading"
          headers={[t("users.person.identityProvider"), t("users.person.identityLinked"), t("users.person.identityLastUsed")]}
        >
          {identities.map((i) => (
            <TableRow key={i.id}>
              <TableCell>{i.name ?? t("users.person.identityUnconfigured", { slug: i.slug })}</TableCell>
              <TableCell>
                <time dateTime={i.linkedAt}>{date(i.linkedAt)}</time>
              </TableCell>
              <TableCell>
                <time dateTime={i.lastUsedAt}>{dateTime(i.lastUsedAt)}</time>
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </section>
  );
}

/** The person's roles with their scope; granting and revoking happen on the roles page. */
export function PersonRoles({ roles }: { roles: Array<{ id: string; role: string; scope: string | null }> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="roles-heading">
      <Heading2 id="roles-heading">{t("users.person.rolesHeading")}</Heading2>
      {roles.length === 0 ? (
        <Paragraph>{t("users.person.noRoles")}</Paragraph>
      ) : (
        <UnorderedList>
          {roles.map((r) => (
            <UnorderedListItem key={r.id}>
              {t(`roles.${r.role}`)}
              {r.scope ? ` — ${r.scope}` : ""}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <Paragraph>
        <AppLink to="/beheer/rollen">{t("users.person.manageRoles")}</AppLink>
      </Paragraph>
    </section>
  );
}

/** For an address not confirmed yet: one button that mails a new link. */
export function ResendVerificationForm() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="resend-heading">
      <Heading2 id="resend-heading">{t("users.person.resendHeading")}</Heading2>
      <Paragraph>{t("users.person.resendIntro")}</Paragraph>
      <Form method="post" action="?intent=resend">
        <Button type="submit" appearance="secondary-action-button">
          {t("users.person.resend")}
        </Button>
      </Form>
    </section>
  );
}

/** What admins did to this account, newest first, with their reasons. */
export function PersonAudit({
  entries,
}: {
  entries: Array<{ id: string; at: string; action: string; actor: string | null; reason: string | null }>;
}) {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const dateTime = useDateFormat({ dateStyle: "short", timeStyle: "short" });
  return (
    <section aria-labelledby="person-audit-heading">
      <Heading2 id="person-audit-heading">{t("users.person.auditHeading")}</Heading2>
      {entries.length === 0 ? (
        <Paragraph>{t("users.person.auditNone")}</Paragraph>
      ) : (
        <HeadedTable
          labelledBy="person-audit-heading"
          headers={[t("users.person.auditWhen"), t("users.person.auditWho"), t("users.person.auditWhat"), t("users.person.auditReason")]}
        >
          {entries.map((e) => (
            <TableRow key={e.id}>
              <TableCell>
                <time dateTime={e.at}>{dateTime(e.at)}</time>
              </TableCell>
              <TableCell>{e.actor ?? "—"}</TableCell>
              <TableCell>{actionLabel(e.action)}</TableCell>
              <TableCell>{e.reason ?? "—"}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </section>
  );
}
