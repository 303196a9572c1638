import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { refuse } from "~/lib/outcome";
import { withBodyLimit } from "~/lib/upload.server";
import { ConsentDecisionForm } from "~/modules/awards/components/consent-decision-form";
import { ConsentLinkInvalid } from "~/modules/awards/components/consent-link-invalid";
import { consentContext, decideConsent } from "~/modules/awards/consent.server";
import { ConsentPhotoFields } from "~/modules/photos/components/photo-fields";
import { defaultAltKey, MAX_PHOTO_BYTES, MAX_PHOTO_REQUEST_BYTES } from "~/modules/photos/photo";
import { ConsentWithPhotoSchema } from "~/modules/photos/photo.schema";
import { photoUpload } from "~/modules/photos/upload.server";
import photosCss from "~/styles/photos.css";

export const meta = titleMeta("consent.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: photosCss }];

// The nominee has no account: the single-use link is their authorisation. Opening it changes nothing.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await consentContext(getDb(), new URL(request.url).searchParams.get("token") ?? "");
  if (!ctx) return { valid: false as const };
  return {
    valid: true as const,
    name: ctx.name,
    kind: ctx.kind,
    award: context.locale === "en" ? ctx.awardEn : ctx.awardNl,
    nominators: ctx.nominators,
    anonymousCount: ctx.anonymousCount,
  };
}

const PHOTO_FIELDS = new Set(["photo", "alt", "photoConsent"]);

export const action = (args: ActionFunctionArgs) =>
  withBodyLimit(
    args,
    MAX_PHOTO_REQUEST_BYTES,
    { error: "photos.errors.tooLarge", field: "photo", params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } },
    (a) =>
      handleIntents(a, () => ({ db: getDb() }), {
        // The pressed button posts the decision, without an intent. A refusal about the link shows the
        // page's one message; one about the photo shows on its field, and nothing is stored.
        "": intent({
          schema: ConsentWithPhotoSchema,
          async run(g, input, { form }) {
            if (input.decision === "decline") return decideConsent(g.db, input.token, "decline");
            const ctx = await consentContext(g.db, input.token);
            if (!ctx) return refuse(400, "consent.invalid");
            const upload = await photoUpload(form, input.alt, !input.photoConsent);
            if (!upload.ok) return upload;
            return decideConsent(g.db, input.token, "accept", input.photoConsent ? upload.value : undefined);
          },
          done: (_g, { decision }) => redirect(withNotice("/", decision === "accept" ? "consent.accepted" : "consent.declined")),
        }),
      }),
  );

export default function Consent() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const photoErrors =
    failed && !failed.formError && Object.keys(failed.fieldErrors).every((f) => PHOTO_FIELDS.has(f)) ? failed.fieldErrors : null;
  if (!data.valid || (failed && !photoErrors)) return <ConsentLinkInvalid title={t("consent.title")} message={t("consent.invalid")} />;
  return (
    <>
      <Heading1>{t("consent.title")}</Heading1>
      <Paragraph lead>{t("consent.intro", { award: data.award })}</Paragraph>
      {data.nominators.length ? <Paragraph>{t("consent.by", { names: data.nominators.join(", ") })}</Paragraph> : null}
      {data.anonymousCount ? <Paragraph>{t("consent.anonymous")}</Paragraph> : null}
      <Paragraph>{t("consent.explain")}</Paragraph>
      {photoErrors ? <FormError failure={{ formError: "photos.errors.notStored" }} /> : null}
      <ConsentDecisionForm token={params.get("token") ?? ""}>
        <ConsentPhotoFields
          kind={data.kind}
          defaultAlt={failed?.values.alt ?? t(defaultAltKey(data.kind), { name: data.name })}
          consented={failed?.values.photoConsent === "true"}
          errors={photoErrors ?? {}}
        />
      </ConsentDecisionForm>
    </>
  );
}
