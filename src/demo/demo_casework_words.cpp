#include "demo/demo_casework_words.hpp"

#include <iterator>

namespace gezicht::demo::words {
namespace {

using D = Domain;

constexpr std::array<std::string_view, domain_count> codes{"wmo",     "youth",  "income", "debt",      "benefits",
                                                           "housing", "health", "school", "community", "buurtteam"};

// One entry per names::question(), in the same order.
constexpr std::array<std::array<Domain, 2>, 32> question_domain_table{{
    {D::debt, D::income},         // schulden, post niet open
    {D::wmo, D::health},          // moeder niet meer alleen thuis
    {D::housing, D::debt},        // huur niet betaald
    {D::school, D::youth},        // zoon niet naar school
    {D::community, D::health},    // eenzaam
    {D::benefits, D::debt},       // toeslagen terugbetalen
    {D::housing, D::health},      // vochtig huis
    {D::wmo, D::community},       // mantelzorg vader
    {D::income, D::income},       // baan verloren
    {D::youth, D::health},        // ruzie thuis
    {D::community, D::benefits},  // formulieren
    {D::health, D::wmo},          // buurman verwaarloost zich
    {D::wmo, D::housing},         // trap, woningaanpassing
    {D::debt, D::income},         // afsluiting energie
    {D::youth, D::school},        // dochter met autisme
    {D::income, D::community},    // net in Nederland
    {D::youth, D::health},        // thuis niet veilig
    {D::wmo, D::wmo},             // scootmobiel
    {D::housing, D::debt},        // huurachterstand, uitzetting
    {D::health, D::youth},        // partner drinkt
    {D::income, D::income},       // weer aan het werk
    {D::income, D::school},       // schoolspullen
    {D::health, D::wmo},          // moeder vergeet steeds meer
    {D::health, D::community},    // angst
    {D::wmo, D::health},          // huishoudelijke hulp na operatie
    {D::youth, D::school},        // zoon blowt
    {D::income, D::debt},         // geen geld voor eten
    {D::youth, D::housing},       // scheiding
    {D::housing, D::community},   // overlast buren
    {D::wmo, D::health},          // vader met dementie
    {D::debt, D::benefits},       // zorgverzekering
    {D::wmo, D::community},       // mantelzorg zus
}};

struct Weighted {
  Domain domain;
  int weight;  // out of 100
};
constexpr Weighted other_domains[] = {{D::wmo, 16},    {D::youth, 12},   {D::income, 14},
                                      {D::debt, 14},   {D::benefits, 8}, {D::housing, 10},
                                      {D::health, 14}, {D::school, 5},   {D::community, 7}};

struct Organisation {
  std::string_view role;
  std::string_view organisation;  // ends in a space: followed by a name from `suffixes`
  std::string_view email_domain;
  std::array<std::string_view, 3> does_what;
};

constexpr std::array<Organisation, domain_count - 1> organisations{{
    {"Wmo-consulent",
     "Gemeente Voorbeeld",
     "voorbeeld.nl",
     {"Indicatie huishoudelijke hulp", "Aanvraag woningaanpassing en hulpmiddelen",
      "Respijtzorg voor de mantelzorger"}},
    {"Jeugdconsulent",
     "Jeugdteam Voorbeeld",
     "jeugdteam-voorbeeld.nl",
     {"Gezinsbegeleiding thuis", "Gesprekken met de kinderen", "Ondersteuning bij de opvoeding"}},
    {"Klantmanager",
     "Werk en Inkomen",
     "voorbeeld.nl",
     {"Bijstandsuitkering", "Bijzondere bijstand en individuele inkomenstoeslag", "Begeleiding naar werk"}},
    {"Schuldhulpverlener",
     "Schuldhulp Voorbeeld",
     "schuldhulp-voorbeeld.nl",
     {"Schuldhulptraject en contact met schuldeisers", "Budgetbeheer", "Stabiliseren: betalingsregelingen en rust"}},
    {"Medewerker",
     "Dienst Toeslagen",
     "toeslagen.example",
     {"Terugvordering huurtoeslag", "Herstel kinderopvangtoeslag", "Toeslagen over dit jaar opnieuw berekenen"}},
    {"Woonconsulent",
     "Woonstichting Voorbeeld",
     "woonstichting-voorbeeld.nl",
     {"Huurachterstand en betalingsregeling", "Vocht en schimmel in de woning", "Urgentie en een andere woning"}},
    {"Huisarts",
     "Huisartsenpraktijk ",
     "huisarts-voorbeeld.nl",
     {"Huisarts van het gezin", "Medicatie en verwijzing", "Gesprekken over angst en somberheid"}},
    {"Leerplichtambtenaar",
     "Gemeente Voorbeeld",
     "voorbeeld.nl",
     {"Verzuim op school", "Terug naar school na langdurig verzuim", "Overleg met school en ouders"}},
    {"Vrijwilliger",
     "Buurtvereniging ",
     "buurtvereniging-voorbeeld.nl",
     {"Maatje: helpt met de post en de boodschappen", "Koffieochtend in de buurt", "Samen de formulieren invullen"}},
}};

constexpr std::string_view practice_names[] = {"De Linde",    "Het Anker",   "De Brug",   "Centrum",
                                               "De Kastanje", "Oosterpoort", "Het Plein", "De Eik"};

struct Task {
  std::string_view job_title;
  std::string_view task;
};
constexpr Task colleague_tasks[] = {
    {"Sociaal werker", "Denkt mee en gaat mee naar afspraken"},
    {"Maatschappelijk werker", "Gesprekken over wat er thuis speelt"},
    {"Wijkverpleegkundige", "Zorg thuis en contact met de huisarts"},
    {"Schuldhulpverlener", "Helpt met de post en de schulden"},
    {"Jeugd- en gezinswerker", "Gesprekken met de kinderen en de ouders"},
    {"Wmo-consulent", "Keukentafelgesprek en aanvraag ondersteuning"},
    {"Ouderenadviseur", "Advies over wonen en zorg op leeftijd"},
    {"Jongerenwerker", "Contact met de jongeren in het gezin"},
    {"Participatieconsulent", "Op weg naar werk of vrijwilligerswerk"},
    {"Sociaal raadslid", "Bezwaarschriften en formulieren"},
};

constexpr std::array<std::string_view, 32> what_matters_by_question{
    "Ik wil weer durven de post open te maken zonder buikpijn, en weten wat ik moet betalen.",
    "Ik wil dat mijn moeder veilig thuis kan blijven wonen en dat ik niet elke dag hoef te bellen of het goed gaat.",
    "Ik wil in dit huis blijven wonen. Mijn kinderen gaan hier naar school en hebben hier hun vriendjes.",
    "Ik wil dat mijn zoon weer naar school gaat en dat hij weer ergens plezier in heeft.",
    "Ik wil weer iemand hebben om mee te praten, en niet de hele dag alleen in huis zitten.",
    "Ik wil snappen wat ik moet terugbetalen en een regeling die ik echt kan volhouden.",
    "Ik wil een droog huis, zodat de kinderen niet steeds ziek zijn.",
    "Ik wil voor mijn vader blijven zorgen, maar ik moet zelf ook weer kunnen slapen.",
    "Ik wil dat er elke maand geld binnenkomt, en zo snel mogelijk weer aan het werk.",
    "Ik wil dat het thuis rustig wordt en dat de kinderen zich weer veilig voelen.",
    "Ik wil dat iemand de formulieren met mij doorneemt, zodat ik niets verkeerd doe.",
    "Ik maak me zorgen om mijn buurman en wil dat er iemand naar hem omkijkt.",
    "Ik wil in mijn eigen huis blijven wonen, ook nu de trap niet meer gaat.",
    "Ik wil dat het licht en de verwarming aan blijven, de kinderen hebben het nu al koud.",
    "Ik wil dat onze dochter de hulp krijgt die ze nodig heeft, en dat wij het thuis volhouden.",
    "Ik wil de taal leren, werk vinden en begrijpen hoe alles hier werkt.",
    "Ik wil me thuis weer veilig voelen, voor mezelf en voor de kinderen.",
    "Ik wil zelf mijn boodschappen kunnen doen, zonder steeds iemand te moeten vragen.",
    "Ik wil niet op straat komen te staan. Ik wil de achterstand echt afbetalen.",
    "Ik wil dat mijn partner hulp krijgt en dat de kinderen niet meer bang zijn als hij thuiskomt.",
    "Ik wil weer aan het werk, ook al is het eerst maar een paar dagen per week.",
    "Ik wil dat mijn kinderen gewoon mee kunnen doen op school, net als de andere kinderen.",
    "Ik wil dat mijn moeder veilig is en dat ze thuis kan blijven zolang het kan.",
    "Ik wil weer naar buiten durven en gewoon zelf boodschappen doen.",
    "Ik wil dat het huis een beetje schoon blijft tot ik weer goed kan lopen.",
    "Ik wil dat mijn zoon van de straat af is en weer een doel heeft.",
    "Ik wil aan het eind van de maand nog eten kunnen kopen voor mijn kinderen.",
    "Ik wil dat de kinderen goed terechtkomen na de scheiding, en een eigen plek voor mij.",
    "Ik wil weer rust in huis en gewoon normaal met de buren omgaan.",
    "Ik wil dat mijn vader goed verzorgd wordt en dat mijn moeder er niet aan onderdoor gaat.",
    "Ik wil verzekerd blijven en een regeling die ik kan betalen.",
    "Ik wil voor mijn zus blijven zorgen, maar ook af en toe iets voor mezelf kunnen doen.",
};

constexpr std::string_view what_matters_general[] = {
    "Ik wil dat mijn kinderen gewoon naar school kunnen en dat de deurwaarder niet meer komt.",
    "Ik wil één persoon die ik kan bellen, en niet steeds mijn verhaal opnieuw hoeven te vertellen.",
    "Ik wil mijn eigen zaken weer zelf regelen, met iemand die meekijkt als het even niet lukt.",
    "Ik wil dat we als gezin weer rust hebben, en dat er niet elke week iets nieuws misgaat.",
    "Ik wil gezond blijven en in de buurt blijven wonen waar ik iedereen ken.",
    "Ik wil dat mijn kinderen later niet dezelfde zorgen hebben als ik nu.",
    "Ik wil gewoon weten waar ik aan toe ben, en dat afspraken worden nagekomen.",
    "Ik wil weer iets te doen hebben overdag, iets waar ik me nuttig bij voel.",
};

constexpr GoalWords wmo_goals[] = {
    {"Zo lang mogelijk zelfstandig thuis blijven wonen",
     "Huishoudelijke hulp is gestart en de trap is geen probleem meer",
     {"Traplift aanvragen via de Wmo", "Slaapkamer naar beneden verhuizen", "Verhuizen naar een gelijkvloerse woning"},
     {"Bewoner wil in het eigen huis blijven en de traplift is snel te regelen.",
      "Dit kan meteen, met hulp van de buren, zonder te wachten op een aanvraag.",
      "Bewoner wil niet nog eens een trap op en de woonstichting heeft iets in de buurt."}},
    {"De mantelzorg is vol te houden",
     "Een dag per week vrij van zorg, zonder zorgen",
     {"Dagbesteding voor vader twee dagen per week", "Respijtzorg in een logeerhuis, eens per maand",
      "Broer en zus nemen elk een vaste avond over"},
     {"Vader vindt het gezellig om onder de mensen te zijn en de mantelzorger krijgt vaste vrije dagen.",
      "Een heel weekend vrij geeft meer lucht dan losse uren.",
      "De familie wil het liever samen oplossen voordat er hulp van buiten komt."}},
};
constexpr GoalWords youth_goals[] = {
    {"Minder ruzie thuis",
     "Een week zonder grote ruzie",
     {"Gezinsbegeleiding thuis, eens per week", "Oudercursus in het wijkcentrum", "Gesprekken met alleen de ouders"},
     {"Het gezin wil dat iemand ziet hoe het thuis echt gaat.",
      "Moeder wil andere ouders ontmoeten met dezelfde vragen.",
      "De ouders willen eerst samen op een lijn komen, zonder de kinderen erbij."}},
    {"De kinderen weten waar ze aan toe zijn",
     "Een vaste weekplanning die iedereen kent",
     {"Weekplanning samen maken en op de koelkast hangen", "Omgangsregeling op papier via mediation",
      "Vaste avond per week met elk kind apart"},
     {"Simpel, en de kinderen kunnen zelf meedenken.", "Beide ouders willen duidelijke afspraken die vastliggen.",
      "Vader wil weer echt contact met ieder kind."}},
};
constexpr GoalWords income_goals[] = {
    {"Elke maand genoeg geld voor eten en vaste lasten",
     "De uitkering komt op tijd en de vaste lasten zijn betaald",
     {"Bijstand aanvragen en vaste lasten automatisch laten betalen", "Bijzondere bijstand voor de achterstand",
      "Voedselbank voor de komende maanden"},
     {"Zo is er meteen rust: de vaste lasten gaan eraf voordat het geld op is.",
      "De achterstand is eenmalig en de rest van de maand lukt het wel.",
      "Er moet deze week al eten in huis zijn, de rest volgt."}},
    {"Weer aan het werk, een paar dagen per week",
     "Een proefplaatsing of een sollicitatiegesprek",
     {"Werkervaringsplek via Werk en Inkomen", "Vrijwilligerswerk in het buurthuis als opstap",
      "Taalcursus eerst, dan solliciteren"},
     {"Bewoner wil graag snel weer een ritme en collega's.", "Rustig opbouwen voelt veiliger na een zware periode.",
      "Zonder de taal lukt het solliciteren nu niet, zegt bewoner zelf."}},
};
constexpr GoalWords debt_goals[] = {
    {"Geen nieuwe schulden meer en rust in de post",
     "Elke week samen de post open, geen nieuwe aanmaningen",
     {"Zelf betalingsregelingen treffen, met hulp bij de brieven", "Aanmelden bij Schuldhulp Voorbeeld",
      "Vrijwillig budgetbeheer"},
     {"Bewoner wil het eerst zelf proberen en de regie houden.",
      "De schulden zijn te hoog om zelf te regelen; bewoner wil vooral rust.",
      "Bewoner vindt het prettig als de vaste lasten vanzelf betaald worden."}},
    {"Overzicht over alle schulden",
     "Een lijst met alle schuldeisers en bedragen",
     {"Samen alle post van het afgelopen jaar doornemen", "Kredietregistratie en Mijn Overheid samen bekijken",
      "Schuldeisers zelf laten bellen met een vrijwilliger erbij"},
     {"Er liggen nog ongeopende brieven; daar begint het.", "Zo is in een keer zichtbaar wat er openstaat.",
      "Bewoner wil het graag zelf leren, met iemand ernaast."}},
};
constexpr GoalWords benefits_goals[] = {
    {"De terugvordering van de toeslagen is geregeld",
     "Een betalingsregeling of kwijtschelding op papier",
     {"Bezwaar maken tegen de terugvordering", "Persoonlijke betalingsregeling aanvragen",
      "Gegevens laten controleren bij een sociaal raadslid"},
     {"Het inkomen waarmee gerekend is klopt niet.", "Het bedrag klopt, maar in een keer betalen kan niet.",
      "Bewoner weet niet of het klopt en wil eerst zekerheid."}},
};
constexpr GoalWords housing_goals[] = {
    {"Blijven wonen in dit huis",
     "Geen huurachterstand meer en een betalingsregeling die loopt",
     {"Betalingsregeling met de woonstichting", "Bijzondere bijstand voor de huurachterstand",
      "Kleinere woning zoeken met lagere huur"},
     {"De woonstichting wil meewerken als er elke maand iets betaald wordt.",
      "De achterstand kwam door een eenmalige tegenvaller.",
      "De huur is ook zonder achterstand te hoog voor dit inkomen."}},
    {"Een droog en gezond huis voor de kinderen",
     "De verhuurder heeft de vochtplekken aangepakt",
     {"Melding bij de verhuurder met foto's", "Huurcommissie inschakelen", "Tijdelijk ventileren en ontvochtigen"},
     {"Eerst de verhuurder de kans geven het op te lossen.", "De verhuurder reageert al maanden niet op meldingen.",
      "Er moet nu iets gebeuren, de kinderen zijn steeds ziek."}},
};
constexpr GoalWords health_goals[] = {
    {"Weer de deur uit durven",
     "Twee keer per week een wandeling of een boodschap buiten",
     {"Gesprekken met de praktijkondersteuner GGZ", "Wandelgroep in de wijk met een maatje",
      "Eerst samen kleine stukjes lopen"},
     {"Bewoner wil weten waar de angst vandaan komt.", "Samen met anderen voelt het minder eng.",
      "Bewoner wil klein beginnen, in het eigen tempo."}},
    {"Beter slapen en minder zorgen",
     "Een afspraak bij de praktijkondersteuner gehad",
     {"Afspraak bij de huisarts", "Slaapcursus in het gezondheidscentrum", "Eerst de geldzorgen aanpakken"},
     {"Bewoner wil het eerst met de eigen huisarts bespreken.", "Een praktische cursus past bij bewoner.",
      "De zorgen over geld houden bewoner 's nachts wakker."}},
};
constexpr GoalWords school_goals[] = {
    {"Weer elke dag naar school",
     "Vier weken zonder ongeoorloofd verzuim",
     {"Gesprek op school met mentor en leerplicht", "Aangepast rooster voor de komende maand",
      "Overstap naar een andere school"},
     {"Iedereen aan een tafel, zodat het kind zelf kan zeggen wat er speelt.",
      "Het kind wil wel, maar hele dagen lukken nog niet.", "Het kind voelt zich op deze school niet meer welkom."}},
};
constexpr GoalWords community_goals[] = {
    {"Minder alleen zijn",
     "Elke week een vaste afspraak met iemand uit de buurt",
     {"Maatje via de buurtvereniging", "Koffieochtend in het wijkcentrum", "Vrijwilligerswerk in de buurtmoestuin"},
     {"Bewoner wil liever een op een dan in een groep.", "Bewoner kent daar al iemand.",
      "Bewoner wil graag iets doen en buiten zijn."}},
};
constexpr GoalWords general_goals[] = {
    {"Weten bij wie ik terecht kan",
     "Een vast nummer en weten wie dat is",
     {"Vaste contactpersoon belt elke twee weken", "Bewoner belt zelf als er iets is", "Maandelijks huisbezoek"},
     {"Bewoner wil niet steeds zelf hoeven bellen.", "Bewoner wil de regie houden.",
      "Aan de keukentafel praat het makkelijker."}},
    {"Het overzicht houden over alle hulp",
     "Een plan dat iedereen kent, met een naam bij elke afspraak",
     {"Eén gezamenlijk gesprek met alle betrokkenen", "Vaste contactpersoon houdt het overzicht bij",
      "Bewoner houdt een schrift bij met alle afspraken"},
     {"Iedereen hoort het dan tegelijk, en bewoner hoeft het maar één keer te vertellen.",
      "Bewoner wil een aanspreekpunt, niet vijf.", "Bewoner wil het zelf bijhouden."}},
};

constexpr std::string_view wmo_actions[] = {"Keukentafelgesprek Wmo plannen", "Aanvraag traplift indienen",
                                            "Respijtzorg regelen", "Huishoudelijke hulp laten starten"};
constexpr std::string_view youth_actions[] = {"Kennismaking met het jeugdteam plannen", "Gezinsgesprek thuis",
                                              "Afspraken over de omgang op papier zetten"};
constexpr std::string_view income_actions[] = {
    "Aanvraag bijzondere bijstand indienen", "Bijstandsaanvraag samen invullen",
    "Gesprek over werk met de klantmanager", "Aanvraag meedoenregeling voor de kinderen"};
constexpr std::string_view debt_actions[] = {"Samen alle post openen en sorteren", "Aanmelding schuldhulp indienen",
                                             "Betalingsregeling aanvragen bij de energieleverancier",
                                             "Overzicht van alle schuldeisers maken"};
constexpr std::string_view benefits_actions[] = {"Bezwaar maken tegen de terugvordering",
                                                 "Toeslagen voor dit jaar laten herberekenen",
                                                 "Betalingsregeling aanvragen bij Toeslagen"};
constexpr std::string_view housing_actions[] = {"Betalingsregeling afspreken met de woonstichting",
                                                "Vochtprobleem melden bij de verhuurder",
                                                "Huisbezoek samen met de woonconsulent"};
constexpr std::string_view health_actions[] = {"Afspraak bij de huisarts maken",
                                               "Verwijzing praktijkondersteuner bespreken", "Medicatie laten nakijken"};
constexpr std::string_view school_actions[] = {"Gesprek op school met mentor en leerplicht",
                                               "Aangepast rooster afspreken met school"};
constexpr std::string_view community_actions[] = {"Kennismaking met een maatje van de buurtvereniging",
                                                  "Samen naar de koffieochtend"};
constexpr std::string_view buurtteam_actions[] = {"Terugbellen over de uitkomst", "Samen het plan doorlopen",
                                                  "Evaluatiegesprek plannen", "Meegaan naar de afspraak"};

constexpr std::string_view handover_reasons[] = {
    "Collega met zwangerschapsverlof",         "Collega is vertrokken bij het buurtteam",
    "Werk in het team opnieuw verdeeld",       "Collega langdurig ziek",
    "Specifieke kennis nodig van een collega", "Collega gaat in een andere wijk werken"};
constexpr std::string_view resident_request_reasons[] = {
    "Bewoner wil liever iemand die niet bij de buren over de vloer komt",
    "Het klikte niet; bewoner wil graag iemand anders", "Bewoner kent de contactpersoon privé uit de buurt",
    "Bewoner wil liever iemand die ook 's avonds kan"};
constexpr std::string_view no_warm_reasons[] = {"Collega was al vertrokken", "Bewoner wilde geen overdrachtsgesprek",
                                                "Collega onverwacht ziek geworden"};

template <typename T, std::size_t N>
std::span<const T> all(const T (&items)[N]) {
  return {items, N};
}

}  // namespace

std::string_view domain_code(Domain domain) { return codes[static_cast<std::size_t>(domain)]; }

std::span<const Domain> question_domains(std::size_t question) {
  const auto& entry = question_domain_table[question % question_domain_table.size()];
  return {entry.data(), entry[0] == entry[1] ? std::size_t{1} : std::size_t{2}};
}

Domain other_domain(std::uint64_t bits) {
  int left = static_cast<int>(bits % 100);
  for (const auto& entry : other_domains) {
    if (left < entry.weight) return entry.domain;
    left -= entry.weight;
  }
  return D::wmo;
}

ExternalFace external_face(Domain domain, std::uint64_t bits, std::string_view neighbourhood) {
  const auto index = static_cast<std::size_t>(domain);
  const Organisation& organisation = organisations[index < organisations.size() ? index : 0];
  ExternalFace face;
  face.role = organisation.role;
  face.organisation = organisation.organisation;
  if (domain == D::health) face.organisation += practice_names[(bits >> 8) % std::size(practice_names)];
  if (domain == D::community) face.organisation += neighbourhood;
  face.does_what = organisation.does_what[(bits >> 16) % organisation.does_what.size()];
  face.email_domain = organisation.email_domain;
  return face;
}

std::string_view colleague_task(std::string_view job_title) {
  for (const auto& entry : colleague_tasks) {
    if (entry.job_title == job_title) return entry.task;
  }
  return colleague_tasks[0].task;
}

std::string_view what_matters_for_question(std::size_t question) {
  return what_matters_by_question[question % what_matters_by_question.size()];
}
std::string_view what_matters_generic(std::uint64_t bits) {
  return what_matters_general[bits % std::size(what_matters_general)];
}

std::span<const GoalWords> goals(Domain domain) {
  switch (domain) {
    case D::wmo: return all(wmo_goals);
    case D::youth: return all(youth_goals);
    case D::income: return all(income_goals);
    case D::debt: return all(debt_goals);
    case D::benefits: return all(benefits_goals);
    case D::housing: return all(housing_goals);
    case D::health: return all(health_goals);
    case D::school: return all(school_goals);
    case D::community: return all(community_goals);
    case D::buurtteam: return all(general_goals);
  }
  return all(general_goals);
}

std::span<const std::string_view> actions(Domain domain) {
  switch (domain) {
    case D::wmo: return all(wmo_actions);
    case D::youth: return all(youth_actions);
    case D::income: return all(income_actions);
    case D::debt: return all(debt_actions);
    case D::benefits: return all(benefits_actions);
    case D::housing: return all(housing_actions);
    case D::health: return all(health_actions);
    case D::school: return all(school_actions);
    case D::community: return all(community_actions);
    case D::buurtteam: return all(buurtteam_actions);
  }
  return all(buurtteam_actions);
}

std::string_view handover_reason(std::uint64_t bits) { return handover_reasons[bits % std::size(handover_reasons)]; }
std::string_view resident_request_reason(std::uint64_t bits) {
  return resident_request_reasons[bits % std::size(resident_request_reasons)];
}
std::string_view no_warm_handover_reason(std::uint64_t bits) {
  return no_warm_reasons[bits % std::size(no_warm_reasons)];
}

}  // namespace gezicht::demo::words
