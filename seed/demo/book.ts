import { sql, type Transaction } from "kysely";
import type { DB, ManuscriptStatus, ProposalStatus } from "../../db/types";
import { countWords } from "../../app/modules/book/words";
import { prng } from "./awards";

// The portrait book in full swing: ~150 proposals of (fictional) civil servants 1814–2014 over twelve
// themes, 97 of them selected, endorsements and comments, 34 volunteer authors with ranked claims, and
// 77 portraits in every manuscript status — 20 selected portraits still wait for an author, with claims,
// so the assignment assistant has work. Everything is deterministic; rows are inserted in batches, and
// manuscripts move through the status flow the database allows (versions first, then the status).

const DAY = 86_400_000;

export const BOOK_THEMES: Array<[slug: string, nl: string, en: string, topic: string]> = [
  ["waterstaat", "Waterstaat", "Water management", "het waterbeheer"],
  ["financien", "Financiën", "Finance", "de overheidsfinanciën"],
  ["justitie", "Justitie", "Justice", "de rechtspleging"],
  ["onderwijs", "Onderwijs", "Education", "het onderwijs"],
  ["buitenlandse-zaken", "Buitenlandse Zaken", "Foreign affairs", "de buitenlandse betrekkingen"],
  ["lokaal-bestuur", "Lokaal bestuur", "Local government", "het lokaal bestuur"],
  ["volksgezondheid", "Volksgezondheid", "Public health", "de volksgezondheid"],
  ["defensie", "Defensie", "Defence", "de defensie-organisatie"],
  ["statistiek", "Statistiek", "Statistics", "de statistiek"],
  ["sociale-zaken", "Sociale zaken", "Social affairs", "de sociale zekerheid"],
  ["infrastructuur", "Infrastructuur", "Infrastructure", "de infrastructuur"],
  ["cultuur", "Cultuur", "Culture", "het cultureel erfgoed"],
];

const DESCRIPTION_NL = `Ambtenaren! 200 jaar werken aan Nederland in 100 portretten vertelt de geschiedenis van het land door de ogen van de mensen die het bestuurden zonder gekozen te zijn: ingenieurs, inspecteurs, secretarissen, statistici en diplomaten die tussen 1814 en 2014 het verschil maakten.

De gemeenschap stelt kandidaten voor en steunt elkaars voorstellen, de redactie kiest er honderd die samen de hele periode en alle beleidsterreinen beslaan, en vrijwillige auteurs schrijven ieder een portret van 600 tot 900 woorden.`;

const DESCRIPTION_EN = `Civil servants! 200 years of working for the Netherlands in 100 portraits tells the country's history through the eyes of the people who governed it without being elected: engineers, inspectors, secretaries, statisticians and diplomats who made a difference between 1814 and 2014.

The community proposes candidates and endorses each other's proposals, the editors select one hundred that together cover the whole period and every policy area, and volunteer authors each write a portrait of 600 to 900 words.`;

/** Posts per theme: the years the organisation existed in this form, the organisation and the role. */
const POSTS: Record<string, Array<[from: number, to: number, organisation: string, role: string]>> = {
  waterstaat: [
    [1814, 2014, "Rijkswaterstaat", "hoofdingenieur"],
    [1814, 1900, "Rijkswaterstaat", "inspecteur-generaal van de Waterstaat"],
    [1814, 2014, "Hoogheemraadschap van Rijnland", "secretaris-penningmeester"],
    [1877, 2014, "Rijkswaterstaat, directie Benedenrivieren", "hoofdingenieur-directeur"],
    [1919, 1989, "Dienst der Zuiderzeewerken", "hoofdingenieur-directeur"],
    [1956, 1997, "Deltadienst (Rijkswaterstaat)", "hoofdingenieur"],
  ],
  financien: [
    [1814, 2014, "Ministerie van Financiën", "thesaurier-generaal"],
    [1814, 2014, "Ministerie van Financiën", "secretaris-generaal"],
    [1814, 2014, "Algemene Rekenkamer", "secretaris"],
    [1814, 1940, "Rijksbelastingen", "inspecteur der invoerrechten en accijnzen"],
    [1940, 2014, "Belastingdienst", "inspecteur der directe belastingen"],
    [1960, 2014, "Ministerie van Financiën", "directeur-generaal van de Rijksbegroting"],
  ],
  justitie: [
    [1814, 2014, "Ministerie van Justitie", "secretaris-generaal"],
    [1814, 1886, "Ministerie van Justitie", "inspecteur der gevangenissen"],
    [1886, 2014, "Ministerie van Justitie", "directeur van het gevangeniswezen"],
    [1838, 2014, "Hoge Raad der Nederlanden", "griffier"],
    [1905, 2014, "Ministerie van Justitie", "inspecteur van de kinderbescherming"],
    [1945, 2014, "Ministerie van Justitie", "hoofd van de afdeling Wetgeving"],
  ],
  onderwijs: [
    [1814, 1918, "Ministerie van Binnenlandse Zaken, afdeling Onderwijs", "referendaris"],
    [1814, 1920, "Inspectie van het Lager Onderwijs", "schoolopziener"],
    [1858, 2014, "Inspectie van het Onderwijs", "inspecteur van het lager onderwijs"],
    [1876, 1970, "Rijksuniversiteit Leiden", "secretaris van curatoren"],
    [1918, 1965, "Ministerie van Onderwijs, Kunsten en Wetenschappen", "secretaris-generaal"],
    [1965, 1994, "Ministerie van Onderwijs en Wetenschappen", "directeur-generaal Hoger Onderwijs"],
    [1994, 2014, "Ministerie van Onderwijs, Cultuur en Wetenschap", "directeur-generaal Primair en Voortgezet Onderwijs"],
  ],
  "buitenlandse-zaken": [
    [1814, 2014, "Ministerie van Buitenlandse Zaken", "secretaris-generaal"],
    [1814, 2014, "Ministerie van Buitenlandse Zaken", "chef van het protocol"],
    [1814, 1940, "Gezantschap te Berlijn", "gezant"],
    [1850, 1940, "Consulaat-generaal te Shanghai", "consul-generaal"],
    [1945, 2014, "Permanente Vertegenwoordiging bij de Verenigde Naties", "ambassadeur"],
    [1958, 2014, "Permanente Vertegenwoordiging bij de Europese Gemeenschappen", "plaatsvervangend permanent vertegenwoordiger"],
  ],
  "lokaal-bestuur": [
    [1814, 2014, "Gemeente Leiden", "gemeentesecretaris"],
    [1814, 2014, "Gemeente Groningen", "gemeentesecretaris"],
    [1814, 2014, "Provincie Friesland", "griffier der Staten"],
    [1814, 1950, "Gemeente Rotterdam", "gemeentearchitect"],
    [1851, 2014, "Gemeente Zwolle", "gemeentesecretaris"],
    [1891, 1991, "Gemeente Amsterdam, dienst Publieke Werken", "directeur"],
    [1912, 2014, "Vereniging van Nederlandse Gemeenten", "directeur"],
  ],
  volksgezondheid: [
    [1814, 1865, "Provinciale Geneeskundige Commissie van Zeeland", "secretaris"],
    [1814, 1920, "Gemeente Rotterdam", "stadsgeneesheer"],
    [1865, 1950, "Geneeskundig Staatstoezicht", "inspecteur"],
    [1901, 2014, "Gemeentelijke Geneeskundige en Gezondheidsdienst Amsterdam", "directeur"],
    [1909, 2014, "Rijksinstituut voor de Volksgezondheid", "directeur"],
    [1950, 2014, "Staatstoezicht op de Volksgezondheid", "hoofdinspecteur voor de volksgezondheid"],
  ],
  defensie: [
    [1814, 1928, "Ministerie van Oorlog", "secretaris-generaal"],
    [1814, 1915, "Rijkswerf Amsterdam", "directeur der scheepsbouw"],
    [1815, 2014, "Topografische Dienst", "directeur"],
    [1828, 2014, "Koninklijke Militaire Academie", "administrateur"],
    [1928, 2014, "Ministerie van Defensie", "secretaris-generaal"],
    [1945, 2014, "Ministerie van Defensie", "directeur Materieel"],
  ],
  statistiek: [
    [1814, 1899, "Ministerie van Binnenlandse Zaken, bureau Statistiek", "hoofdcommies"],
    [1854, 2014, "Koninklijk Nederlands Meteorologisch Instituut", "hoofddirecteur"],
    [1892, 1939, "Centrale Commissie voor de Statistiek", "secretaris"],
    [1899, 2014, "Centraal Bureau voor de Statistiek", "directeur-generaal"],
    [1899, 2014, "Centraal Bureau voor de Statistiek", "hoofd van de afdeling Bevolking"],
    [1945, 2014, "Centraal Planbureau", "onderdirecteur"],
  ],
  "sociale-zaken": [
    [1814, 1912, "Burgerlijk Armbestuur Amsterdam", "secretaris"],
    [1814, 1918, "Ministerie van Binnenlandse Zaken, afdeling Armwezen", "referendaris"],
    [1890, 2014, "Arbeidsinspectie", "hoofdinspecteur-directeur"],
    [1901, 1956, "Rijksverzekeringsbank", "directeur"],
    [1933, 2014, "Ministerie van Sociale Zaken", "directeur-generaal van de Arbeid"],
    [1952, 1995, "Sociale Verzekeringsraad", "secretaris"],
  ],
  infrastructuur: [
    [1814, 1877, "Ministerie van Binnenlandse Zaken, afdeling Waterstaat en Publieke Werken", "referendaris"],
    [1832, 2014, "Kadaster", "hoofdingenieur-directeur"],
    [1852, 1928, "Rijkstelegraaf", "inspecteur"],
    [1890, 1940, "Raad van Toezicht op de Spoorwegdiensten", "secretaris"],
    [1927, 2014, "Rijkswaterstaat", "hoofdingenieur van de Rijkswegen"],
    [1928, 1989, "Staatsbedrijf der PTT", "directeur-generaal"],
    [1930, 2000, "Rijksluchtvaartdienst", "directeur"],
  ],
  cultuur: [
    [1814, 2014, "Algemeen Rijksarchief", "rijksarchivaris"],
    [1814, 2014, "Koninklijke Bibliotheek", "bibliothecaris"],
    [1814, 2014, "Rijksmuseum", "directeur"],
    [1814, 1918, "Ministerie van Binnenlandse Zaken, afdeling Kunsten en Wetenschappen", "referendaris"],
    [1918, 2014, "Rijksdienst voor de Monumentenzorg", "directeur"],
    [1965, 1982, "Ministerie van Cultuur, Recreatie en Maatschappelijk Werk", "directeur Kunsten"],
  ],
};

