import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button, Checkbox, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Textbox } from "~/components/nlds";
import { ALT_MAX, MAX_PHOTO_BYTES, PHOTO_ACCEPT, type PhotoRef } from "../photo";
import { CandidateAvatar } from "./candidate-avatar";

type Errors = Record<string, string | undefined>;
const MB = MAX_PHOTO_BYTES / 1024 / 1024;

/** Label, description and error wired to one input by id and aria-describedby. */
function Field(props: { id: string; label: string; description?: string; error?: string; children: (describedBy?: string) => ReactNode }) {
  const { t } = useTranslation();
  const descriptionId = props.description ? `${props.id}-description` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <FormField type="text" invalid={Boolean(props.error)}>
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={props.id}>{props.label}</FormLabel>
      </div>
      {props.description ? <FormFieldDescription id={descriptionId}>{props.description}</FormFieldDescription> : null}
      {props.error ? <FormFieldErrorMessage id={errorId}>{t(props.error, { mb: MB, max: ALT_MAX })}</FormFieldErrorMessage> : null}
      <div className="utrecht-form-field__input">{props.children(describedBy)}</div>
    </FormField>
  );
}

/** The file and its alt text (the alt text starts as "Foto van <naam>" / "Logo van <organisatie>"). */
function FileAndAlt({ errors, defaultAlt, optional }: { errors: Errors; defaultAlt: string; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        id="field-photo"
        label={optional ? `${t("photos.file")} ${t("photos.optional")}` : t("photos.file")}
        description={t("photos.fileHint", { mb: MB })}
        error={errors.photo}
      >
        {(describedBy) => (
          <input
            id="field-photo"
            name="photo"
            type="file"
            accept={PHOTO_ACCEPT}
            className="lauwer-file-input"
            aria-describedby={describedBy}
            aria-invalid={errors.photo ? true : undefined}
          />
        )}
      </Field>
      <Field id="field-alt" label={t("photos.alt")} description={t("photos.altHint")} error={errors.alt}>
        {(describedBy) => (
          <Textbox
            id="field-alt"
            name="alt"
            defaultValue={defaultAlt}
            maxLength={ALT_MAX}
            invalid={Boolean(errors.alt)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
    </>
  );
}

/** On the consent page: the nominee's consent to a photo (or logo) and, optionally, the photo itself. */
export function ConsentPhotoFields({
  kind,
  defaultAlt,
  errors,
  consented,
}: {
  kind: "person" | "organisation";
  defaultAlt: string;
  errors: Errors;
  consented?: boolean;
}) {
  const { t } = useTranslation();
  const logo = kind === "organisation";
  return (
    <fieldset className="utrecht-form-fieldset lauwer-photo-fields">
      <legend className="utrecht-form-fieldset__legend">{t(logo ? "photos.legendLogo" : "photos.legend")}</legend>
      <Paragraph>{t(logo ? "photos.explainLogo" : "photos.explain")}</Paragraph>
      <FormField type="checkbox" invalid={Boolean(errors.photoConsent)}>
        {errors.photoConsent ? <FormFieldErrorMessage id="field-photoConsent-error">{t(errors.photoConsent)}</FormFieldErrorMessage> : null}
        <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
          <FormLabel htmlFor="field-photoConsent" type="checkbox">
            <Checkbox
              id="field-photoConsent"
              name="photoConsent"
              value="true"
              defaultChecked={consented}
              aria-invalid={errors.photoConsent ? true : undefined}
              aria-describedby={errors.photoConsent ? "field-photoConsent-error" : undefined}
            />{" "}
            {t(logo ? "photos.consentLogo" : "photos.consent")}
          </FormLabel>
        </div>
      </FormField>
      <FileAndAlt errors={errors} defaultAlt={defaultAlt} optional />
    </fieldset>
  );
}

/**
 * On the moderation page: the current photo, and upload/replace (or change the alt text) and remove —
 * only when the nominee consented to a photo; otherwise why not.
 */
export function PhotoManager(props: {
  nomineeId: string;
  name: string;
  kind: "person" | "organisation";
  consentAt: string | null;
  photo: PhotoRef | null;
  defaultAlt: string;
  errors: Errors;
}) {
  const { t } = useTranslation();
  if (!props.consentAt) return <Paragraph>{t(props.kind === "organisation" ? "photos.noConsentLogo" : "photos.noConsent")}</Paragraph>;
  return (
    <>
      <div className="lauwer-photo-current">
        <CandidateAvatar name={props.name} photo={props.photo} size="large" />
        <Paragraph>{props.photo ? t("photos.current", { alt: props.photo.alt }) : t("photos.none")}</Paragraph>
      </div>
      {/* Keyed by the current image: after a save the form starts empty again (no file left selected). */}
      <Form
        key={props.photo?.src ?? "none"}
        method="post"
        action="?intent=photo"
        encType="multipart/form-data"
        className="lauwer-form"
        noValidate
      >
        <input type="hidden" name="nomineeId" value={props.nomineeId} />
        <FileAndAlt errors={props.errors} defaultAlt={props.photo?.alt ?? props.defaultAlt} optional={Boolean(props.photo)} />
        <div>
          <Button type="submit" appearance="primary-action-button">
            {t(props.photo ? "photos.replace" : "photos.upload")}
          </Button>
        </div>
      </Form>
      {props.photo ? (
        <Form method="post" action="?intent=photoRemove" className="lauwer-form">
          <input type="hidden" name="nomineeId" value={props.nomineeId} />
          <div>
            <Button type="submit" appearance="secondary-action-button">
              {t("photos.remove")}
            </Button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
