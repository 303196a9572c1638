import "~/i18n/page-texts/mfa";
import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/button-link";
import { FormError, SubmitButton, TextField, useAppForm } from "~/components/form";
import { Heading2, Paragraph } from "~/components/nlds";
import { ConfirmSchema, type ConfirmInput } from "../mfa.schema";
import { CodeForm } from "./code-form";

export interface PanelState {
  enrolled: boolean;
  required: boolean;
  recoveryLeft: number;
  pending: { secret: string; qr: string } | null;
}

/** The recovery codes, shown once (after turning the second factor on, or after making new ones). */
export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Heading2>{t("mfa.enrol.codesHeading")}</Heading2>
      <Paragraph>{t("mfa.enrol.codesIntro")}</Paragraph>
      <ol className="utrecht-ordered-list lauwer-recovery-codes" aria-label={t("mfa.enrol.codesList")}>
        {codes.map((c) => (
          <li className="utrecht-ordered-list__item" key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <Paragraph>
        <ButtonLink to={next}>{t("mfa.enrol.continue")}</ButtonLink>
      </Paragraph>
    </>
  );
}

/** The first code from the app, which turns the second factor on. */
function ConfirmForm({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, errors, busy, setValue } = useAppForm<ConfirmInput>(
    ConfirmSchema,
    { redirectTo, formId: "confirm" },
    "confirm",
  );
  useEffect(() => {
    if (failure) setValue("code", "");
  }, [failure, setValue]);
  return (
    <>
      <FormError failure={failure} errors={errors} />
      <Form method="post" action="?intent=confirm" onSubmit={handleSubmit} noValidate className="lauwer-form">
        <input type="hidden" {...register("redirectTo")} />
        <input type="hidden" {...register("formId")} />
        <TextField
          name="code"
          label={t("mfa.enrol.confirmCode")}
          description={t("mfa.enrol.confirmDescription")}
          autoComplete="one-time-code"
          registration={register("code")}
          error={errorOf("code")}
          required
        />
        <SubmitButton busy={busy}>{t("mfa.enrol.confirm")}</SubmitButton>
      </Form>
    </>
  );
}

/** The person's second factor: set up an app (QR code and key, then its first code), or, when on, new recovery codes or off. */
export function SecondFactorPanel({ state, redirectTo }: { state: PanelState; redirectTo: string }) {
  const { t } = useTranslation();
  if (state.enrolled)
    return (
      <>
        <Paragraph>{t("mfa.enrol.on")}</Paragraph>
        <Paragraph>{t("mfa.enrol.recoveryLeft", { count: state.recoveryLeft })}</Paragraph>
        <Heading2>{t("mfa.enrol.regenerateHeading")}</Heading2>
        <Paragraph>{t("mfa.enrol.regenerateIntro")}</Paragraph>
        <Form method="post" action="?intent=regenerate" className="lauwer-form">
          <SubmitButton>{t("mfa.enrol.regenerate")}</SubmitButton>
        </Form>
        <Heading2>{t("mfa.enrol.disableHeading")}</Heading2>
        <Paragraph>{t("mfa.enrol.disableIntro")}</Paragraph>
        <CodeForm submit={t("mfa.enrol.disable")} intent="disable" formId="disable" />
      </>
    );
  return (
    <>
      <Paragraph>{t(state.required ? "mfa.enrol.required" : "mfa.enrol.optional")}</Paragraph>
      <Paragraph>{t("mfa.enrol.appsHint")}</Paragraph>
      {state.pending ? (
        <>
          <Heading2>{t("mfa.enrol.scanHeading")}</Heading2>
          <Paragraph>{t("mfa.enrol.scan")}</Paragraph>
          <img className="lauwer-qr" src={state.pending.qr} alt={t("mfa.enrol.qrAlt")} width={200} height={200} />
          <Paragraph>{t("mfa.enrol.manual")}</Paragraph>
          <Paragraph>
            <code className="lauwer-totp-secret" data-testid="totp-secret">
              {state.pending.secret}
            </code>
          </Paragraph>
          <Heading2>{t("mfa.enrol.confirmHeading")}</Heading2>
          <ConfirmForm redirectTo={redirectTo} />
        </>
      ) : (
        <Form method="post" action="?intent=start" className="lauwer-form">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <SubmitButton>{t("mfa.enrol.start")}</SubmitButton>
        </Form>
      )}
    </>
  );
}
