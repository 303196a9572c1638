import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { Button, Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { intent, handleIntents } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { refuse } from "~/lib/outcome";
import { actorFrom } from "~/modules/audit/audit.server";
import { UUID } from "~/modules/awards/edition.server";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import { EditForm, MergePicker, RejectForm } from "~/modules/awards/components/moderation-forms";
import { EditNomineeSchema, MergeSchema, RejectSchema } from "~/modules/awards/moderation.schema";
import {
  approveNominee,
  editNominee,
  listQueue,
  mergeNominees,
  mergeTargets,
  nomineeDetail,
  rejectNominee,
} from "~/modules/awards/moderation.server";
import { withBodyLimit } from "~/lib/upload.server";
import { PhotoManager } from "~/modules/photos/components/photo-fields";
import { defaultAltKey, MAX_PHOTO_BYTES, MAX_PHOTO_REQUEST_BYTES } from "~/modules/photos/photo";
import { PhotoSchema, RemovePhotoSchema } from "~/modules/photos/photo.schema";
import { photoState, removePhoto, setPhoto } from "~/modules/photos/photos.server";
import { photoUpload } from "~/modules/photos/upload.server";
import organizerCss from "~/styles/organizer.css";
import photosCss from "~/styles/photos.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: photosCss },
  { rel: "stylesheet", href: organizerCss },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  if (!UUID.test(params.nominee ?? "")) throw new Response("Not found", { status: 404 });
  const [nominee] = await listQueue(getDb(), edition.id, { nomineeId: params.nominee });
  if (!nominee) throw new Response("Not found", { status: 404 });
  // Merge targets: the picker's matches for the search text (or the names most like this one).
  const search = (new URL(request.url).searchParams.get("zoek") ?? "").slice(0, 100);
  const merge = await mergeTargets(getDb(), edition.id, nominee.id, search);
  const detail = await nomineeDetail(getDb(), edition.id, nominee.id);
  const photo = await photoState(getDb(), edition.id, nominee.id);
  return {
    photo: { kind: photo?.kind ?? "person", consentAt: photo?.consentAt?.toISOString() ?? null, current: photo?.photo ?? null },
    edition: { name: edition.name },
    nominee: {
      id: nominee.id,
      name: nominee.redacted_at ? null : nominee.name,
      organisation: nominee.organisation,
      status: nominee.status,
      consent: nominee.consent_status,
      rejectionReason: nominee.rejection_reason,
      category: context.locale === "en" ? nominee.category_en : nominee.category_nl,
    },
    nominations: detail.nominations,
    references: detail.references.map((r) => ({ ...r, submitted_at: r.submitted_at?.toISOString() ?? null })),
    merge: {
      search,
      total: merge.total,
      targets: merge.targets.map((n) => ({
        id: n.id,
        name: n.name,
        organisation: n.organisation,
        status: n.status,
        category: context.locale === "en" ? n.category_en : n.category_nl,
      })),
    },
  };
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const queue = `/beheer/prijzen/${edition.awardSlug}/${edition.year}/moderatie`;
  return { db: getDb(), edition, actor: actorFrom(context), queue, here: `${queue}/${params.nominee}` };
}

export const action = (args: ActionFunctionArgs) =>
  withBodyLimit(
    args,
    MAX_PHOTO_REQUEST_BYTES,
    { error: "photos.errors.tooLarge", field: "photo", params: { mb: MAX_PHOTO_BYTES / 1024 / 1024 } },
    (a) =>
      handleIntents(a, guard, {
        approve: intent({
          // The button posts the nominee's id only: a malformed one is a nominee that is not there.
          async run(g, { nomineeId = "" }) {
            if (!UUID.test(nomineeId)) return refuse(400, "moderation.errors.notFound");
            return approveNominee(g.db, g.actor, g.edition.id, nomineeId);
          },
          done: (g) => redirect(withNotice(g.here, "moderation.approved")),
        }),
        reject: intent({
          schema: RejectSchema,
          run: (g, input) => rejectNominee(g.db, g.actor, g.edition.id, input.nomineeId, input.reason),
          done: (g) => redirect(withNotice(g.here, "moderation.rejected")),
        }),
        edit: intent({
          schema: EditNomineeSchema,
          run: (g, input) =>
            editNominee(g.db, g.actor, g.edition.id, input.nomineeId, { name: input.name, organisation: input.organisation }),
          done: (g) => redirect(withNotice(g.here, "moderation.edited")),
        }),
        merge: intent({
          schema: MergeSchema,
          run: (g, input) => mergeNominees(g.db, g.actor, g.edition.id, input.survivorId, input.nomineeId),
          done: (g) => redirect(withNotice(g.queue, "moderation.merged")),
        }),
        // Upload or replace the photo (or only change its alt text), when the nominee consented to one.
        photo: intent({
          schema: PhotoSchema,
          async run(g, input, { form }) {
            const upload = await photoUpload(form, input.alt);
            return upload.ok ? setPhoto(g.db, g.actor, g.edition.id, input.nomineeId, upload.value) : upload;
          },
          done: (g) => redirect(withNotice(g.here, "photos.notice.saved")),
        }),
        photoRemove: intent({
          schema: RemovePhotoSchema,
          run: (g, input) => removePhoto(g.db, g.actor, g.edition.id, input.nomineeId),
          done: (g) => redirect(withNotice(g.here, "photos.notice.removed")),
        }),
      }),
  );

