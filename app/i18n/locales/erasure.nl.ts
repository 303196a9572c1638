// Dutch source texts (erasure); erasure.en.ts mirrors it (the type checker enforces that).
export const erasureNl = {
  notice: {
    erased: "De gegevens van deze persoon zijn gewist.",
    personErased: "De persoon is overal gewist.",
    retentionSaved: "De bewaartermijn is opgeslagen.",
  },
  link: "Persoon wissen (AVG)",
  title: "Persoon wissen",
  preheading: "{{edition}} — moderatie",
  erasedName: "Gewiste persoon",
  intro:
    "Vraagt een genomineerde om verwijdering van zijn of haar gegevens (AVG, recht op vergetelheid), dan wist u hier alles wat Lauwer over deze persoon bewaart. Dit kan niet ongedaan worden gemaakt.",
  goesHeading: "Wat verdwijnt",
  goes: {
    person: "Naam (wordt ‘Verwijderde kandidaat’), organisatie, e-mailadres, leeftijd, pitch en verhaal",
    nominations: "De motivaties, videolinks en relaties van de nominaties voor deze persoon",
    references: "Referenties: namen, e-mailadressen en verklaringen",
    elsewhere:
      "Elke vermelding van de naam of het e-mailadres in e-mails, concepten, juryopmerkingen, het auditlog en gepubliceerde uitslagen",
  },
  staysHeading: "Wat blijft",
  stays:
    "De stemmen, telling, doorstroming en juryscores blijven gelijk (per kandidaat-id). Een gepubliceerde uitslag die de persoon noemt, krijgt een nieuwe SHA-256-hash.",
  counts:
    "Gevonden: {{nominees}} dossier(s) van deze persoon (met samengevoegde dubbelen), {{nominations}} nominatie(s) en {{references}} referentie(s).",
  everywhere:
    "Op het hele platform (alle prijzen en het boek) gevonden en mee gewist: {{nominees}} dossier(s) als genomineerde, {{references}} keer als referent bij een ander, {{invitations}} uitnodiging(en) en {{texts}} tekst(en) die de persoon noemen.",
  already: "Deze persoon is al gewist. Opnieuw wissen kan geen kwaad en ruimt op wat er eventueel nog bij is gekomen.",
  reason: "Grondslag van het verzoek",
  reasonChoose: "Kies een grondslag",
  reasons: {
    own_request: "Verzoek van de persoon zelf",
    representative: "Verzoek van een vertegenwoordiger",
    authority: "Verzoek of uitspraak van een toezichthouder of rechter",
    other: "Andere grond",
  },
  reasonHint: "Alleen de categorie wordt vastgelegd in het auditlog, nooit de gewiste gegevens.",
  confirm: "Ik begrijp dat wissen niet ongedaan kan worden gemaakt",
  submit: "Definitief wissen",
  back: "Terug naar de nominatie",
  retentionTitle: "Bewaartermijn persoonsgegevens",
  retentionSave: "Bewaartermijn opslaan",
  retentionOpen: "De editie is nog niet afgelopen: er staat een nominatieperiode of ronde open (of zonder sluitingstijd).",
  retentionDue: "De editie is afgelopen op {{closed}}; de persoonsgegevens worden geanonimiseerd vanaf {{due}}.",
  retentionKept: "De editie is afgelopen op {{closed}}; zonder bewaartermijn worden de persoonsgegevens niet automatisch geanonimiseerd.",
  retentionDone: "De persoonsgegevens van deze editie zijn geanonimiseerd op {{date}}.",
  retentionLabel: "Bewaartermijn persoonsgegevens (dagen na afloop van de editie)",
  retentionHint:
    "Na afloop (de laatste ronde of de nominatieperiode gesloten) plus dit aantal dagen worden persoonsgegevens van de editie geanonimiseerd. Leeg: niet automatisch.",
  errors: {
    reason: "Kies de grondslag van het verzoek.",
    confirm: "Vink aan dat u begrijpt dat wissen definitief is.",
    person: "Vul de naam of het e-mailadres van de persoon in.",
    nameLong: "Een naam is hoogstens 200 tekens.",
    notFound: "Deze genomineerde bestaat niet in deze editie.",
    retentionDays: "Vul een aantal dagen in van 0 tot en met 3650, of laat het veld leeg.",
  },
};
