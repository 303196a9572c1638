import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Button, DataList, DataListItem, DataListKey, DataListValue, Paragraph } from "~/components/nlds";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

/** Name, address (and whether it is confirmed) and organisation of the signed-in user. */
export function AccountDetails({ user }: { user: { name: string; email: string; organisation: string | null; emailVerified: boolean } }) {
  const { t } = useTranslation();
  return (
    <DataList>
      <Fact label={t("fields.name")}>{user.name}</Fact>
      <Fact label={t("account.email")}>
        {user.email} ({user.emailVerified ? t("account.verified") : t("account.notVerified")})
      </Fact>
      {user.organisation ? <Fact label={t("fields.organisation")}>{user.organisation}</Fact> : null}
    </DataList>
  );
}

/** For an address not yet confirmed: a reminder and a button that mails the link again. */
export function ResendVerification() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/e-mail-bevestigen?intent=resend">
      <Paragraph>{t("home.verifyReminder")}</Paragraph>
      <Button type="submit" appearance="secondary-action-button">
        {t("verify.resend")}
      </Button>
    </Form>
  );
}

/** Links to the pages the user's roles open (admins see every management page). */
export function AccountLinks({ roles, isAdmin }: { roles: string[]; isAdmin: boolean }) {
  const { t } = useTranslation();
  const links = [
    { to: "/beheer/rollen", label: "admin.title", shown: isAdmin },
    { to: "/beheer/audit", label: "auditLog.title", shown: isAdmin },
    { to: "/beheer/prijzen", label: "moderation.myAwards", shown: isAdmin || roles.includes("organizer") },
    { to: "/beheer/boeken", label: "book.myProjects", shown: isAdmin || roles.includes("editor") },
    { to: "/jury", label: "jury.home.title", shown: roles.includes("jury") },
  ];
  return links
    .filter((link) => link.shown)
    .map((link) => (
      <Paragraph key={link.to}>
        <AppLink to={link.to}>{t(link.label)}</AppLink>
      </Paragraph>
    ));
}
