import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AppLink } from "~/components/app-link";
import { Button, Heading1, Heading2, HeadedTable, Paragraph, SelectOption, TableCell, TableRow } from "~/components/nlds";
import { useTranslation } from "react-i18next";
import { requireAdmin, requireRole } from "~/auth/guards.server";
import { FormError, SelectField, SubmitButton, TextField, useAppForm } from "~/components/form";
import { getDb } from "~/db.server";
import { intent, handleIntents } from "~/lib/action.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { listRecentAudit } from "~/modules/audit/audit.server";
import { useActionLabel } from "~/modules/audit/components/audit-words-view";
import { GrantRoleSchema, ROLES, type GrantRoleInput } from "~/modules/roles/role.schema";
import { grantOrInvite, listGrants, listScopeOptions, revokeAnyInvitation, revokeRole } from "~/modules/roles/role.server";
import { config } from "~/config.server";
import { InvitationsTable } from "~/modules/teams/components/team-parts";
import { listOpenInvitations } from "~/modules/teams/teams.server";
import { scopeLabel } from "~/modules/roles/scope-label";

export const meta = titleMeta("admin.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const db = getDb();
  const [grants, scopes, audit, invitations] = await Promise.all([
    listGrants(db),
    listScopeOptions(db),
    listRecentAudit(db, 15),
    listOpenInvitations(db, context.locale),
  ]);
  const en = context.locale === "en";
  return {
    grants: grants.map((g) => ({ id: g.id, role: g.role, name: g.user_name, email: g.user_email, scope: scopeLabel(g, context.locale) })),
    scopes: scopes.map((s) => ({ value: s.value, kind: s.kind, label: en ? s.labelEn : s.labelNl })),
    audit: audit.map((a) => ({ id: a.id, at: a.at.toISOString(), actor: a.actor_name, action: a.action, entity: a.entity_type })),
    invitations,
  };
}

const grant = () =>
  intent({
    schema: GrantRoleSchema,
    // An address without an account gets an invitation by e-mail instead (ADR 0027).
    run: (g: Awaited<ReturnType<typeof requireAdmin>>, input, { args }) =>
      grantOrInvite(g.db, g.actor, input, { origin: config().origin, locale: args.context.locale, inviter: g.user.name }),
    done: (_g, result) => redirect(withNotice("/beheer/rollen", result === "granted" ? "admin.granted" : "teams.notice.adminInvited")),
  });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, requireAdmin, {
    // The grant form is the page's main form: it posts without an intent.
    "": grant(),
    grant: grant(),
    revoke: intent({
      // A malformed id is simply not found (404), like a grant that is gone.
      run: (g, input) => revokeRole(g.db, g.actor, input.grantId ?? ""),
      done: () => redirect(withNotice("/beheer/rollen", "admin.revoked")),
    }),
    revokeInvitation: intent({
      run: (g, input) => revokeAnyInvitation(g.db, g.actor, input.invitationId ?? ""),
      done: () => redirect(withNotice("/beheer/rollen", "teams.notice.invitationRevoked")),
    }),
  });

export default function AdminRoles() {
  const { grants, scopes, audit, invitations } = useLoaderData<typeof loader>();
  // The recent changes in words, as on the audit log (ADR 0008); the full entry is one link away there.
  const actionLabel = useActionLabel();
  const { t } = useTranslation();
  // No silent grant of power: the least powerful role, and no scope until one is chosen.
  const { register, handleSubmit, errorOf, failure, errors, busy } = useAppForm<GrantRoleInput>(GrantRoleSchema, {
    role: "jury",
    scope: "" as GrantRoleInput["scope"],
  });
  const dateFormat = useDateFormat({ dateStyle: "short", timeStyle: "short" });
  // Narrowest first: an edition, a book project, an award; the whole platform last.
  const groups = [
    { kind: "edition", label: t("roles.jury") },
    { kind: "project", label: t("roles.editor") },
    { kind: "award", label: t("roles.organizer") },
  ] as const;
  return (
    <>
      <Heading1>{t("admin.title")}</Heading1>
      <Paragraph>{t("admin.intro")}</Paragraph>

      <section aria-labelledby="grant-heading">
        <Heading2 id="grant-heading">{t("admin.grantHeading")}</Heading2>
        <Paragraph>{t("teams.admin.inviteNote")}</Paragraph>
        <FormError failure={failure} errors={errors} />
        <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
          <TextField
            name="email"
            type="email"
            label={t("fields.email")}
            required
            registration={register("email")}
            error={errorOf("email")}
          />
          <SelectField name="role" label={t("fields.role")} registration={register("role")} error={errorOf("role")}>
            {ROLES.map((r) => (
              <SelectOption key={r} value={r}>
                {t(`roles.${r}`)}
              </SelectOption>
            ))}
          </SelectField>
          <SelectField name="scope" label={t("fields.scope")} registration={register("scope")} error={errorOf("scope")}>
            <SelectOption value="">{t("forms.roles.scopePlaceholder")}</SelectOption>
            {groups.map((g) => (
              <optgroup key={g.kind} label={g.label}>
                {scopes
                  .filter((s) => s.kind === g.kind)
                  .map((s) => (
                    <SelectOption key={s.value} value={s.value}>
                      {s.label}
                    </SelectOption>
                  ))}
              </optgroup>
            ))}
            <optgroup label={t("roles.admin")}>
              <SelectOption value="platform">{t("roles.platform")}</SelectOption>
            </optgroup>
          </SelectField>
          <SubmitButton busy={busy}>{t("admin.grant")}</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="current-heading">
        <Heading2 id="current-heading">{t("admin.currentHeading")}</Heading2>
        {grants.length === 0 ? (
          <Paragraph>{t("admin.noGrants")}</Paragraph>
        ) : (
          <HeadedTable headers={[t("admin.user"), t("fields.role"), t("fields.scope"), t("admin.actions")]}>
            {grants.map((g) => (
              <TableRow key={g.id}>
                <TableCell>
                  {g.name} ({g.email})
                </TableCell>
                <TableCell>{t(`roles.${g.role}`)}</TableCell>
                <TableCell>{g.scope ?? t("roles.platform")}</TableCell>
                <TableCell>
                  <Form method="post" action="?intent=revoke">
                    <input type="hidden" name="grantId" value={g.id} />
                    <Button
                      type="submit"
                      appearance="secondary-action-button"
                      aria-label={t("admin.revokeLabel", { role: t(`roles.${g.role}`), name: g.name })}
                    >
                      {t("admin.revoke")}
                    </Button>
                  </Form>
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        )}
      </section>

      <InvitationsTable
        id="invitations-heading"
        heading={t("teams.admin.invitationsHeading")}
        invitations={invitations}
        withScope
        intent="revokeInvitation"
      />

      <section aria-labelledby="audit-heading">
        <Heading2 id="audit-heading">{t("admin.auditHeading")}</Heading2>
        <HeadedTable labelledBy="audit-heading" headers={[t("admin.auditWhen"), t("admin.auditWho"), t("admin.auditWhat")]}>
          {audit.map((a) => (
            <TableRow key={a.id}>
              <TableCell>
                <time dateTime={a.at}>{dateFormat(a.at)}</time>
              </TableCell>
              <TableCell>{a.actor ?? "—"}</TableCell>
              <TableCell>{actionLabel(a.action)}</TableCell>
            </TableRow>
          ))}
        </HeadedTable>
        <Paragraph>
          <AppLink to="/beheer/audit">{t("auditLog.title")}</AppLink>
        </Paragraph>
      </section>
    </>
  );
}
