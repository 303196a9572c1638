// Dutch source texts (legal: privacy and accessibility statements, their settings, sharing); legal.en.ts mirrors it.
export const legalNl = {
  notice: { saved: "De gegevens van de verklaringen zijn opgeslagen." },
  notSet: "(nog niet ingesteld)",
  share: {
    candidate: "{{name}} is kandidaat voor {{edition}}. Lees waarom, op Lauwer.",
    resultsTitle: "Uitslag {{edition}}",
    results: "De uitslag van {{edition}} op Lauwer.",
    top100: "De Top 100 van {{edition}} op Lauwer.",
    portrait: "Een portret uit {{project}}, op Lauwer.",
    imageAlt: "Lauwer — prijzen en crowdsourcing van en voor de Nederlandse overheid",
  },
  settings: {
    title: "Beheer: organisatie en verklaringen",
    intro:
      "Deze gegevens staan in de privacyverklaring en de toegankelijkheidsverklaring. Vul ze in voor de organisatie die Lauwer aanbiedt; elke wijziging komt in het auditlog.",
    organisationHeading: "Organisatie en contact",
    dpoHeading: "Functionaris gegevensbescherming",
    a11yHeading: "Toegankelijkheid",
    organisation: "Naam van de organisatie",
    controller: "Verwerkingsverantwoordelijke",
    controllerHint: "De organisatie (of het bestuursorgaan) die bepaalt waarvoor en hoe persoonsgegevens worden verwerkt.",
    contactEmail: "E-mailadres voor vragen en verzoeken",
    postalAddress: "Postadres",
    optional: "(niet verplicht)",
    dpoName: "Naam van de functionaris gegevensbescherming (FG)",
    dpoEmail: "E-mailadres van de FG",
    statementDate: "Datum van de verklaringen",
    lastCheckDate: "Datum van de laatste toetsing op toegankelijkheid",
    dateHint: "Bijvoorbeeld 2026-12-03.",
    compliance: "Status ten opzichte van WCAG 2.1 niveau AA",
    limitationsNl: "Bekende beperkingen, met plan en datum (Nederlands)",
    limitationsEn: "Bekende beperkingen, met plan en datum (Engels)",
    limitationsHint:
      "Eén beperking per regel, bijvoorbeeld: ‘De grafieken van de uitslag hebben geen tekstalternatief per balk; uiterlijk 1 maart 2027 opgelost.’",
    save: "Opslaan",
    viewPrivacy: "Bekijk de privacyverklaring",
    viewA11y: "Bekijk de toegankelijkheidsverklaring",
  },
  compliance: {
    full: "Voldoet volledig",
    partial: "Voldoet gedeeltelijk",
    initial: "Eerste maatregelen genomen",
    none: "Voldoet niet",
  },
  errors: {
    required: "Vul dit veld in.",
    tooLong: "Deze tekst is te lang.",
    date: "Vul een bestaande datum in als jjjj-mm-dd, bijvoorbeeld 2026-12-03.",
    compliance: "Kies een van de vier statussen.",
  },
  privacy: {
    intro:
      "In deze verklaring lees je welke persoonsgegevens Lauwer verwerkt, waarom, op welke grondslag, hoe lang we ze bewaren, wie ze ontvangt en welke rechten je hebt (artikel 13 en 14 van de Algemene verordening gegevensbescherming, AVG).",
    controllerHeading: "Wie is verantwoordelijk",
    controller: "{{controller}} is de verwerkingsverantwoordelijke voor de persoonsgegevens in Lauwer, aangeboden door {{organisation}}.",
    contact: "Vragen en verzoeken over je gegevens: {{email}}.",
    address: "Postadres: {{address}}.",
    dpoHeading: "Functionaris gegevensbescherming",
    dpo: "De functionaris gegevensbescherming (FG) houdt intern toezicht op hoe wij met persoonsgegevens omgaan. Je kunt de FG rechtstreeks bereiken: {{name}}, {{email}}.",
    processingHeading: "Welke gegevens, waarvoor en op welke grondslag",
    data: "Gegevens",
    purpose: "Doel",
    basis: "Grondslag",
    retention: "Bewaartermijn",
    account: {
      heading: "Je account",
      data: "Naam, e-mailadres, organisatie (niet verplicht), taalvoorkeur, het wachtwoord als hash (argon2id) en je sessies.",
      purpose: "Inloggen en meedoen: nomineren, stemmen, jureren, portretten voordragen of schrijven.",
      basis: "Uitvoering van de overeenkomst die je aangaat als je een account maakt (art. 6 lid 1 sub b AVG).",
      retention:
        "Zolang je account bestaat; op verzoek verwijderen we het. Een sessie verloopt na {{idle}} minuten zonder activiteit en uiterlijk na {{hours}} uur; een bevestigingslink na 24 uur, een link om je wachtwoord te herstellen na 1 uur.",
    },
    nominations: {
      heading: "Nominaties",
      data: "Van de indiener: het account en de relatie tot de kandidaat. Van de genomineerde: naam, organisatie, e-mailadres, leeftijd (alleen bij prijzen met een leeftijdsgrens), motivatie, verhaal en referenties.",
      purpose:
        "Een prijs organiseren: kandidaten verzamelen, beoordelen en (alleen met hun instemming) publiceren. Een genomineerde krijgt bericht en kan instemmen of weigeren.",
      basis:
        "Gerechtvaardigd belang bij het organiseren van de prijs (art. 6 lid 1 sub f AVG); publicatie van een kandidaat alleen met diens toestemming (art. 6 lid 1 sub a AVG).",
      retention:
        "Tot de bewaartermijn van de editie verstreken is (zie hieronder); daarna worden niet-publieke genomineerden gewist en contactgegevens, leeftijden en referenties verwijderd. Publieke kandidaten blijven met naam, organisatie, pitch en motivaties staan.",
    },
    votes: {
      heading: "Stemmen",
      data: "Je keuze, een stembewijs (code die alleen jij ziet; in de gepubliceerde lijst staat alleen de hash ervan), het tijdstip, je account, je IP-adres en een willekeurige apparaatcode (cookie lauwer_device, alleen als hash opgeslagen).",
      purpose:
        "Stemmen tellen volgens het principe één persoon, één stem (één stembiljet per account per ronde), je laten controleren dat je stem meetelt, en fraude herkennen. Organisatoren zien nooit wie op wie stemde.",
      basis: "Gerechtvaardigd belang bij een betrouwbare en controleerbare stemming (art. 6 lid 1 sub f AVG).",
      retention:
        "Account, IP-adres en apparaatcode worden van het stembiljet losgemaakt als de bewaartermijn van de editie verstreken is. De keuzes zelf blijven anoniem in de gepubliceerde uitslag, zodat die controleerbaar blijft.",
    },
    jury: {
      heading: "Jury",
      data: "Naam en e-mailadres van juryleden, hun scores, opmerkingen en gemelde belangenconflicten.",
      purpose: "Kandidaten beoordelen en de juryronde controleerbaar vastleggen.",
      basis: "Uitvoering van de afspraak met het jurylid (art. 6 lid 1 sub b AVG).",
      retention:
        "Opmerkingen en de redenen van belangenconflicten worden gewist als de bewaartermijn van de editie verstreken is; de scores (getallen) blijven, omdat de uitslag erop steunt.",
    },
    portraits: {
      heading: "Portretten (boekproject)",
      data: "Voordrachten (wie er wordt voorgedragen, door welk account, met bronnen), de toewijzing aan auteurs, hun teksten en redactieopmerkingen.",
      purpose: "Een boek met portretten samenstellen en de gepubliceerde portretten online tonen.",
      basis:
        "Gerechtvaardigd belang bij het samenstellen en publiceren van het boek (art. 6 lid 1 sub f AVG); voor auteurs de afspraak over hun bijdrage (art. 6 lid 1 sub b AVG).",
      retention:
        "Gepubliceerde portretten blijven gepubliceerd, als deel van het boek. Een voordracht die niet wordt opgenomen, verwijderen we op verzoek.",
    },
    mail: {
      heading: "E-mail",
      data: "Je e-mailadres, de berichten die Lauwer je stuurt en je keuzes welke berichten je wilt ontvangen.",
      purpose: "Je informeren over je account, nominaties, stemmingen, jurywerk en uitslagen; elke bericht heeft een afmeldlink.",
      basis:
        "Uitvoering van de overeenkomst (art. 6 lid 1 sub b AVG) en, voor berichten aan genomineerden, gerechtvaardigd belang (art. 6 lid 1 sub f AVG).",
      retention:
        "Berichten aan genomineerden en referenten worden verwijderd als de bewaartermijn van de editie verstreken is; je keuzes bewaren we tot je ze wijzigt.",
    },
    audit: {
      heading: "Auditlog",
      data: "Wie wat deed en wanneer (met IP-adres), bij handelingen van organisatoren, juryleden, redacteuren en beheerders.",
      purpose: "Verantwoording afleggen over beslissingen en misbruik kunnen onderzoeken.",
      basis: "Gerechtvaardigd belang bij controleerbaarheid (art. 6 lid 1 sub f AVG).",
      retention:
        "Het log zelf blijft (het kan niet worden gewijzigd of verwijderd); namen en e-mailadressen van gewiste personen worden eruit verwijderd.",
    },
    periodsHeading: "Bewaartermijnen per editie",
    periodsIntro:
      "De organisatoren van een prijs stellen per editie in hoeveel dagen na afloop de persoonsgegevens worden gewist of geanonimiseerd. Nu ingesteld:",
    periodDays_one: "{{edition}}: {{count}} dag na afloop",
    periodDays_other: "{{edition}}: {{count}} dagen na afloop",
    periodKept: "{{edition}}: geen automatische termijn (gegevens worden op verzoek gewist)",
    periodDone: "{{edition}}: al geanonimiseerd",
    periodsNone: "Er zijn nog geen edities.",
    recipientsHeading: "Ontvangers en verwerkers",
    recipients:
      "Organisatoren van een prijs zien de nominaties van hun prijs; juryleden zien de dossiers van de kandidaten die ze beoordelen; de redactie van een boek ziet de voordrachten en teksten van dat boek. Bezoekers zien alleen publieke kandidaten, uitslagen en gepubliceerde portretten. We verkopen geen gegevens en delen ze niet voor reclame.",
    processors:
      "Verwerkers, met wie {{controller}} een verwerkersovereenkomst heeft: de hostingpartij die de servers en de database beheert, en de e-mailprovider die berichten aflevert.",
    processorsNoMail: "Op deze installatie is geen e-mailprovider ingesteld: berichten blijven op de eigen server.",
    transfers: "Persoonsgegevens worden niet doorgegeven naar landen buiten de Europese Economische Ruimte (EER).",
    securityHeading: "Beveiliging",
    security:
      "Wachtwoorden slaan we niet op, alleen een hash ervan (argon2id): daaruit is het wachtwoord niet terug te halen, ook niet door ons. Verbindingen zijn versleuteld (HTTPS), sessies verlopen, en elke handeling van organisatoren en beheerders komt in het auditlog.",
    cookies:
      "Cookies: een sessiecookie als je ingelogd bent, een cookie voor je taalkeuze, en bij stemmen de apparaatcode lauwer_device. Er zijn geen cookies voor statistiek of reclame.",
    rightsHeading: "Je rechten",
    rightsIntro: "Je hebt het recht om:",
    rights: {
      access: "je gegevens in te zien (art. 15 AVG);",
      rectification: "onjuiste gegevens te laten verbeteren (art. 16 AVG);",
      erasure: "je gegevens te laten wissen (art. 17 AVG);",
      restriction: "de verwerking te laten beperken (art. 18 AVG);",
      portability: "je gegevens in een gangbaar bestand te krijgen (art. 20 AVG);",
      objection: "bezwaar te maken tegen verwerking op grond van gerechtvaardigd belang (art. 21 AVG);",
      withdraw: "een gegeven toestemming in te trekken, zonder dat dit de verwerking daarvoor onrechtmatig maakt.",
    },
    rightsHow: "Stuur je verzoek naar {{email}}. We reageren binnen een maand.",
    complaintHeading: "Klacht",
    complaint:
      "Ben je het niet eens met hoe we met je gegevens omgaan? Neem eerst contact op met de FG. Je kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens:",
    complaintLink: "autoriteitpersoonsgegevens.nl",
    automatedHeading: "Geautomatiseerde besluiten",
    automated:
      "We nemen geen besluiten die alleen op geautomatiseerde verwerking berusten, en doen niet aan profilering. Stemmen worden automatisch geteld volgens de gepubliceerde procedure; signalen van mogelijke fraude beoordeelt een organisator.",
    dated: "Deze verklaring is vastgesteld op {{date}}.",
  },
  a11y: {
    intro:
      "{{organisation}} wil dat iedereen Lauwer kan gebruiken, ook mensen met een beperking. Overheidsorganisaties moeten hun websites toegankelijk maken volgens het Besluit digitale toegankelijkheid overheid: de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA (EN 301 549).",
    scopeHeading: "Voor welke website",
    scope: "Deze verklaring geldt voor {{site}} (Lauwer), aangeboden door {{organisation}}.",
    statusHeading: "Nalevingsstatus",
    status: "Deze website {{status}} aan WCAG 2.1 niveau AA.",
    statusWord: {
      full: "voldoet volledig",
      partial: "voldoet gedeeltelijk",
      initial: "heeft eerste maatregelen genomen om te voldoen",
      none: "voldoet (nog) niet",
    },
    checkHeading: "Onderzoek",
    checked: "De laatste toetsing was op {{date}}.",
    method:
      "Methode: automatische toetsing met axe-core (WCAG 2.1 A en AA en de WCAG 2.2-regel voor de grootte van klikdoelen) bij elke release, in een echte browser op 1280 en 390 pixels breed, en handmatige controle van toetsenbordbediening, focus, zoomen tot 400% en de werking zonder JavaScript.",
    limitationsHeading: "Bekende beperkingen",
    limitationsNone: "Er zijn op dit moment geen bekende beperkingen.",
    contactHeading: "Contact",
    contact:
      "Kun je iets niet gebruiken, of heb je een vraag of opmerking over de toegankelijkheid? Mail {{email}}. Je krijgt binnen vijf werkdagen antwoord, en binnen twee weken een oplossing of een plan met een datum.",
    complaintHeading: "Klachtroute",
    complaint:
      "Ben je niet tevreden over hoe je verzoek is behandeld? Dien dan een klacht in bij {{organisation}}. Krijg je daarna geen bevredigende oplossing, dan kun je je wenden tot de Nationale ombudsman:",
    complaintLink: "nationaleombudsman.nl",
    dated: "Deze verklaring is opgesteld op {{date}}.",
  },
};