/** What a civil servant of each theme achieved, as a subordinate clause ("… waar hij <deed>"), with the years it fits. */
const DEEDS: Record<string, Array<[deed: string, from: number, to: number]>> = {
  waterstaat: [
    ["de eerste betrouwbare peilschalen langs de grote rivieren liet plaatsen", 1814, 1900],
    ["na een verwoestende overstroming een nieuw stelsel van dijkinspecties opzette", 1814, 2014],
    ["de ingewikkelde waterhuishouding van tientallen polders in één plan samenbracht", 1814, 2014],
    ["ervoor zorgde dat dijkwachters overal in het land volgens dezelfde instructie werkten", 1814, 1960],
    ["de veiligheidsnormen voor dijken na de watersnood herberekende", 1953, 2014],
  ],
  financien: [
    ["een begroting invoerde die voor het eerst voor ieder Kamerlid te lezen was", 1814, 2014],
    ["de staatsschuld stap voor stap terugdrong zonder de uitvoering stil te leggen", 1814, 2014],
    ["een eerlijker stelsel van aanslagen ontwierp dat kleine belastingbetalers ontzag", 1814, 2014],
    ["de rijksboekhouding moderniseerde zodat tekorten niet langer jaren verborgen bleven", 1814, 2014],
  ],
  justitie: [
    ["het gevangeniswezen hervormde met aandacht voor scholing en werk", 1814, 2014],
    ["de invoering van de eerste kinderrechters voorbereidde", 1900, 1930],
    ["wetsontwerpen schreef die tientallen jaren meegingen", 1814, 2014],
    ["een register opzette waarmee rechtbanken elkaars uitspraken konden terugvinden", 1814, 2014],
  ],
  onderwijs: [
    ["scholen op het platteland liet inspecteren en verbeteren", 1814, 2014],
    ["de leerplicht in de praktijk handen en voeten gaf", 1895, 1930],
    ["een opleiding voor onderwijzeressen van de grond kreeg", 1814, 1940],
    ["schoolboeken liet toetsen op juistheid en leesbaarheid", 1814, 2014],
    ["de groei van het hoger onderwijs in goede banen leidde", 1950, 2014],
  ],
  "buitenlandse-zaken": [
    ["handelsverdragen voorbereidde die Nederlandse havens nieuwe markten gaven", 1814, 2014],
    ["in een crisis honderden landgenoten in het buitenland veilig liet terugkeren", 1814, 2014],
    ["de consulaire dienst tot een professioneel netwerk uitbouwde", 1814, 2014],
    ["de eerste Nederlandse delegatie bij een grote internationale conferentie organiseerde", 1850, 2014],
  ],
  "lokaal-bestuur": [
    ["het gemeentearchief ordende en openstelde voor iedere inwoner", 1814, 2014],
    ["de eerste gemeentelijke woningdienst opzette", 1901, 1960],
    ["raadsvergaderingen openbaar en begrijpelijk maakte", 1814, 2014],
    ["een samenvoeging van gemeenten zonder veel rumoer in goede banen leidde", 1814, 2014],
  ],
  volksgezondheid: [
    ["de drinkwatervoorziening in arme wijken verbeterde", 1814, 1960],
    ["een vaccinatiecampagne organiseerde die duizenden kinderen beschermde", 1814, 2014],
    ["de meldingsplicht voor besmettelijke ziekten in de praktijk bracht", 1865, 2014],
    ["consultatiebureaus voor zuigelingen door het hele land liet verspreiden", 1900, 2014],
  ],
  defensie: [
    ["de eerste nauwkeurige kaarten van het hele land liet vervaardigen", 1814, 1930],
    ["de aanschaf van materieel zuinig en controleerbaar maakte", 1814, 2014],
    ["de demobilisatie na een oorlog ordelijk liet verlopen", 1814, 2014],
    ["een regeling voor de verzorging van oud-militairen ontwierp", 1814, 2014],
  ],
  statistiek: [
    ["de eerste landelijke volkstelling volgens moderne methoden opzette", 1814, 1930],
    ["cijfers over armoede en werkloosheid openbaar en toegankelijk maakte", 1814, 2014],
    ["een indeling van beroepen ontwierp die decennialang werd gebruikt", 1814, 2014],
    ["ministers leerde dat een raming iets anders is dan een wens", 1814, 2014],
  ],
  "sociale-zaken": [
    ["de eerste arbeidsinspecties in fabrieken uitvoerde", 1874, 1930],
    ["het stelsel van ongevallenverzekeringen in de praktijk opbouwde", 1901, 1960],
    ["de bijstand minder afhankelijk maakte van willekeur en liefdadigheid", 1814, 2014],
    ["regels tegen kinderarbeid daadwerkelijk liet handhaven", 1874, 1950],
    ["armenzorg per wijk ordende zodat hulp terechtkwam waar die nodig was", 1814, 2014],
  ],
  infrastructuur: [
    ["het tracé van een belangrijke spoorlijn tegen veel verzet in doorzette", 1840, 2014],
    ["het telegraafnet tot in kleine dorpen liet uitbreiden", 1852, 1930],
    ["de eerste landelijke wegenplanning opstelde", 1920, 2014],
    ["het kadaster betrouwbaar en voor iedereen raadpleegbaar maakte", 1814, 2014],
    ["de aanleg van kanalen en straatwegen tussen de provincies coördineerde", 1814, 1900],
  ],
  cultuur: [
    ["verwaarloosde archieven redde van verkoop en vernietiging", 1814, 2014],
    ["de eerste lijst van beschermde monumenten samenstelde", 1814, 1960],
    ["de collectie openstelde voor gewone bezoekers in plaats van alleen kenners", 1814, 2014],
    ["kunstenaars een eerlijker regeling voor overheidsopdrachten bezorgde", 1900, 2014],
  ],
};

