import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { ChangeEmailSchema, ProfileSchema } from "~/modules/accounts/account.schema";
import { accountHasPassword } from "~/modules/accounts/account.server";
import { ChangeEmailForm, ProfileForm } from "~/modules/accounts/components/self-service";
import { requestEmailChange, updateProfile } from "~/modules/accounts/profile.server";

export const meta = titleMeta("accounts.profile.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return {
    profile: { name: user.name, organisation: user.organisation },
    email: user.email,
    hasPassword: await accountHasPassword(getDb(), user.id),
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({ db: getDb(), user: requireUser(request, context), ip: context.ip });

// A throttled password check (429) says when to try again.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    profile: intent({
      schema: ProfileSchema,
      run: (g, input) => updateProfile(g.db, g.user.id, input),
      done: () => redirectWithNotice("/account", "accounts.profile.saved"),
    }),
    email: intent({
      schema: ChangeEmailSchema,
      run: (g, input) => requestEmailChange(g.db, g.user, input, g.ip),
      done: () => redirectWithNotice("/account", "accounts.email.sent"),
    }),
  });

export default function AccountProfile() {
  const { profile, email, hasPassword } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to="/account">{t("account.title")}</AppLink>
      </Paragraph>
      <Heading1 id="naam">{t("accounts.profile.title")}</Heading1>
      <Paragraph>{t("accounts.profile.intro")}</Paragraph>
      <ProfileForm values={profile} labelledBy="naam" />
      <Heading2 id="e-mailadres">{t("accounts.email.heading")}</Heading2>
      <Paragraph>{t("accounts.email.intro", { email })}</Paragraph>
      <ChangeEmailForm hasPassword={hasPassword} labelledBy="e-mailadres" />
    </>
  );
}
