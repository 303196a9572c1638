// Dutch source texts (accounts: sign-up, login throttling, password, unlock, the self-service account pages and
// their mails); account.en.ts mirrors it. Page texts: registered by app/i18n/page-texts/account.ts.
export const accountNl = {
  signup: {
    checkMail:
      "Kijk in je mailbox: we hebben een e-mail gestuurd naar het adres dat je opgaf. Bevestig daarmee je adres en log hieronder in met het wachtwoord dat je koos.",
  },
  login: {
    throttledSeconds_one:
      "Te veel mislukte pogingen. Wacht {{count}} seconde en probeer het dan opnieuw, of stel je wachtwoord opnieuw in.",
    throttledSeconds_other:
      "Te veel mislukte pogingen. Wacht {{count}} seconden en probeer het dan opnieuw, of stel je wachtwoord opnieuw in.",
    throttledMinutes_one:
      "Te veel mislukte pogingen. Wacht {{count}} minuut en probeer het dan opnieuw, of stel je wachtwoord opnieuw in. Wordt een account vanaf veel plaatsen geprobeerd, dan krijgt de eigenaar een e-mail met een link om het te ontgrendelen.",
    throttledMinutes_other:
      "Te veel mislukte pogingen. Wacht {{count}} minuten en probeer het dan opnieuw, of stel je wachtwoord opnieuw in. Wordt een account vanaf veel plaatsen geprobeerd, dan krijgt de eigenaar een e-mail met een link om het te ontgrendelen.",
  },
  password: {
    heading: "Wachtwoord wijzigen",
    intro: "Kies een nieuw wachtwoord. Daarna ben je op je andere apparaten uitgelogd en krijg je een bevestiging per e-mail.",
    current: "Huidig wachtwoord",
    confirm: "Herhaal het nieuwe wachtwoord",
    submit: "Wachtwoord wijzigen",
    changed: "Je wachtwoord is gewijzigd. Op je andere apparaten ben je uitgelogd.",
    noneYet:
      "Je logt in via je organisatie en hebt bij Lauwer geen wachtwoord. Wil je ook met een wachtwoord kunnen inloggen? Vraag dan een link aan om er een in te stellen; die komt naar je e-mailadres.",
    setOne: "Een wachtwoord instellen",
  },
  errors: {
    sessionGone: "Dat apparaat is al uitgelogd.",
    passwordBlank: "Een wachtwoord van alleen spaties kan niet. Kies een wachtwoord met letters, cijfers of tekens.",
    passwordMismatch: "De twee nieuwe wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee keer hetzelfde.",
    wrongCurrentPassword: "Dit is niet je huidige wachtwoord. Probeer het opnieuw.",
  },
  unlock: {
    title: "Account ontgrendelen",
    intro:
      "Er is vanaf veel plaatsen geprobeerd met verkeerde wachtwoorden in te loggen op je account. Klik op de knop om op dit apparaat weer te kunnen inloggen.",
    submit: "Account ontgrendelen",
    done: "Je account is ontgrendeld. Log in met je wachtwoord.",
    invalid: "Deze link is ongeldig, verlopen of al gebruikt. Je krijgt een nieuwe als je account weer vaak wordt geprobeerd.",
  },
  hub: {
    intro: "Hier beheer je je account en je gegevens.",
    tasksHeading: "Wat wil je doen?",
    profile: "Naam en organisatie wijzigen",
    email: "E-mailadres wijzigen",
    password: "Wachtwoord wijzigen",
    twoFactor: "Tweestapsverificatie en passkeys",
    sessions: "Ingelogde apparaten bekijken en uitloggen",
    identities: "Gekoppelde organisatie-accounts bekijken of ontkoppelen",
    notices: "Kiezen welke e-mails je krijgt",
    data: "Mijn gegevens downloaden",
    delete: "Mijn account verwijderen",
  },
  profile: {
    title: "Naam en organisatie",
    intro: "Je naam staat bij je voorstellen en reacties. Je organisatie helpt organisatoren om je te herkennen.",
    submit: "Opslaan",
    saved: "Je naam en organisatie zijn opgeslagen.",
  },
  email: {
    heading: "E-mailadres wijzigen",
    intro:
      "Je huidige adres is {{email}}. Na het opslaan sturen we een link naar het nieuwe adres. Pas als je op die link klikt, verandert je adres. Je oude adres krijgt daarna een bericht.",
    newEmail: "Nieuw e-mailadres",
    password: "Huidig wachtwoord",
    submit: "Bevestigingslink sturen",
    sent: "Kijk in de mailbox van je nieuwe adres en klik op de link. Tot dan blijft je oude adres in gebruik.",
    changed: "Je e-mailadres is gewijzigd.",
    confirmTitle: "Nieuw e-mailadres bevestigen",
    confirmIntro: "Klik op de knop om je nieuwe e-mailadres te bevestigen.",
    errors: {
      same: "Dit is al je e-mailadres. Vul een ander adres in.",
      invalidLink: "Deze link is ongeldig, verlopen of al gebruikt. Vraag op je accountpagina een nieuwe aan.",
      taken: "Bij dit e-mailadres hoort inmiddels een ander account. Je adres is niet gewijzigd.",
    },
  },
  sessions: {
    title: "Ingelogde apparaten",
    intro: "Op deze apparaten en browsers ben je ingelogd. Herken je er een niet? Log hem uit en wijzig je wachtwoord.",
    tableCaption: "Apparaten waarop je bent ingelogd",
    device: "Browser",
    method: "Ingelogd met",
    signedIn: "Ingelogd op",
    lastSeen: "Laatst gezien",
    action: "Actie",
    unknownBrowser: "Onbekende browser",
    browserOn: "{{browser}} op {{system}}",
    thisDevice: "dit apparaat",
    methodPassword: "wachtwoord",
    methodOidc: "organisatieaccount ({{provider}})",
    secondFactor: "met tweede stap",
    signOut: "Uitloggen",
    signOutLabel: "{{device}} uitloggen (ingelogd op {{date}})",
    signOutOthers: "Overal anders uitloggen",
    noOthers: "Je bent nergens anders ingelogd.",
    ended: "Dat apparaat is uitgelogd.",
    endedOthers: "Je bent overal anders uitgelogd.",
  },
  data: {
    title: "Mijn gegevens downloaden",
    intro:
      "Je krijgt een JSON-bestand met alles wat Lauwer over je bewaart (AVG artikel 15 en 20): je account, je nominaties, je stemmen met hun ontvangstcodes, je jurybeoordelingen, je voorstellen, steunbetuigingen, reacties, claims en teksten, je ingelogde apparaten, je e-mailkeuzes, de e-mails die we je stuurden (zonder de inhoud) en de regels in het auditlog over jou. Wachtwoord en geheime codes staan er niet in.",
    download: "Download mijn gegevens (JSON)",
  },
  delete: {
    title: "Mijn account verwijderen",
    intro: "Als je je account verwijdert, gebeurt het volgende. Dit kan niet ongedaan worden gemaakt.",
    ballots_one: "Je {{count}} stem blijft meetellen, maar is niet meer aan jou gekoppeld.",
    ballots_other: "Je {{count}} stemmen blijven meetellen, maar zijn niet meer aan jou gekoppeld.",
    nominations_one: "Je {{count}} nominatie blijft bestaan, zonder jouw naam.",
    nominations_other: "Je {{count}} nominaties blijven bestaan, zonder jouw naam.",
    proposals_one: "Bij je {{count}} voorstel staat voortaan ‘een verwijderd lid’.",
    proposals_other: "Bij je {{count}} voorstellen staat voortaan ‘een verwijderd lid’.",
    comments_one: "Bij je {{count}} reactie staat voortaan ‘een verwijderd lid’.",
    comments_other: "Bij je {{count}} reacties staat voortaan ‘een verwijderd lid’.",
    portraits: "Deze portretten die aan jou zijn toegewezen, gaan terug naar de redactie: {{names}}.",
    always:
      "Je rollen, je ingelogde apparaten, je steunbetuigingen en claims, je e-mailkeuzes en de e-mails aan jou worden gewist. Je krijgt nog één e-mail die de verwijdering bevestigt.",
    nominated:
      "Je bent zelf kandidaat (geweest) voor een prijs. Die gegevens horen bij de editie en blijven staan, tenzij je hieronder ook kiest voor wissen als kandidaat.",
    dataFirst: "Wil je eerst je gegevens bewaren?",
    juryScores_one:
      "Je {{count}} jurybeoordeling blijft meetellen in de uitslag, maar staat niet meer op je naam: de organisatoren zien voortaan ‘een verwijderd jurylid’.",
    juryScores_other:
      "Je {{count}} jurybeoordelingen blijven meetellen in de uitslag, maar staan niet meer op je naam: de organisatoren zien voortaan ‘een verwijderd jurylid’.",
    writtenPortraits:
      "Deze portretten waaraan je schrijft, gaan terug naar de redactie; je tekst blijft bij het boek, op naam van ‘een verwijderd lid’: {{names}}.",
    finishedPortraits: "Deze afgeronde portretten blijven in het boek, op naam van ‘een verwijderd lid’: {{names}}.",
    onlyAdmin: "Je kunt je account nu niet verwijderen: je bent de enige platformbeheerder. Geef eerst iemand anders die rol.",
    eraseEverywhere:
      "Wis ook alles wat anderen met mijn e-mailadres over mij invoerden: mijn nominaties als kandidaat in elke prijs, mij als referentie, uitnodigingen en mijn e-mailadres in teksten. Stemmen en uitslagen blijven kloppen, maar noemen mij niet meer.",
    confirmHeading: "Bevestigen",
    password: "Je wachtwoord",
    confirmEmail: "Typ je e-mailadres ({{email}})",
    submit: "Mijn account definitief verwijderen",
    done: "Je account is verwijderd. Je bent uitgelogd.",
    errors: {
      gone: "Dit account bestaat niet meer.",
      typeAddress: "Typ precies je e-mailadres om te bevestigen.",
      onlyAdmin: "Je bent de enige platformbeheerder. Geef eerst iemand anders die rol.",
    },
  },
  mail: {
    greeting: "Hallo,",
    emailChangeConfirm: {
      subject: "Bevestig je nieuwe e-mailadres voor Lauwer",
      body: "Je vroeg om dit adres te gebruiken voor je Lauwer-account. Bevestig het via deze link (24 uur geldig, werkt één keer):\n\n{{link}}\n\nHeb je hier niet om gevraagd? Dan kun je deze mail negeren; er verandert niets.",
    },
    emailChangeTaken: {
      subject: "Iemand wilde dit e-mailadres gebruiken voor een Lauwer-account",
      body: "Iemand probeerde het e-mailadres van een ander Lauwer-account te veranderen in dit adres. Bij dit adres hoort al een account, dus er is niets veranderd.\n\nWas jij dat en weet je je wachtwoord niet meer? Stel een nieuw in via {{link}}.",
    },
    emailChanged: {
      subject: "Het e-mailadres van je Lauwer-account is gewijzigd",
      body: "Het e-mailadres van je Lauwer-account is gewijzigd in {{newEmail}}. E-mails van Lauwer gaan voortaan naar dat adres.\n\nWas jij dat niet? Stel dan meteen een nieuw wachtwoord in via {{link}} en neem contact op met de beheerder van Lauwer.",
    },
    deleted: {
      subject: "Je Lauwer-account is verwijderd",
      body: "Je Lauwer-account is verwijderd, zoals je vroeg. Je stemmen en jurybeoordelingen tellen mee zonder je naam; je voorstellen, reacties en portretteksten staan er voortaan als van een verwijderd lid.\n\nWil je later weer meedoen? Maak dan een nieuw account via {{link}}.",
    },
    portraitsReleased: {
      subject: "Portretten terug bij de redactie: {{project}}",
      body: "De auteur van deze portretten van {{project}} heeft het account verwijderd: {{names}}.\n\nDe portretten staan weer zonder auteur op het verdeelbord. Wat er al geschreven was, blijft bewaard bij het portret (op naam van een verwijderd lid) en is het startpunt voor de auteur die het overneemt:\n\n{{link}}",
    },
    signupExisting: {
      subject: "Iemand probeerde een Lauwer-account te maken met je e-mailadres",
      body: "Iemand probeerde zojuist een account aan te maken bij Lauwer met dit e-mailadres. Je hebt hier al een account, dus er is niets veranderd.\n\nWas jij dat? Log dan in met je wachtwoord. Weet je het niet meer, stel dan een nieuw wachtwoord in via {{link}}.\n\nWas jij het niet? Dan kun je deze mail negeren.",
    },
    resetNoAccount: {
      subject: "Wachtwoord herstellen bij Lauwer",
      body: "Iemand vroeg een nieuw wachtwoord aan voor dit e-mailadres bij Lauwer, maar er hoort geen account bij dit adres.\n\nWil je een account? Maak het aan via {{link}}.\n\nHeb je hier niet om gevraagd? Dan kun je deze mail negeren.",
    },
    unlock: {
      subject: "Er werd vaak geprobeerd in te loggen op je Lauwer-account",
      body: "Er is vanaf veel plaatsen geprobeerd met verkeerde wachtwoorden in te loggen op je Lauwer-account. Daarom kan er voorlopig alleen worden ingelogd vanaf plaatsen waar je eerder inlogde.\n\nWil je ergens anders inloggen? Open deze link op dat apparaat en klik op de knop:\n\n{{link}}\n\nDe link is 24 uur geldig en werkt één keer. Twijfel je of je wachtwoord veilig is? Stel dan een nieuw wachtwoord in via Wachtwoord vergeten.",
    },
  },
};
