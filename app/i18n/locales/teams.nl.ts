// Dutch source texts (teams: invitations to a role by e-mail, the award and book teams); teams.en.ts mirrors it.
export const teamsNl = {
  notice: {
    invited: "Uitnodiging verstuurd.",
    invitationRevoked: "Uitnodiging ingetrokken.",
    memberRemoved: "Rol ingetrokken.",
    juryInviteRevoked: "Jury-uitnodiging ingetrokken.",
    accepted: "Welkom in het team: je rol is actief.",
    adminInvited:
      "Dit adres heeft nog geen account: er is een uitnodiging verstuurd. De rol gaat in zodra het adres een bevestigd account heeft.",
  },
  roles: {
    organizer: "mede-organisator",
    editor: "redacteur",
    admin: "platformbeheerder",
  },
  award: {
    title: "Team van {{award}}",
    intro:
      "Hier beheer je wie deze prijs mee organiseert en wie in de jury's zit. Nodig iemand uit met een e-mailadres, ook als die persoon nog geen account heeft: de rol gaat in zodra dat adres een bevestigd account heeft. Elke wijziging komt in het auditlog.",
    organizersHeading: "Organisatoren",
    inviteHeading: "Mede-organisator uitnodigen",
    juryHeading: "Jury per editie",
    juryIntro:
      "Juryleden nodig je uit per editie, eventueel voor een deel van de categorieën. Ook iemand zonder account: zodra dat adres een bevestigd account heeft, zit die persoon in de jury.",
    juryEdition: "Editie {{year}}",
    juryMembers: "{{count}} juryleden",
    juryMembers_one: "{{count}} jurylid",
    juryMembers_other: "{{count}} juryleden",
    juryInvite: "Juryleden uitnodigen voor {{year}}",
    juryOpenInvites: "Openstaande jury-uitnodigingen {{year}}",
    back: "Naar je prijzen",
    noEditions: "Deze prijs heeft nog geen edities.",
  },
  book: {
    title: "Redactie van {{project}}",
    intro:
      "Hier beheer je wie dit boek mee redigeert. Nodig iemand uit met een e-mailadres, ook als die persoon nog geen account heeft: de rol gaat in zodra dat adres een bevestigd account heeft. Elke wijziging komt in het auditlog.",
    membersHeading: "Redacteuren",
    inviteHeading: "Redacteur uitnodigen",
  },
  menu: { team: "Team en jury", bookTeam: "Redactieteam" },
  members: {
    name: "Naam",
    email: "E-mailadres",
    since: "Sinds",
    actions: "Acties",
    you: "(jij)",
    remove: "Rol intrekken",
    removeLabel: "Rol van {{name}} intrekken",
    none: "Nog niemand.",
  },
  invitations: {
    heading: "Openstaande uitnodigingen",
    none: "Er staan geen uitnodigingen open.",
    email: "E-mailadres",
    role: "Rol",
    scope: "Waarvoor",
    invitedBy: "Uitgenodigd door",
    expires: "Geldig tot",
    revoke: "Intrekken",
    revokeLabel: "Uitnodiging voor {{email}} intrekken",
    emailHint: "De uitnodiging is 30 dagen geldig. Alleen een bevestigd account met precies dit adres krijgt de rol.",
    submit: "Uitnodiging versturen",
  },
  admin: {
    inviteNote:
      "Heeft het adres nog geen account, dan krijgt het een uitnodiging per e-mail; de rol gaat in zodra het adres een bevestigd account heeft.",
    invitationsHeading: "Openstaande uitnodigingen per e-mail",
  },
  invitation: {
    title: "Uitnodiging voor een rol",
    intro: "{{inviter}} nodigt {{email}} uit als {{role}} van {{scope}}.",
    introNoInviter: "{{email}} is uitgenodigd als {{role}} van {{scope}}.",
    expires: "De uitnodiging is geldig tot {{date}}.",
    newAccount: "Nog geen account? Maak er een aan met {{email}}. Zodra je het adres bevestigt, heb je de rol.",
    signup: "Account aanmaken",
    haveAccount: "Heb je al een account met dit adres? Log dan in; de rol gaat dan in.",
    login: "Inloggen",
    accept: "Rol aanvaarden",
    acceptIntro: "Je bent ingelogd met {{email}}. Aanvaard de rol om te beginnen.",
    otherAccount:
      "Je bent ingelogd met {{current}}, maar de uitnodiging is voor {{email}}. Log uit en log in (of maak een account) met {{email}}.",
    unverified: "Bevestig eerst je e-mailadres met de link uit de bevestigingsmail; daarna gaat de rol vanzelf in.",
    alreadyYours: "Deze uitnodiging heb je al aanvaard: je bent {{role}} van {{scope}}.",
    invalid: "Deze uitnodiging is niet (meer) geldig: ze is al gebruikt, ingetrokken of verlopen. Vraag wie je uitnodigde om een nieuwe.",
  },
  juryInvite: {
    visitorIntro: "{{email}} is uitgenodigd voor de jury van {{award}}.",
    newAccount: "Nog geen account? Maak er een aan met {{email}}. Zodra je dat adres bevestigt, zit je in de jury.",
    haveAccount:
      "Heb je al een account? Log in: met dit adres zit je dan meteen in de jury, met een ander adres neem je de uitnodiging hier aan.",
    alreadyYours: "Je zit in de jury van {{award}}: deze uitnodiging is van jou.",
    toJury: "Naar je jurywerk",
  },
  errors: {
    emailRequired: "Vul het e-mailadres in van wie je wilt uitnodigen.",
    alreadyInvited: "Dit adres heeft al een openstaande uitnodiging voor deze rol.",
    alreadyMember: "Dit adres heeft deze rol al.",
    invitationNotFound: "Deze uitnodiging bestaat niet (meer) of staat niet meer open.",
    memberNotFound: "Deze rol bestaat niet (meer).",
    lastMember: "Dit is de laatste in het team met deze rol. Nodig eerst iemand anders uit.",
    nothingToClaim: "Er staat voor jouw bevestigde e-mailadres geen geldige uitnodiging open.",
  },
  mail: {
    invite: {
      subject: "Uitnodiging: {{role}} van {{scope}}",
      body: "{{inviter}} nodigt je uit als {{role}} van {{scope}} op Lauwer.\n\nBekijk de uitnodiging en maak een account aan of log in met dit e-mailadres:\n{{link}}\n\nDe uitnodiging is {{days}} dagen geldig. Ken je dit niet, dan kun je deze mail negeren: zonder account met dit adres gebeurt er niets.",
    },
  },
};