const MALE_OLD = [
  "Johannes",
  "Cornelis",
  "Hendrik",
  "Willem",
  "Jacobus",
  "Gerrit",
  "Pieter",
  "Adriaan",
  "Frederik",
  "Anthonie",
  "Abraham",
  "Dirk",
  "Gijsbert",
  "Lodewijk",
  "Reinier",
  "Theodorus",
  "Hermanus",
  "Arnold",
  "Jacob",
  "Désiré",
  "Everhard",
  "Coenraad",
  "Barend",
  "Maurits",
];
const MALE_NEW = [
  "Hans",
  "Kees",
  "Joop",
  "Frits",
  "Herman",
  "Gerard",
  "Wim",
  "Ton",
  "Jaap",
  "Bert",
  "Henk",
  "Rob",
  "Ruud",
  "Maarten",
  "Jan-Willem",
  "Jos",
  "José",
  "Hein",
  "Michiel",
  "Noël",
  "Sjoerd",
  "Roel",
];
const FEMALE_OLD = [
  "Maria",
  "Johanna",
  "Hélène",
  "Aletta",
  "Catharina",
  "Wilhelmina",
  "Geertruida",
  "Elisabeth",
  "Jacoba",
  "Anna",
  "Cornelia",
  "Thérèse",
  "Cécile",
  "Henriëtte",
  "Sophia",
];
const FEMALE_NEW = [
  "Marga",
  "Truus",
  "Els",
  "Annemarie",
  "Marjolein",
  "Ineke",
  "Tineke",
  "Hedy",
  "Mies",
  "Renée",
  "Désirée",
  "Liesbeth",
  "Corrie",
  "Joke",
  "Anneke",
];
const SURNAMES: Array<[tussenvoegsel: string, name: string]> = [
  ["van der", "Meulen"],
  ["ten", "Brink"],
  ["", "Tjeenk"],
  ["", "Hoogendijk"],
  ["", "Verschuur"],
  ["", "Smeenk"],
  ["van 't", "Loo"],
  ["ter", "Horst"],
  ["van den", "Broek"],
  ["de", "Wit"],
  ["", "Dijkstra"],
  ["", "Zijlstra"],
  ["", "Schröder"],
  ["", "Möllenkamp"],
  ["de", "Crèvecoeur"],
  ["van", "Eijck"],
  ["", "Kuipers"],
  ["", "Westerveld"],
  ["", "Bloemendaal"],
  ["van", "Heemstra"],
  ["", "Roosendaal"],
  ["", "Timmermans"],
  ["de", "Haas"],
  ["van", "Wijngaarden"],
  ["", "Oudshoorn"],
  ["", "Lammers"],
  ["in 't", "Veld"],
  ["van der", "Laan"],
  ["", "Brandsma"],
  ["", "Hofstede"],
  ["", "Vermeulen"],
  ["van", "Leeuwen"],
  ["de", "Graaff"],
  ["", "Kerckhoffs"],
  ["", "Nieuwenhuis"],
  ["van", "Rossum"],
  ["", "Wüstenhoff"],
  ["", "Haverkamp"],
  ["de", "Lange"],
  ["", "Groeneveld"],
  ["van", "Oordt"],
  ["", "Eekhout"],
  ["", "Bakhuizen"],
  ["", "Sterck"],
  ["van", "Maanen"],
  ["", "Rijpstra"],
  ["", "Elzinga"],
  ["van", "Swieten"],
];
const PLACES = [
  "Leiden",
  "Zwolle",
  "Middelburg",
  "Groningen",
  "Deventer",
  "Haarlem",
  "Dordrecht",
  "Leeuwarden",
  "Maastricht",
  "'s-Hertogenbosch",
  "Utrecht",
  "Arnhem",
  "Delft",
  "Amsterdam",
  "Rotterdam",
  "Den Haag",
  "Breda",
  "Assen",
  "Tilburg",
  "Kampen",
  "Hoorn",
  "Zutphen",
];

interface Person {
  name: string;
  surname: string;
  female: boolean;
  birth: number;
  death: number | null;
  from: number;
  to: number;
  theme: string;
  organisation: string;
  role: string;
  place: string;
  deeds: [string, string];
}

// ---------------------------------------------------------------------------------------------
// Text templates. Placeholders: {naam} {achternaam} {Achternaam} {hij} {Hij} {zijn} {Zijn} {hem}
// {geboren} {plaats} {org} {rol} {van} {tot} {leeftijd} {jaren} {midden} {thema} {daad} {daad2} {leven}

const MOTIVATION_OPEN = [
  "{naam} ({leven}) was van {van} tot {tot} {rol} bij {org}, waar {hij} {daad}.",
  "Als {rol} bij {org} was {naam} tussen {van} en {tot} degene die {daad}.",
  "Tussen {van} en {tot} werkte {naam} als {rol} bij {org}. Daar was {hij} het die {daad}.",
];
const MOTIVATION_MIDDLE = [
  "Dat klinkt technisch, maar het raakte het dagelijks leven van gewone Nederlanders direct.",
  "Collega's beschreven {hem} als koppig, precies en onvermoeibaar.",
  "Buiten de kring van vakgenoten is {zijn} naam vrijwel vergeten.",
  "{Zijn} nota's werden nog decennia later in de Tweede Kamer aangehaald.",
  "{Hij} werkte vooral achter de schermen; ministers kregen de eer.",
  "In de archieven is veel over {hem} te vinden, maar een goede biografie ontbreekt.",
];
const MOTIVATION_CLOSE = [
  "Een portret in dit boek zou recht doen aan een ambtenaar die het land zichtbaar veranderde.",
  "Precies het soort ambtenaar dat dit boek zichtbaar moet maken.",
  "Wie wil begrijpen hoe {thema} in Nederland werd georganiseerd, kan niet om {hem} heen.",
  "Ik stel {hem} graag voor omdat {zijn} verhaal laat zien hoeveel één ambtenaar kan betekenen.",
];

