import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, SubmitButton, TextField, useAppForm } from "~/components/form";
import { SelectOption } from "~/components/nlds";
import { PRIZE_KINDS, PrizeSchema, type PrizeInput } from "../results.schema";

type Round = { position: number; name: string; kind: string };

/** A new prize of the edition, from a vote round, a jury round or both (results page, intent "prize"). */
export function PrizeForm({ rounds }: { rounds: Round[] }) {
  const { t } = useTranslation();
  const { register, handleSubmit, errorOf, failure, watch } = useAppForm<PrizeInput>(PrizeSchema, {
    kind: "jury",
    nameNl: "",
    nameEn: "",
    voteRound: "",
    juryRound: "",
    publicWeight: "50",
    juryWeight: "50",
    places: "3",
  });
  const kind = watch("kind");
  const text = (name: "nameNl" | "nameEn" | "publicWeight" | "juryWeight" | "places", label: string) => (
    <TextField name={`prize-${name}`} label={label} registration={register(name)} error={errorOf(name)} />
  );
  return (
    <Form method="post" action="?intent=prize" onSubmit={handleSubmit} noValidate className="lauwer-form">
      <fieldset>
        <legend>{t("results.admin.newPrize")}</legend>
        <FormError failure={failure} />
        <SelectField name="prize-kind" label={t("results.fields.kind")} registration={register("kind")} error={errorOf("kind")}>
          {PRIZE_KINDS.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`results.kind.${k}`)}
            </SelectOption>
          ))}
        </SelectField>
        {text("nameNl", t("procedure.fields.nameNl"))}
        {text("nameEn", t("procedure.fields.nameEn"))}
        <RoundSelect
          source="voteRound"
          rounds={rounds.filter((r) => r.kind === "public_vote" || r.kind === "live_vote")}
          registration={register("voteRound")}
          error={errorOf("voteRound")}
        />
        <RoundSelect
          source="juryRound"
          rounds={rounds.filter((r) => r.kind === "jury")}
          registration={register("juryRound")}
          error={errorOf("juryRound")}
        />
        {kind === "combined" ? (
          <>
            {text("publicWeight", t("results.fields.publicWeight"))}
            {text("juryWeight", t("results.fields.juryWeight"))}
          </>
        ) : null}
        {kind !== "top100" ? text("places", t("results.fields.places")) : null}
        <SubmitButton>{t("results.admin.addPrize")}</SubmitButton>
      </fieldset>
    </Form>
  );
}

/** The vote or jury round a prize counts; none is a choice. */
function RoundSelect({
  source,
  rounds,
  registration,
  error,
}: {
  source: "voteRound" | "juryRound";
  rounds: Round[];
  registration: ReturnType<ReturnType<typeof useAppForm<PrizeInput>>["register"]>;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField name={`prize-${source}`} label={t(`results.fields.${source}`)} registration={registration} error={error}>
      <SelectOption value="">{t("results.fields.none")}</SelectOption>
      {rounds.map((r) => (
        <SelectOption key={r.position} value={String(r.position)}>
          {r.position}. {r.name}
        </SelectOption>
      ))}
    </SelectField>
  );
}
