import { Form } from "@remix-run/react";
import type { FormEventHandler, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormError, SubmitButton, TextField } from "~/components/form";

type Registration = Parameters<typeof TextField>[0]["registration"];

/** What the account forms use of useAppForm (the form of the field names N). */
export interface AccountFormState<N extends string = string> {
  register: (name: N) => Registration;
  errorOf: (name: string) => string | undefined;
  handleSubmit: FormEventHandler<HTMLFormElement>;
  failure?: Parameters<typeof FormError>[0]["failure"];
  /** Every field's current message, for the error summary. */
  errors?: Record<string, string>;
  busy: boolean;
}

/**
 * The form of a sign-in page (login, sign-up, forgotten and new password): the form's message above
 * it, the fields, and the submit button. Validated in the browser with the shared schema and again on
 * the server; without JavaScript it posts the same fields.
 */
export function AccountForm({ form, submit, children }: { form: AccountFormState<never>; submit: string; children: ReactNode }) {
  return (
    <>
      <FormError failure={form.failure} errors={form.errors} />
      <Form method="post" onSubmit={form.handleSubmit} noValidate className="lauwer-form">
        {children}
        <SubmitButton busy={form.busy}>{submit}</SubmitButton>
      </Form>
    </>
  );
}

type TextFieldProps = Parameters<typeof TextField>[0];

/** A text field of an account form, registered with the form under its name and showing its error. */
export function AccountField<N extends string>({
  form,
  name,
  ...props
}: Omit<TextFieldProps, "registration" | "error" | "name"> & { form: AccountFormState<N>; name: N }) {
  return <TextField name={name} registration={form.register(name)} error={form.errorOf(name)} {...props} />;
}

/** The e-mail address (the login name, when signing in). */
export function EmailField({ form, autoComplete = "email" }: { form: AccountFormState<"email">; autoComplete?: "email" | "username" }) {
  const { t } = useTranslation();
  return <AccountField form={form} name="email" type="email" label={t("fields.email")} autoComplete={autoComplete} required />;
}

/** The password: the current one at login, or a new one (with the policy as its description). */
export function PasswordField({ form, chosen, label }: { form: AccountFormState<"password">; chosen?: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <AccountField
      form={form}
      name="password"
      type="password"
      label={label ?? t("fields.password")}
      description={chosen ? t("fields.passwordHint") : undefined}
      autoComplete={chosen ? "new-password" : "current-password"}
      required
    />
  );
}