/** The portrait's sections in reading order; sentences are drawn from each in turn. */
const SECTIONS: string[][] = [
  [
    "Wie de geschiedenis van {thema} in Nederland naslaat, komt de naam {naam} vooral in voetnoten tegen, maar achter die voetnoten schuilt een ambtenaar die het verschil maakte.",
    "Van {van} tot {tot} was {naam} {rol} bij {org}, een functie die op papier bescheiden oogde maar in de praktijk veel invloed gaf.",
    "{Hij} behoorde tot een generatie ambtenaren die geloofde dat een goed geordende overheid het leven van gewone mensen werkelijk beter kon maken.",
    "Ministers kwamen en gingen, maar {achternaam} bleef, en juist die lange adem maakte {hem} tot een van de stille krachten achter het beleid.",
    "In de archieven van {org} liggen honderden nota's in {zijn} kenmerkende, strakke handschrift, vaak met een scherpe kanttekening in de marge.",
    "Dit portret probeert te laten zien waarom {naam} meer verdient dan een regel in een jaarverslag.",
    "Tijdgenoten noemden {hem} eigenzinnig en soms lastig, maar altijd uitstekend geïnformeerd.",
  ],
  [
    "{naam} werd in {geboren} geboren in {plaats}, als kind van ouders die weinig bezaten maar veel waarde hechtten aan onderwijs.",
    "Al op jonge leeftijd viel {hij} op door een bijna ongeduldige nieuwsgierigheid naar hoe de dingen in elkaar zaten.",
    "Op school blonk {hij} uit in rekenen en taal, en een onderwijzer drong er bij de ouders op aan dat {hij} zou doorleren.",
    "Het gezin verhuisde meerdere keren, en {achternaam} leerde zo al vroeg dat elke stad haar eigen regels en gewoonten had.",
    "Een oom die als klerk bij de provincie werkte, nam {hem} soms mee naar kantoor; de stapels dossiers maakten een onuitwisbare indruk.",
    "Na {zijn} opleiding twijfelde {hij} tussen een loopbaan in het bedrijfsleven en een bij de overheid, en koos uiteindelijk voor het laatste.",
    "Over {zijn} jeugd is weinig bekend, behalve wat {hij} er later zelf over opschreef in een korte en opvallend nuchtere terugblik.",
  ],
  [
    "In {van} trad {hij} op {leeftijd}-jarige leeftijd in dienst, aanvankelijk op een eenvoudige post waar {hij} vooral brieven afschreef en registers bijhield.",
    "Binnen enkele jaren klom {hij} op, niet door protectie maar doordat chefs merkten dat {zijn} stukken klopten tot op het laatste cijfer.",
    "De benoeming tot {rol} bij {org} kwam voor velen als een verrassing, want {achternaam} gold als een buitenstaander zonder de juiste connecties.",
    "{Hij} combineerde een grote dossierkennis met een zeldzaam talent om ingewikkelde kwesties in begrijpelijke taal uit te leggen.",
    "Collega's herinnerden zich dat {zijn} deur altijd openstond, al moest je wel goed voorbereid binnenkomen.",
    "In totaal zou {hij} {jaren} jaar in overheidsdienst blijven, een periode waarin de rol van de staat ingrijpend veranderde.",
    "Reizen langs de provincies hoorde bij het werk: {hij} wilde met eigen ogen zien wat een besluit in Den Haag ter plaatse betekende.",
    "Tegenover ministers bleef {hij} loyaal maar onafhankelijk; {zijn} adviezen waren eerlijk, ook als de boodschap onwelgevallig was.",
  ],
  [
    "Het belangrijkste werk van {achternaam} lag op het terrein van {thema}, waar {hij} {daad}.",
    "Bovendien geldt {hij} als degene die {daad2}, een prestatie die pas decennia later volledig op waarde werd geschat.",
    "Kenmerkend was {zijn} aanpak: eerst grondig uitzoeken hoe het zat, dan pas een voorstel doen, en dat voorstel vervolgens tot in detail verdedigen.",
    "{Hij} verzamelde cijfers in een tijd waarin dat nog lang niet gebruikelijk was, en liet zien dat beleid zonder feiten op drijfzand rust.",
    "Veel van wat {hij} in die jaren opzette, bestaat in gewijzigde vorm nog steeds, al weet bijna niemand meer wie het bedacht.",
    "Een rapport uit {midden} geldt als {zijn} meesterstuk: helder geschreven, goed onderbouwd en verrassend vooruitziend.",
    "{Hij} schreef ook instructies voor lagere ambtenaren, zodat regels in het hele land op dezelfde manier werden toegepast.",
  ],
  [
    "Niet iedereen was gelukkig met {zijn} voortvarendheid; in de Tweede Kamer werd {hem} meer dan eens verweten dat {hij} op de stoel van de politiek ging zitten.",
    "Een conflict met een minister over de kosten van {zijn} plannen liep zo hoog op dat {hij} serieus overwoog ontslag te nemen.",
    "{Hij} hield voet bij stuk en kreeg uiteindelijk gelijk, al kostte het {hem} vriendschappen en een eerder beloofde promotie.",
    "Kranten schreven kritisch over de ambtenaar die zich volgens hen veel te nadrukkelijk met de inhoud van het beleid bemoeide.",
    "Ook binnen de eigen dienst stuitte {hij} op weerstand van collega's die vonden dat het altijd zo gegaan was en zo moest blijven.",
    "Achteraf bleek {zijn} inschatting juist, maar op het moment zelf stond {hij} er vaak alleen voor.",
  ],
  [
    "Buiten het werk was {achternaam} een verwoed wandelaar, die op zondag soms tientallen kilometers aflegde langs dijken en door polders.",
    "{Hij} las veel, vooral geschiedenis en reisverhalen, en hield een uitgebreide correspondentie bij met vakgenoten in het buitenland.",
    "Vrienden beschreven {hem} als warm en geestig, een kant die collega's op kantoor zelden te zien kregen.",
    "{Zijn} dagboeken, bewaard in een familiearchief, geven een zeldzaam openhartig beeld van het leven van een hoge ambtenaar in die tijd.",
    "Geld interesseerde {hem} weinig; een aangeboden bijbaan bij een bank sloeg {hij} zonder aarzelen af.",
  ],
  [
    "Na {zijn} afscheid in {tot} bleef {hij} nog jaren betrokken als adviseur en gevraagd meedenker.",
    "{einde}",
    "De sporen van {zijn} werk zijn nog altijd zichtbaar, al zijn ze zo vanzelfsprekend geworden dat niemand er meer bij stilstaat.",
    "Opvolgers bouwden voort op de fundamenten die {achternaam} had gelegd, vaak zonder zich te realiseren hoeveel werk daarin zat.",
    "Geen straat of monument draagt {zijn} naam; het echte monument is een overheid die beter werkt dan zonder {hem} het geval was geweest.",
    "Dat maakt {naam} tot een typisch voorbeeld van de ambtenaar die dit boek zichtbaar wil maken: onmisbaar, maar zelden in de schijnwerpers.",
    "Wie vandaag in de archieven duikt, ontdekt hoe modern {zijn} ideeën over dienstverlening en verantwoording eigenlijk waren.",
  ],
];