export default function ModerateNominee() {
  const { edition, nominee, nominations, references, merge, photo } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const editable = nominee.name !== null && nominee.status !== "merged";
  return (
    <>
      <Paragraph className="lauwer-preheading">{t("moderation.title", { edition: edition.name })}</Paragraph>
      <Heading1>{nominee.name ?? t("moderation.redacted")}</Heading1>
      <Paragraph>
        {[nominee.organisation, nominee.category].filter(Boolean).join(" · ")} — {t("moderation.status")}:{" "}
        {t(`moderation.statusValue.${nominee.status}`)}; {t("moderation.consent")}: {t(`moderation.consentValue.${nominee.consent}`)}
      </Paragraph>
      {nominee.rejectionReason ? <Paragraph>{nominee.rejectionReason}</Paragraph> : null}
      <FormError failure={failure && "formError" in failure ? failure : undefined} />

      <section aria-labelledby="nominations-heading">
        <Heading2 id="nominations-heading">{t("moderation.nominationsHeading")}</Heading2>
        {nominations.map((n) => (
          <blockquote key={n.id} className="utrecht-blockquote">
            <Paragraph>{n.motivation || "—"}</Paragraph>
            <Paragraph>
              — {t("moderation.by", { name: n.nominator ?? t("moderation.anonymousNominator") })}
              {n.relation ? ` (${n.relation})` : ""}
              {n.video_url ? (
                <>
                  {" "}
                  ·{" "}
                  <a href={n.video_url} className="utrecht-link" rel="noopener noreferrer">
                    {n.video_url}
                  </a>
                </>
              ) : null}
            </Paragraph>
          </blockquote>
        ))}
      </section>

      {references.length ? (
        <section aria-labelledby="references-heading">
          <Heading2 id="references-heading">{t("moderation.referencesHeading")}</Heading2>
          {references.map((r) => (
            <blockquote key={r.id} className="utrecht-blockquote">
              <Paragraph>{r.statement ?? t("moderation.noStatement")}</Paragraph>
              <Paragraph>
                — {r.name}
                {r.relation ? ` (${r.relation})` : ""}
              </Paragraph>
            </blockquote>
          ))}
        </section>
      ) : null}

      {editable ? (
        <>
          {nominee.status !== "approved" ? (
            <section aria-labelledby="approve-heading">
              <Heading2 id="approve-heading">{t("moderation.approve")}</Heading2>
              <Form method="post" action="?intent=approve">
                <input type="hidden" name="nomineeId" value={nominee.id} />
                <Button type="submit" appearance="primary-action-button">
                  {t("moderation.approve")}
                </Button>
              </Form>
            </section>
          ) : null}
          {nominee.status !== "rejected" ? (
            <section aria-labelledby="reject-heading">
              <Heading2 id="reject-heading">{t("moderation.reject")}</Heading2>
              <RejectForm nomineeId={nominee.id} />
            </section>
          ) : null}
          <section aria-labelledby="photo-heading">
            <Heading2 id="photo-heading">{t(photo.kind === "organisation" ? "photos.headingLogo" : "photos.heading")}</Heading2>
            <PhotoManager
              nomineeId={nominee.id}
              name={nominee.name ?? ""}
              kind={photo.kind}
              consentAt={photo.consentAt}
              photo={photo.current}
              defaultAlt={t(defaultAltKey(photo.kind), { name: nominee.name })}
              errors={failure && "fieldErrors" in failure ? failure.fieldErrors : {}}
            />
          </section>
          <section aria-labelledby="edit-heading">
            <Heading2 id="edit-heading">{t("moderation.edit")}</Heading2>
            <EditForm nomineeId={nominee.id} name={nominee.name ?? ""} organisation={nominee.organisation} />
          </section>
          <section aria-labelledby="merge-heading">
            <Heading2 id="merge-heading">{t("moderation.merge")}</Heading2>
            <MergePicker nomineeId={nominee.id} {...merge} />
          </section>
        </>
      ) : null}
      <Paragraph>
        <AppLink to="wissen">{t("erasure.link")}</AppLink>
      </Paragraph>
      <Paragraph>
        <AppLink to=".." relative="path">
          {t("moderation.back")}
        </AppLink>
      </Paragraph>
    </>
  );
}
