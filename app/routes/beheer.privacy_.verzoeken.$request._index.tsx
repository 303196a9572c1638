import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin, requireRole } from "~/auth/guards.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ButtonLink } from "~/components/button-link";
import { FormError, SubmitButton, useAppForm } from "~/components/form";
import { Heading1, Heading2, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { ErasureGrounds } from "~/modules/privacy/components/erasure-grounds";
import { PersonPlacesList } from "~/modules/privacy/components/person-places";
import { CloseForm, ObjectForm, RequestFacts, requestView, type RequestView } from "~/modules/privacy/components/requests";
import { findPerson } from "~/modules/privacy/person.server";
import { RequestCloseSchema, RequestEraseSchema, RequestObjectSchema } from "~/modules/privacy/requests.schema";
import { closeRequest, eraseForRequest, getRequest, objectForRequest, requestPerson } from "~/modules/privacy/requests.server";
import organizerCss from "~/styles/organizer.css";

export const meta = titleMeta("privacyRequests.request.preheading");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizerCss }];

/** One privacy request, handled in steps: find the person, give access, erase or stop processing, close with the answer. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const r = await getRequest(getDb(), params.request ?? "");
  if (!r) throw new Response("Not Found", { status: 404 });
  const places = r.status === "open" ? await findPerson(getDb(), requestPerson(r)) : null;
  return { request: requestView(r), places };
}

export const action = (args: ActionFunctionArgs) => {
  const id = args.params.request ?? "";
  const here = `/beheer/privacy/verzoeken/${id}`;
  return handleIntents(args, requireAdmin, {
    erase: intent({
      schema: RequestEraseSchema,
      run: (g, input) => eraseForRequest(g.db, g.actor, id, input.reason),
      done: () => redirectWithNotice(here, "privacyRequests.notice.erased"),
    }),
    object: intent({
      schema: RequestObjectSchema,
      run: (g) => objectForRequest(g.db, g.actor, id),
      done: () => redirectWithNotice(here, "privacyRequests.notice.objected"),
    }),
    close: intent({
      schema: RequestCloseSchema,
      run: (g, input) => closeRequest(g.db, g.actor, id, input.outcome),
      done: () => redirectWithNotice("/beheer/privacy/verzoeken", "privacyRequests.notice.closed"),
    }),
  });
};

export default function PrivacyRequestPage() {
  const { request: r, places } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/mijn-lauwer", label: t("nav.myLauwer") },
          { to: "/beheer/privacy/verzoeken", label: t("privacyRequests.title") },
          { label: t(`privacyRequests.kinds.${r.kind}`) },
        ]}
      />
      <p className="lauwer-preheading">{t("privacyRequests.request.preheading")}</p>
      <Heading1>{t(`privacyRequests.kinds.${r.kind}`)}</Heading1>
      <RequestFacts r={r} />
      {r.status === "closed" ? (
        <Paragraph>
          {t("privacyRequests.request.closedIntro", {
            date: r.closedAt ? date(r.closedAt) : "",
            outcome: r.outcome ? t(`privacyRequests.outcomes.${r.outcome}`).toLowerCase() : "",
          })}
        </Paragraph>
      ) : (
        <>
          <section aria-labelledby="find-heading">
            <Heading2 id="find-heading">{t("privacyRequests.request.findHeading")}</Heading2>
            <Paragraph>{t("privacyRequests.request.findIntro")}</Paragraph>
            {places ? <PersonPlacesList places={places} /> : null}
          </section>
          <section aria-labelledby="export-heading">
            <Heading2 id="export-heading">{t("privacyRequests.request.exportHeading")}</Heading2>
            <Paragraph>{t("privacyRequests.request.exportIntro")}</Paragraph>
            <div className="lauwer-actions">
              <ButtonLink to={`/beheer/privacy/verzoeken/${r.id}/inzage`} appearance={r.kind === "access" ? "primary" : "secondary"}>
                {t("privacyRequests.request.readable")}
              </ButtonLink>
              <ButtonLink to={`/beheer/privacy/verzoeken/${r.id}/gegevens`} reloadDocument appearance="secondary">
                {t("privacyRequests.request.download")}
              </ButtonLink>
            </div>
          </section>
          {r.kind === "erasure" ? <EraseStep r={r} /> : null}
          {r.kind === "objection" ? (
            <section aria-labelledby="object-heading">
              <Heading2 id="object-heading">{t("privacyRequests.request.objectHeading")}</Heading2>
              {r.objectedAt ? (
                <Paragraph>{t("privacyRequests.request.objectedOn", { date: date(r.objectedAt) })}</Paragraph>
              ) : (
                <>
                  <Paragraph>{t("privacyRequests.request.objectIntro")}</Paragraph>
                  <ObjectForm />
                </>
              )}
            </section>
          ) : null}
          <section aria-labelledby="close-heading">
            <Heading2 id="close-heading">
              {t("privacyRequests.request.closeHeading", { step: r.kind === "erasure" || r.kind === "objection" ? 4 : 3 })}
            </Heading2>
            {/* A new form once something was done: its outcome follows from it. */}
            <CloseForm key={`${r.erasedAt}-${r.objectedAt}`} r={r} />
          </section>
        </>
      )}
    </>
  );
}

function EraseStep({ r }: { r: RequestView }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const { register, handleSubmit, errorOf, errors, failure, busy } = useAppForm<{ formId?: string; reason: string; confirm: string }>(
    RequestEraseSchema,
    { formId: "erase", reason: "own_request" },
    "erase",
  );
  return (
    <section aria-labelledby="erase-heading">
      <Heading2 id="erase-heading">{t("privacyRequests.request.eraseHeading")}</Heading2>
      {r.erasedAt ? (
        <Paragraph>{t("privacyRequests.request.erasedOn", { date: date(r.erasedAt) })}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("privacyRequests.request.eraseIntro")}</Paragraph>
          <FormError failure={failure} errors={errors} />
          <Form method="post" action="?intent=erase" onSubmit={handleSubmit} noValidate className="lauwer-form">
            <input type="hidden" {...register("formId")} />
            <ErasureGrounds
              reason={{ registration: register("reason"), error: errorOf("reason") }}
              confirm={{ registration: register("confirm"), error: errorOf("confirm") }}
            />
            <SubmitButton busy={busy}>{t("privacyRequests.request.erase")}</SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