const PROPOSAL_COMMENTS = [
  "Mijn overgrootvader werkte onder {hem} bij {org}; in de familie werd nog lang met respect over {hem} gesproken.",
  "In het Nationaal Archief ligt een flink deel van {zijn} correspondentie. Ik wil best helpen zoeken.",
  "Goed voorstel. Rond {midden} verscheen ook een artikel over {hem} in een vaktijdschrift, via Delpher te vinden.",
  "Klopt het geboortejaar? In een andere bron lees ik {geboren1}.",
  "Eindelijk iemand uit de wereld van {thema} die niet alleen in voetnoten voorkomt. Steun!",
  "Is dit niet dezelfde persoon als in een eerder voorstel? Even checken voor de redactie.",
  "Ik kom {zijn} naam tegen in de jaarverslagen van {org}; een mooie aanvulling op de lijst.",
];
const EDITOR_PROPOSAL_COMMENTS = [
  "Redactie: mooie kandidaat. Een tweede bron zou helpen bij de selectie.",
  "Redactie: we bekijken dit voorstel samen met andere kandidaten uit dezelfde periode.",
];
const REJECTIONS = [
  "Vooral bekend als Kamerlid en minister; het boek gaat over ambtenaren.",
  "De bronnen zijn te mager om een portret op te baseren. Nieuwe bronnen zijn welkom.",
  "Het werk viel grotendeels buiten Nederland en buiten de Nederlandse overheid.",
  "Deze periode en dit thema zijn al ruim vertegenwoordigd met sterkere kandidaten.",
  "Geen ambtenaar maar directeur van een particuliere onderneming.",
  "De rol in het beschreven project is volgens de bronnen veel kleiner dan het voorstel suggereert.",
];
const CLAIM_MOTIVATIONS = [
  "Ik ken de archieven van {org} goed en wil {zijn} verhaal graag vertellen.",
  "Sluit aan bij mijn eigen onderzoek naar {thema} in de {eeuw} eeuw.",
  "{Zijn} loopbaan fascineert me al jaren; ik heb al aantekeningen liggen.",
  "Ik woon in {plaats} en schrijf graag over iemand die daar geboren is.",
];
const RETURN_COMMENTS = [
  "Dank voor de eerste versie! De tekst telt nu {woorden} woorden; we zoeken er 600 tot 900. Kun je meer vertellen over {zijn} werk bij {org} en wat daarvan is overgebleven?",
  "Mooi begin. Het middendeel over {zijn} loopbaan mag concreter: noem een of twee voorbeelden uit de archieven. Let ook op de lengte ({woorden} woorden).",
  "De opening is sterk, maar het portret eindigt abrupt. Graag nog een alinea over de nalatenschap, en controleer de jaartallen ({van}–{tot}).",
];
const EDIT_COMMENTS = [
  "In redactie genomen. Kleine stijlpunten volgen nog; inhoudelijk staat het portret.",
  "Goed leesbaar. Wil je in de tweede alinea de bron van het citaat noemen? Dat nemen we mee in de eindredactie.",
];
const FINAL_COMMENTS = [
  "Akkoord, dit is de definitieve versie. Mooi werk!",
  "Prachtig portret, er hoefde nauwelijks iets aan te gebeuren. Definitief.",
];
const PROFESSIONS = [
  "Historicus",
  "Archivaris bij een regionaal historisch centrum",
  "Oud-beleidsmedewerker bij het Rijk",
  "Journalist",
  "Promovendus in de bestuursgeschiedenis",
  "Gepensioneerd gemeentesecretaris",
  "Docent geschiedenis",
  "Ingenieur",
  "Biograaf",
  "Beleidsadviseur",
  "Oud-diplomaat",
  "Bibliothecaris",
];
const BIO_EXTRAS = [
  "Schreef eerder artikelen voor een historisch tijdschrift.",
  "Werkt aan een boek over de geschiedenis van de eigen gemeente.",
  "Kent de weg in de inventarissen van het Nationaal Archief na jaren onderzoek.",
  "Schrijft graag voor een breed publiek, zonder voetnoten waar het kan.",
  "Geeft rondleidingen over de geschiedenis van het openbaar bestuur.",
];
const AVAILABILITY = [
  "Vooral in de avonden en weekenden.",
  "Vanaf volgende maand twee dagen per week.",
  "Flexibel, maar niet in de zomervakantie.",
  "Na mijn pensioen: alle tijd.",
  "Tot de zomer beperkt, daarna ruim.",
  "",
];
const PERIODS: Array<[number | null, number | null]> = [
  [1814, 1870],
  [1850, 1920],
  [1900, 1960],
  [1940, 2014],
  [null, null],
  [1870, 1945],
];

const slugOf = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An organisation's name as it reads in running text: "bij het Kadaster", "bij de Arbeidsinspectie", "bij Rijkswaterstaat". */
function withArticle(organisation: string): string {
  if (organisation.startsWith("Rijkswaterstaat")) return organisation;
  const het =
    /^(Ministerie|Centraal|Kadaster|Rijksmuseum|Koninklijk |Hoogheemraadschap|Burgerlijk|Gezantschap|Consulaat|Staatsbedrijf|Algemeen |Rijksinstituut|Staatstoezicht|Geneeskundig )/;
  return `${het.test(organisation) ? "het" : "de"} ${organisation}`;
}

