import "~/i18n/page-texts/oidc";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { HeadedTable, Heading2, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { UnlinkIdentitySchema, type UnlinkIdentityInput } from "~/modules/identity/sso.schema";

export interface IdentityLine {
  id: string;
  provider: string;
  email: string;
  linkedAt: string;
  lastUsedAt: string;
}

/** The account's links to identity providers, each with a way to unlink it (a confirmation step on the same page). */
export function LinkedIdentities({ identities }: { identities: IdentityLine[] }) {
  const { t } = useTranslation();
  if (identities.length === 0) return <Paragraph>{t("oidc.identities.none")}</Paragraph>;
  return (
    <>
      <Heading2 id="koppelingen-tabel">{t("oidc.identities.tableCaption")}</Heading2>
      <HeadedTable
        labelledBy="koppelingen-tabel"
        headers={[
          t("oidc.identities.provider"),
          t("oidc.identities.email"),
          t("oidc.identities.linkedAt"),
          t("oidc.identities.lastUsed"),
          t("oidc.identities.action"),
        ]}
      >
        {identities.map((i) => (
          <TableRow key={i.id}>
            <TableCell>{i.provider}</TableCell>
            <TableCell>{i.email}</TableCell>
            <TableCell>{i.linkedAt}</TableCell>
            <TableCell>{i.lastUsedAt}</TableCell>
            <TableCell>
              <AppLink to={`?ontkoppelen=${i.id}#ontkoppelen`} aria-label={t("oidc.identities.unlinkLabel", { provider: i.provider })}>
                {t("oidc.identities.unlink")}
              </AppLink>
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </>
  );
}

/**
 * Unlinking one provider: what it means, then the confirmation (the password, or the address typed for
 * an account without one) — the same confirmation as the account's other sensitive changes.
 */
export function UnlinkIdentity({ identity, hasPassword, email }: { identity: IdentityLine; hasPassword: boolean; email: string }) {
  const { t } = useTranslation();
  const { register, errorOf, handleSubmit, failure, errors, busy } = useAppForm<UnlinkIdentityInput>(UnlinkIdentitySchema, {
    identity: identity.id,
  });
  const provider = identity.provider;
  return (
    <section aria-labelledby="ontkoppelen" className="lauwer-confirm">
      <Heading2 id="ontkoppelen" tabIndex={-1}>
        {t("oidc.identities.confirm.heading", { provider })}
      </Heading2>
      <Paragraph>{t("oidc.identities.confirm.what", { provider })}</Paragraph>
      <Paragraph>{t("oidc.identities.confirm.again", { provider })}</Paragraph>
      {/* The confirmation stays open after a refusal: the address keeps which link it is about. */}
      <Form
        method="post"
        action={`?${new URLSearchParams({ ontkoppelen: identity.id, intent: "unlink" })}`}
        onSubmit={handleSubmit}
        noValidate
        className="lauwer-form"
        aria-labelledby="ontkoppelen"
      >
        <FormError failure={failure} errors={errors} />
        <input type="hidden" {...register("identity")} />
        {hasPassword ? (
          <TextField
            name="password"
            type="password"
            label={t("oidc.identities.confirm.password")}
            autoComplete="current-password"
            registration={register("password")}
            error={errorOf("password")}
            required
          />
        ) : (
          <TextField
            name="confirmEmail"
            type="email"
            label={t("oidc.identities.confirm.confirmEmail", { email })}
            registration={register("confirmEmail")}
            error={errorOf("confirmEmail")}
            required
          />
        )}
        <SubmitButton busy={busy}>{t("oidc.identities.confirm.submit")}</SubmitButton>
        <Paragraph>
          <AppLink to="/account/koppelingen">{t("oidc.identities.confirm.cancel")}</AppLink>
        </Paragraph>
      </Form>
    </section>
  );
}
