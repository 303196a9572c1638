import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
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
import { useTranslation } from "react-i18next";
import { hasRole, requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { listGrants } from "~/modules/roles/role.server";
import { scopeLabel } from "~/modules/roles/scope-label";

export const meta = titleMeta("account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const [grants, isAdmin] = await Promise.all([listGrants(db, user.id), hasRole(db, user.id, { role: "admin" })]);
  return {
    user: { name: user.name, email: user.email, organisation: user.organisation, emailVerified: user.emailVerified },
    grants: grants.map((g) => ({ id: g.id, role: g.role, scope: scopeLabel(g, context.locale) })),
    isAdmin,
  };
}

export default function Account() {
  const { user, grants, isAdmin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Heading1>{t("account.title")}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t("fields.name")}</DataListKey>
          <DataListValue>{user.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t("account.email")}</DataListKey>
          <DataListValue>
            {user.email} ({user.emailVerified ? t("account.verified") : t("account.notVerified")})
          </DataListValue>
        </DataListItem>
        {user.organisation ? (
          <DataListItem>
            <DataListKey>{t("fields.organisation")}</DataListKey>
            <DataListValue>{user.organisation}</DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
      {!user.emailVerified ? (
        <Form method="post" action="/e-mail-bevestigen?intent=resend">
          <Paragraph>{t("home.verifyReminder")}</Paragraph>
          <Button type="submit" appearance="secondary-action-button">
            {t("verify.resend")}
          </Button>
        </Form>
      ) : null}
      <Heading2>{t("account.roles")}</Heading2>
      {grants.length === 0 ? (
        <Paragraph>{t("account.noRoles")}</Paragraph>
      ) : (
        <UnorderedList>
          {grants.map((g) => (
            <UnorderedListItem key={g.id}>
              {t(`roles.${g.role}`)}: {g.scope ?? t("roles.platform")}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {isAdmin ? (
        <Paragraph>
          <AppLink to="/beheer/rollen">{t("admin.title")}</AppLink>
        </Paragraph>
      ) : null}
      {isAdmin ? (
        <Paragraph>
          <AppLink to="/beheer/audit">{t("auditLog.title")}</AppLink>
        </Paragraph>
      ) : null}
      {grants.some((g) => g.role === "organizer") || isAdmin ? (
        <Paragraph>
          <AppLink to="/beheer/prijzen">{t("moderation.myAwards")}</AppLink>
        </Paragraph>
      ) : null}
      {grants.some((g) => g.role === "editor") || isAdmin ? (
        <Paragraph>
          <AppLink to="/beheer/boeken">{t("book.myProjects")}</AppLink>
        </Paragraph>
      ) : null}
      {grants.some((g) => g.role === "jury") ? (
        <Paragraph>
          <AppLink to="/jury">{t("jury.home.title")}</AppLink>
        </Paragraph>
      ) : null}
    </>
  );
}