function fill(template: string, p: Person, extra: Record<string, string | number> = {}): string {
  const he = p.female ? "zij" : "hij";
  const his = p.female ? "haar" : "zijn";
  const him = p.female ? "haar" : "hem";
  const topic = BOOK_THEMES.find((t) => t[0] === p.theme)![3];
  const end =
    p.death === null
      ? `{Achternaam} leeft nog en volgt het werk van {zijn} opvolgers met een kritische, maar welwillende blik.`
      : p.death - p.to < 2
        ? `{Achternaam} overleed in ${p.death}, kort na {zijn} afscheid, en kreeg de rust die {hij} zichzelf nooit gunde niet meer.`
        : `{Achternaam} overleed in ${p.death}, ${p.death - p.to} jaar na {zijn} afscheid, en werd begraven in {zijn} geboorteplaats.`;
  const values: Record<string, string | number> = {
    naam: p.name,
    achternaam: p.surname,
    Achternaam: capitalise(p.surname),
    hij: he,
    Hij: capitalise(he),
    zijn: his,
    Zijn: capitalise(his),
    hem: him,
    geboren: p.birth,
    geboren1: p.birth + 1,
    leven: p.death === null ? `geb. ${p.birth}` : `${p.birth}–${p.death}`,
    plaats: p.place,
    org: withArticle(p.organisation),
    rol: p.role,
    van: p.from,
    tot: p.to,
    leeftijd: p.from - p.birth,
    jaren: p.to - p.from,
    midden: p.from + Math.floor((p.to - p.from) / 2),
    thema: topic,
    eeuw: p.from < 1900 ? "negentiende" : p.from < 2001 ? "twintigste" : "eenentwintigste",
    daad: p.deeds[0],
    daad2: p.deeds[1],
    ...extra,
  };
  return template.replace("{einde}", end).replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/**
 * A portrait of between `min` and `max` words: a heading and paragraphs, sentences drawn from each
 * section in turn. Returns the text after `draft` sentences too (the shorter first version), whose
 * sentences all reappear in the full text — so a diff between the two shows additions.
 */
function portrait(p: Person, rand: () => number, target: number, draftTarget: number | null): { full: string; draft: string | null } {
  // Each section opens with its first sentence; the others follow in a shuffled order.
  const pools = SECTIONS.map(([lead, ...rest]) => {
    const order = rest.map((s) => ({ s, k: rand() })).sort((a, b) => a.k - b.k);
    return [lead!, ...order.map((x) => x.s)].map((s) => fill(s, p));
  });
  const heading = `## ${p.name}\n\n*${capitalise(p.role)} bij ${withArticle(p.organisation)}, ${p.from}–${p.to}*`;
  const picked: Array<{ section: number; index: number; words: number }> = [];
  let words = countWords(heading);
  let draftCount: number | null = null;
  for (let round = 0; words < target; round++) {
    let added = false;
    for (let section = 0; section < pools.length && words < target; section++) {
      const sentence = pools[section]![round];
      if (sentence === undefined) continue;
      const n = countWords(sentence);
      if (words + n > 890) continue;
      picked.push({ section, index: round, words: n });
      words += n;
      added = true;
      if (draftTarget !== null && draftCount === null && words >= draftTarget) draftCount = picked.length;
    }
    if (!added) break;
  }
  const render = (count: number) => {
    const chosen = picked.slice(0, count);
    const paragraphs = pools
      .map((pool, section) =>
        chosen
          .filter((c) => c.section === section)
          .sort((a, b) => a.index - b.index)
          .map((c) => pool[c.index])
          .join(" "),
      )
      .filter(Boolean);
    return [heading, ...paragraphs].join("\n\n");
  };
  return { full: render(picked.length), draft: draftCount === null ? null : render(draftCount) };
}

export async function seedBook(trx: Transaction<DB>, projectId: string, members: string[]) {
  const existing = await trx.selectFrom("book_theme").select("id").where("project_id", "=", projectId).limit(1).execute();
  if (existing.length > 0) return;
  const editor = await trx.selectFrom("app_user").select("id").where("email", "=", "redacteur@lauwer.test").executeTakeFirst();
  const editorId = editor?.id ?? null;
  const rand = prng(1814);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const shuffle = <T>(list: readonly T[]): T[] =>
    list
      .map((x) => ({ x, k: rand() }))
      .sort((a, b) => a.k - b.k)
      .map((e) => e.x);
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const thisYear = new Date(now).getFullYear();

  // Project settings: deadlines relative to the moment of seeding.
  await trx
    .updateTable("book_project")
    .set({
      description_nl: DESCRIPTION_NL,
      description_en: DESCRIPTION_EN,
      target_count: 100,
      period_from: 1814,
      period_to: 2014,
      words_min: 600,
      words_max: 900,
      proposals_close_at: ago(-14),
      claims_close_at: ago(-21),
      drafts_due_at: ago(-45),
      final_due_at: ago(-90),
    })
    .where("id", "=", projectId)
    .execute();
  const themes = await trx
    .insertInto("book_theme")
    .values(BOOK_THEMES.map(([slug, name_nl, name_en], position) => ({ project_id: projectId, slug, name_nl, name_en, position })))
    .returning(["id", "slug"])
    .execute();
  const themeId = new Map(themes.map((t) => [t.slug, t.id]));

  // People. A few hand-made ones first: two of them have a spelling-variant duplicate that the
  // editors merged, one has a duplicate still waiting for the editors.
  const deedsFor = (theme: string, from: number, to: number): [string, string] => {
    const all = DEEDS[theme]!;
    const fitting = all.filter(([, f, t]) => f <= to && t >= from);
    const pool = shuffle(fitting.length >= 2 ? fitting : all);
    return [pool[0]![0], pool[1]![0]];
  };
  const person = (
    first: string,
    tv: string,
    last: string,
    female: boolean,
    years: [number, number | null, number, number],
    theme: string,
    post: [string, string],
    place: string,
  ): Person => ({
    name: [first, tv, last].filter(Boolean).join(" "),
    surname: [tv, last].filter(Boolean).join(" "),
    female,
    birth: years[0],
    death: years[1],
    from: years[2],
    to: years[3],
    theme,
    organisation: post[0],
    role: post[1],
    place,
    deeds: deedsFor(theme, years[2], years[3]),
  });
  const featured = {
    bonnekamp: person(
      "Hélène",
      "",
      "Bönnekamp",
      true,
      [1891, 1978, 1919, 1956],
      "statistiek",
      ["Centraal Bureau voor de Statistiek", "hoofd van de afdeling Bevolking"],
      "Deventer",
    ),
    bruijn: person(
      "Cornelis Johannes",
      "de",
      "Bruijn",
      false,
      [1802, 1879, 1826, 1868],
      "waterstaat",
      ["Rijkswaterstaat", "hoofdingenieur"],
      "Dordrecht",
    ),
    reesema: person(
      "Geertruida",
      "van",
      "Reesema",
      true,
      [1868, 1949, 1895, 1933],
      "sociale-zaken",
      ["Arbeidsinspectie", "inspectrice"],
      "Groningen",
    ),
    cate: person(
      "Jan Hendrik",
      "ten",
      "Cate",
      false,
      [1835, 1911, 1858, 1900],
      "financien",
      ["Ministerie van Financiën", "thesaurier-generaal"],
      "Zutphen",
    ),
  };
  const variant = (p: Person, name: string, surname: string): Person => ({ ...p, name, surname });
  const used = new Set<string>(Object.values(featured).map((p) => p.name));

  interface Planned {
    p: Person;
    status: ProposalStatus;
    survivor?: number;
  }
  const planned: Planned[] = [
    { p: featured.bonnekamp, status: "selected" },
    { p: featured.bruijn, status: "selected" },
    { p: featured.reesema, status: "shortlisted" },
    { p: featured.cate, status: "selected" },
    { p: variant(featured.cate, "Jan Hendrik ten Kate", "ten Kate"), status: "proposed" },
  ];
  const statuses = shuffle<ProposalStatus>([
    ...Array<ProposalStatus>(94).fill("selected"),
    ...Array<ProposalStatus>(19).fill("shortlisted"),
    ...Array<ProposalStatus>(23).fill("proposed"),
    ...Array<ProposalStatus>(6).fill("rejected"),
  ]);
  const themeSlugs = BOOK_THEMES.map((t) => t[0]);
  let themeCycle: string[] = [];
  for (const [i, status] of statuses.entries()) {
    if (themeCycle.length === 0) themeCycle = shuffle(themeSlugs);
    const from = 1814 + Math.floor(((i + rand()) / statuses.length) * 190);
    const to = Math.min(from + int(8, 35), 2014);
    const birth = from - int(20, 37);
    let death: number | null = to + int(1, 26);
    if (death > thisYear - 2) death = birth >= 1935 ? null : thisYear - int(2, 6);
    if (birth >= 1935 && rand() < 0.5) death = null;
    const femaleChance = from < 1890 ? 0.04 : from < 1945 ? 0.15 : from < 1975 ? 0.3 : 0.45;
    const female = rand() < femaleChance;
    const old = birth < 1890;
    let name = "";
    let surname = "";
    for (let attempt = 0; attempt < 50; attempt++) {
      let first = pick(female ? (old ? FEMALE_OLD : FEMALE_NEW) : old ? MALE_OLD : MALE_NEW);
      if (old && rand() < 0.35) first = `${first} ${pick(female ? FEMALE_OLD : MALE_OLD)}`;
      const [tv, last] = pick(SURNAMES);
      surname = [tv, last].filter(Boolean).join(" ");
      name = `${first} ${surname}`;
      if (!used.has(name) && !first.split(" ").some((part, k, all) => all.indexOf(part) !== k)) break;
    }
    used.add(name);
    let theme = themeCycle.pop()!;
    let posts = POSTS[theme]!.filter(([f, t]) => f <= from && t >= from);
    if (posts.length === 0) {
      theme = themeSlugs.find((slug) => POSTS[slug]!.some(([f, t]) => f <= from && t >= from))!;
      posts = POSTS[theme]!.filter(([f, t]) => f <= from && t >= from);
    }
    const [, , organisation, role] = pick(posts);
    planned.push({
      p: {
        name,
        surname,
        female,
        birth,
        death,
        from,
        to,
        theme,
        organisation,
        role,
        place: pick(PLACES),
        deeds: deedsFor(theme, from, to),
      },
      status,
    });
  }
  // The merged spelling variants, pointing at their survivors (positions in `planned`).
  planned.push(
    { p: variant(featured.bonnekamp, "Helene Bonnekamp", "Bonnekamp"), status: "merged", survivor: 0 },
    { p: variant(featured.bruijn, "Cornelis Johannes de Bruyn", "de Bruyn"), status: "merged", survivor: 1 },
    { p: variant(featured.reesema, "Geertruida van Reezema", "van Reezema"), status: "merged", survivor: 2 },
  );

  // When each proposal came in and was decided on (days ago): selections first, recent ones still open.
  // Selected ones were chosen at least 35 days ago, before the authors claimed (31–36 days ago) and
  // were assigned (20–30 days ago); a merged duplicate came in after its survivor.
  const createdDays: number[] = [];
  const decidedDays: number[] = [];
  for (const { status, survivor } of planned) {
    const created =
      status === "selected"
        ? int(45, 80)
        : status === "shortlisted"
          ? int(15, 55)
          : status === "rejected"
            ? int(25, 60)
            : status === "merged"
              ? Math.max(2, createdDays[survivor!]! - int(3, 10))
              : int(1, 25);
    const decided =
      status === "proposed"
        ? created
        : status === "selected"
          ? Math.max(35, created - int(8, 14))
          : Math.max(1, created - int(1, Math.min(14, created - 1)));
    createdDays.push(created);
    decidedDays.push(decided);
  }

  const rows = planned.map(({ p, status }, i) => ({
    project_id: projectId,
    proposer_id: members[(i * 7 + 3) % members.length]!,
    name: p.name,
    birth_year: p.birth,
    death_year: p.death,
    service_from: p.from,
    service_to: p.to,
    organisation: p.organisation,
    role: p.role,
    motivation: [
      fill(pick(MOTIVATION_OPEN), p),
      ...shuffle(MOTIVATION_MIDDLE)
        .slice(0, int(1, 2))
        .map((s) => fill(s, p)),
      fill(pick(MOTIVATION_CLOSE), p),
    ].join(" "),
    theme_id: themeId.get(p.theme)!,
    status,
    rejection_reason: status === "rejected" ? REJECTIONS[i % REJECTIONS.length]! : null,
    created_at: ago(createdDays[i]!),
    status_changed_at: ago(decidedDays[i]!),
  }));
  const survivors = planned.map((x, i) => ({ x, i })).filter(({ x }) => x.status !== "merged");
  const inserted = await trx
    .insertInto("book_proposal")
    .values(survivors.map(({ i }) => ({ ...rows[i]!, merged_into_id: null })))
    .returning("id")
    .execute();
  const ids: string[] = [];
  survivors.forEach(({ i }, k) => (ids[i] = inserted[k]!.id));
  const merged = planned.map((x, i) => ({ x, i })).filter(({ x }) => x.status === "merged");
  const insertedMerged = await trx
    .insertInto("book_proposal")
    .values(merged.map(({ x, i }) => ({ ...rows[i]!, merged_into_id: ids[x.survivor!]! })))
    .returning("id")
    .execute();
  merged.forEach(({ i }, k) => (ids[i] = insertedMerged[k]!.id));

  // Sources: one to three per proposal, clearly illustrative paths on real archive sites.
  const sources = planned.flatMap(({ p }, i) => {
    const slug = slugOf(p.name);
    const mid = p.from + Math.floor((p.to - p.from) / 2);
    const options = [
      { title: "Biografie op Parlement.com", url: `https://www.parlement.com/voorbeeld/${slug}` },
      { title: "Biografisch Woordenboek van Nederland", url: `https://resources.huygens.knaw.nl/voorbeeld/bwn/${slug}` },
      { title: "Krantenartikelen in Delpher", url: `https://www.delpher.nl/voorbeeld/kranten/${slug}-${p.from}` },
      { title: `Archief ${p.organisation} (Nationaal Archief)`, url: `https://www.nationaalarchief.nl/voorbeeld/archief/${slug}` },
      { title: `Jaarverslag ${p.organisation} ${mid}`, url: `https://www.delpher.nl/voorbeeld/boeken/${slug}-${mid}` },
    ];
    return shuffle(options)
      .slice(0, int(1, 3))
      .map((s, position) => ({ proposal_id: ids[i]!, title: s.title, url: s.url, position }));
  });
  await trx.insertInto("book_source").values(sources).execute();

  // Endorsements: selected proposals tend to have more; merged ones moved theirs to the survivor.
  const endorsements = planned.flatMap(({ status }, i) => {
    const count =
      status === "selected"
        ? i < 4
          ? 40
          : int(6, 40)
        : status === "shortlisted"
          ? int(3, 22)
          : status === "proposed"
            ? Math.max(0, int(-4, 14))
            : status === "rejected"
              ? int(0, 5)
              : 0;
    const proposer = rows[i]!.proposer_id;
    return shuffle(members.filter((m) => m !== proposer))
      .slice(0, count)
      .map((user_id) => ({
        proposal_id: ids[i]!,
        user_id,
        created_at: ago(createdDays[i]! * rand()),
      }));
  });
  for (let k = 0; k < endorsements.length; k += 2000)
    await trx
      .insertInto("book_endorsement")
      .values(endorsements.slice(k, k + 2000))
      .execute();

  const comments = planned.flatMap(({ p, status }, i) => {
    if (status === "merged" || i % 9 !== 4) return [];
    const texts = shuffle(PROPOSAL_COMMENTS).slice(0, int(1, 3));
    const list = texts.map((t, k) => ({
      proposal_id: ids[i]!,
      author_id: members[(i * 3 + k * 11) % members.length]!,
      body: fill(t, p),
      created_at: ago(createdDays[i]! * (0.8 - k * 0.2)),
    }));
    if (editorId && i % 2 === 0)
      list.push({
        proposal_id: ids[i]!,
        author_id: editorId,
        body: pick(EDITOR_PROPOSAL_COMMENTS),
        created_at: ago(createdDays[i]! * 0.1),
      });
    return list;
  });
  await trx.insertInto("book_comment").values(comments).execute();

  // Authors: lid17–lid50. The first 30 write; the last 4 signed up recently and only claimed so far.
  const authorIds = members.slice(16, 50);
  const active = 30;
  const authors = authorIds.map((user_id, k) => {
    const themesOf = [...new Set([k % 12, ...(rand() < 0.7 ? [(k * 5 + 3) % 12] : []), ...(rand() < 0.3 ? [(k * 7 + 1) % 12] : [])])];
    const capacity = k >= active ? [3, 2, 2, 1][k - active]! : k % 7 === 3 ? 2 : k % 11 === 5 ? 1 : 3;
    const [periodFrom, periodTo] = PERIODS[k % PERIODS.length]!;
    const topics = themesOf.map((t) => BOOK_THEMES[t]![3]);
    const interest = topics.length > 1 ? `${topics.slice(0, -1).join(", ")} en ${topics.at(-1)}` : topics[0]!;
    return {
      project_id: projectId,
      user_id,
      bio: `${PROFESSIONS[k % PROFESSIONS.length]} met belangstelling voor ${interest}. ${BIO_EXTRAS[k % BIO_EXTRAS.length]}`,
      theme_ids: themesOf.map((t) => themeId.get(BOOK_THEMES[t]![0])!),
      slugs: themesOf.map((t) => BOOK_THEMES[t]![0]),
      period_from: periodFrom,
      period_to: periodTo,
      writing_url: k % 3 === 0 ? `https://www.example.org/schrijfwerk/lid${String(k + 17).padStart(2, "0")}` : null,
      capacity,
      availability: AVAILABILITY[k % AVAILABILITY.length]!,
      created_at: ago(k >= active ? int(2, 6) : int(40, 60)),
    };
  });
  await trx
    .insertInto("book_author")
    .values(
      authors.map((a) => ({
        project_id: a.project_id,
        user_id: a.user_id,
        bio: a.bio,
        theme_ids: a.theme_ids,
        period_from: a.period_from,
        period_to: a.period_to,
        writing_url: a.writing_url,
        capacity: a.capacity,
        availability: a.availability,
        created_at: a.created_at,
        updated_at: a.created_at,
      })),
    )
    .execute();

  // Assignments: active authors take portraits in turns, preferring their own themes; three of them
  // keep one place free. The selected portraits left over wait for an author.
  const selected = shuffle(planned.map((x, i) => ({ x, i })).filter(({ x }) => x.status === "selected")).map(({ i }) => i);
  const wants = authors.map((a, k) => (k >= active ? 0 : a.capacity - (k === 1 || k === 10 || k === 19 ? 1 : 0)));
  const assignedTo = new Map<number, number>(); // planned index → author index
  const portfolio: number[][] = authors.map(() => []);
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < authors.length; k++) {
      if (portfolio[k]!.length >= wants[k]!) continue;
      const free = selected.filter((i) => !assignedTo.has(i));
      const choice = free.find((i) => authors[k]!.slugs.includes(planned[i]!.p.theme)) ?? free[0];
      if (choice === undefined) continue;
      assignedTo.set(choice, k);
      portfolio[k]!.push(choice);
    }
  }
  const unassigned = selected.filter((i) => !assignedTo.has(i));

  // Claims: authors claimed what they got (first and second choice), new and not-yet-full authors
  // claimed the portraits still open, and some full authors did too (the suggestion must skip them).
  const claims: Array<{ proposal_id: string; user_id: string; rank: number; motivation: string; created_at: Date }> = [];
  const ranksUsed = authors.map(() => new Set<number>());
  const claimed = authors.map(() => new Set<number>());
  const claim = (k: number, i: number) => {
    const at = k >= active ? ago(int(1, 2)) : ago(decidedDays[i]! * 0.9);
    const rank = [1, 2, 3].find((r) => !ranksUsed[k]!.has(r));
    if (rank === undefined || claimed[k]!.has(i)) return false;
    ranksUsed[k]!.add(rank);
    claimed[k]!.add(i);
    claims.push({
      proposal_id: ids[i]!,
      user_id: authors[k]!.user_id,
      rank,
      motivation: fill(pick(CLAIM_MOTIVATIONS), planned[i]!.p),
      created_at: at,
    });
    return true;
  };
  for (const [k, own] of portfolio.entries()) for (const i of own.slice(0, own.length === 3 ? 2 : own.length)) claim(k, i);
  for (let k = active; k < authors.length; k++)
    for (let r = 0; r < 3; r++) claim(k, unassigned[((k - active) * 5 + r * 3) % unassigned.length]!);
  const withRoom = authors.map((_, k) => k).sort((a, b) => wants[a]! - authors[a]!.capacity - (wants[b]! - authors[b]!.capacity));
  for (const i of unassigned) {
    if (claims.some((c) => c.proposal_id === ids[i])) continue;
    for (const k of [...withRoom.slice(0, 3), ...shuffle(withRoom)]) if (claim(k, i)) break;
  }
  for (const [n, i] of unassigned.entries()) if (n % 3 === 0) for (const k of shuffle(withRoom.slice(8))) if (claim(k, i)) break;
  await trx
    .insertInto("book_claim")
    .values(claims.map((c) => ({ ...c, project_id: projectId })))
    .execute();

  // Manuscript statuses over the assigned portraits ("published" is final with published_at).
  type Plan = ManuscriptStatus | "published";
  const assignedList = [...assignedTo.keys()];
  const counts: Array<[Plan, number]> = [
    ["assigned", 13],
    ["submitted", 13],
    ["in_edit", 12],
    ["returned", 11],
    ["published", 12],
  ];
  counts.push(["final", assignedList.length - counts.reduce((s, [, n]) => s + n, 0)]);
  const plans = shuffle(counts.flatMap(([plan, n]) => Array<Plan>(Math.max(0, n)).fill(plan)));
  const project = await trx
    .selectFrom("book_project")
    .select(["drafts_due_at", "final_due_at"])
    .where("id", "=", projectId)
    .executeTakeFirstOrThrow();
  let overdueAssigned = 0;
  let overdueReturned = 0;
  const assignments = assignedList.map((i, n) => {
    const plan = plans[n]!;
    const assignedDays = int(20, 30);
    let due = plan === "assigned" ? project.drafts_due_at : plan === "returned" ? ago(-int(8, 20)) : project.final_due_at;
    if (plan === "assigned" && overdueAssigned < 4) due = ago(2 + 4 * overdueAssigned++);
    else if (plan === "returned" && overdueReturned < 3) due = ago(1 + 3 * overdueReturned++);
    return { i, plan, assignedDays, due };
  });
  await trx
    .insertInto("book_assignment")
    .values(
      assignments.map((a) => ({
        proposal_id: ids[a.i]!,
        project_id: projectId,
        user_id: authors[assignedTo.get(a.i)!]!.user_id,
        due_at: a.due,
        assigned_by: editorId,
        assigned_at: ago(a.assignedDays),
        reminded_at: a.plan === "assigned" && a.due && a.due.getTime() < now - 5 * DAY ? ago(3) : null,
      })),
    )
    .execute();

  // Versions and editorial comments, then the status steps the database allows.
  const versions: Array<{
    proposal_id: string;
    version: number;
    author_id: string;
    body: string;
    word_count: number;
    submitted: boolean;
    created_at: Date;
  }> = [];
  const versionComments: Array<{ proposal_id: string; version: number; body: string; created_at: Date }> = [];
  const steps = new Map<string, ManuscriptStatus[]>();
  const finalTimes = new Map<string, { changed: Date; published: Date | null }>();
  for (const [n, a] of assignments.entries()) {
    const id = ids[a.i]!;
    const p = planned[a.i]!.p;
    const author = authors[assignedTo.get(a.i)!]!.user_id;
    const firstAt = a.assignedDays - int(6, 12);
    const secondAt = Math.max(1, firstAt - int(4, 8));
    const twoVersions =
      a.plan === "returned" || ((a.plan === "final" || a.plan === "published") && n % 2 === 0) || (a.plan === "submitted" && n % 3 === 0);
    const text = portrait(p, rand, int(640, 860), twoVersions ? int(380, 520) : null);
    const add = (version: number, body: string, submitted: boolean, days: number) =>
      versions.push({ proposal_id: id, version, author_id: author, body, word_count: countWords(body), submitted, created_at: ago(days) });
    const comment = (version: number, template: string, days: number, words = 0) =>
      versionComments.push({ proposal_id: id, version, body: fill(template, p, { woorden: words }), created_at: ago(days) });
    let changed = ago(a.assignedDays);
    let published: Date | null = null;
    switch (a.plan) {
      case "assigned":
        steps.set(id, []);
        break;
      case "submitted":
        if (twoVersions) {
          add(1, text.draft!, false, firstAt);
          add(2, text.full, true, secondAt);
          changed = ago(secondAt);
        } else {
          add(1, text.full, true, firstAt);
          changed = ago(firstAt);
        }
        steps.set(id, ["submitted"]);
        break;
      case "in_edit":
        add(1, text.full, true, firstAt);
        if (n % 2 === 0) comment(1, pick(EDIT_COMMENTS), firstAt - 1);
        changed = ago(firstAt - 1);
        steps.set(id, ["submitted", "in_edit"]);
        break;
      case "returned":
        add(1, text.draft!, true, firstAt);
        comment(1, RETURN_COMMENTS[n % RETURN_COMMENTS.length]!, firstAt - 2, countWords(text.draft!));
        changed = ago(firstAt - 2);
        steps.set(id, ["submitted", "returned"]);
        break;
      case "final":
      case "published":
        if (twoVersions) {
          add(1, text.draft!, true, firstAt);
          comment(1, RETURN_COMMENTS[n % RETURN_COMMENTS.length]!, firstAt - 1, countWords(text.draft!));
          add(2, text.full, true, secondAt);
          comment(2, FINAL_COMMENTS[0]!, Math.max(0.5, secondAt - 1));
          changed = ago(Math.max(0.5, secondAt - 1));
          steps.set(id, ["submitted", "returned", "submitted", "final"]);
        } else {
          add(1, text.full, true, firstAt);
          comment(1, FINAL_COMMENTS[1]!, firstAt - 2);
          changed = ago(firstAt - 2);
          steps.set(id, ["submitted", "in_edit", "final"]);
        }
        if (a.plan === "published") published = new Date(Math.min(changed.getTime() + 2 * DAY, now - DAY / 2));
        break;
    }
    finalTimes.set(id, { changed, published });
  }
  const versionRows = await trx
    .insertInto("book_manuscript_version")
    .values(versions)
    .returning(["id", "proposal_id", "version"])
    .execute();
  const versionId = new Map(versionRows.map((v) => [`${v.proposal_id}:${v.version}`, v.id]));
  await trx
    .insertInto("book_manuscript_comment")
    .values(
      versionComments.map((c) => ({
        version_id: versionId.get(`${c.proposal_id}:${c.version}`)!,
        author_id: editorId,
        body: c.body,
        created_at: c.created_at,
      })),
    )
    .execute();
  for (let step = 0; step < 4; step++) {
    const byStatus = new Map<ManuscriptStatus, string[]>();
    for (const [id, path] of steps) {
      const status = path[step];
      if (status) byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
    }
    for (const [status, list] of byStatus)
      await trx.updateTable("book_assignment").set({ status }).where("proposal_id", "in", list).execute();
  }
  // The status steps above all happened "now"; give them their story's timestamps.
  await sql`update book_assignment as a
    set status_changed_at = v.changed, published_at = v.published
    from (values ${sql.join(
      [...finalTimes].map(
        ([id, t]) => sql`(${id}::uuid, ${t.changed.toISOString()}::timestamptz, ${t.published?.toISOString() ?? null}::timestamptz)`,
      ),
    )}) as v(id, changed, published)
    where a.proposal_id = v.id`.execute(trx);
}
