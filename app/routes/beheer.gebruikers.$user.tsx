import "~/i18n/page-texts/users";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin, requireRole } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FormError } from "~/components/form";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { scopeLabel } from "~/modules/roles/scope-label";
import { ReasonForm } from "~/modules/users/components/reason-form";
import { AccountFacts, PersonAudit, PersonIdentities, PersonRoles, ResendVerificationForm } from "~/modules/users/components/user-facts";
import { hasSecondFactor, resetSecondFactor } from "~/modules/mfa/mfa.server";
import { BlockUserSchema, ResetSecondFactorSchema, UnblockUserSchema } from "~/modules/users/user.schema";
import { blockUser, getUserDetail, resendVerificationFor, unblockUser } from "~/modules/users/users.server";

export const meta = titleMeta("users.list.title");

/** One person, for a platform admin: the account, how they sign in, roles, sessions, and what admins did to it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, context, { role: "admin" });
  const detail = await getUserDetail(getDb(), params.user ?? "");
  if (!detail) throw new Response("Not Found", { status: 404 });
  const { user, sessions, grants, identities, audit } = detail;
  const secondFactor = await hasSecondFactor(getDb(), user.id);
  return data({
    id: user.id,
    name: user.name,
    self: user.id === admin.id,
    secondFactor,
    facts: {
      email: user.email,
      organisation: user.organisation,
      createdAt: user.created_at.toISOString(),
      verifiedAt: user.email_verified_at?.toISOString() ?? null,
      blockedAt: user.blocked_at?.toISOString() ?? null,
      blockedReason: user.blocked_reason,
      activeSessions: sessions.active,
      lastSeenAt: sessions.lastSeenAt ? new Date(sessions.lastSeenAt).toISOString() : null,
      hasPassword: user.has_password,
      secondFactor,
    },
    identities: identities.map((i) => ({ ...i, linkedAt: i.linkedAt.toISOString(), lastUsedAt: i.lastUsedAt.toISOString() })),
    roles: grants.map((g) => ({ id: g.id, role: g.role, scope: scopeLabel(g, context.locale) })),
    audit: audit.map((a) => ({ ...a, at: a.at.toISOString() })),
  });
}

export const action = (args: ActionFunctionArgs) => {
  const to = `/beheer/gebruikers/${args.params.user ?? ""}`;
  return handleIntents(args, requireAdmin, {
    block: intent({
      schema: BlockUserSchema,
      run: (g, input) => blockUser(g.db, g.actor, args.params.user ?? "", input),
      done: () => redirectWithNotice(to, "users.notice.blocked"),
    }),
    unblock: intent({
      schema: UnblockUserSchema,
      run: (g, input) => unblockUser(g.db, g.actor, args.params.user ?? "", input),
      done: () => redirectWithNotice(to, "users.notice.unblocked"),
    }),
    resetMfa: intent({
      schema: ResetSecondFactorSchema,
      run: (g, input) => resetSecondFactor(g.db, g.actor, args.params.user ?? "", "admin", input.mfaReason),
      done: () => redirectWithNotice(to, "users.notice.secondFactorReset"),
    }),
    resend: intent({
      run: (g) => resendVerificationFor(g.db, g.actor, args.params.user ?? ""),
      done: () => redirectWithNotice(to, "users.notice.verificationSent"),
    }),
  });
};

export default function Person() {
  const { name, self, secondFactor, facts, identities, roles, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/mijn-lauwer", label: t("nav.myLauwer") },
          { to: "/beheer/gebruikers", label: t("users.list.title") },
        ]}
      />
      <Heading1>{name}</Heading1>
      {/* Refusals of the resend button; the reason form shows its own. */}
      {actionData && !actionData.values?.formId ? <FormError failure={actionData} /> : null}
      <section aria-labelledby="account-heading">
        <Heading2 id="account-heading">{t("users.person.accountHeading")}</Heading2>
        <AccountFacts facts={facts} />
      </section>
      <PersonIdentities identities={identities} />
      <PersonRoles roles={roles} />
      {facts.verifiedAt ? null : <ResendVerificationForm />}
      {facts.blockedAt ? (
        <ReasonForm key="unblock" intent="unblock" />
      ) : self ? (
        <Paragraph>{t("users.person.self")}</Paragraph>
      ) : (
        <ReasonForm key="block" intent="block" />
      )}
      {secondFactor && !self ? <ReasonForm key="resetMfa" intent="resetMfa" /> : null}
      <PersonAudit entries={audit} />
    </>
  );
}
