#include "demo/demo_names.hpp"

#include <array>
#include <iterator>
#include <unordered_set>

namespace gezicht::demo::names {
namespace {

// ---- Languages -------------------------------------------------------------

constexpr std::array<std::string_view, language_count> language_codes{"nl", "en",  "ar", "tr", "pl",  "ti",
                                                                      "so", "pap", "fa", "uk", "ber", "es"};
// Weights for indexes 1..11 (out of 100).
constexpr std::array<int, language_count> staff_weights{0, 34, 10, 10, 6, 4, 4, 5, 5, 5, 8, 9};
constexpr std::array<int, language_count> resident_weights{0, 18, 14, 14, 10, 7, 5, 5, 6, 9, 7, 5};

std::size_t pick_language(const std::array<int, language_count>& weights, std::uint64_t bits) {
  int left = static_cast<int>(bits % 100);
  for (std::size_t i = 1; i < language_count; ++i) {
    if (left < weights[i]) return i;
    left -= weights[i];
  }
  return 1;
}

// ---- Places ----------------------------------------------------------------

constexpr std::string_view neighbourhood_base[] = {
    "Oude Haven",       "Bloemenwijk",     "De Esch",           "Kanaalzone",
    "Vogelbuurt",       "Schildersbuurt",  "Rivierenwijk",      "Molenkwartier",
    "Stationsbuurt",    "De Hoven",        "Kerkebuurt",        "Oosterpark",
    "Westerkwartier",   "Zuiderpark",      "Noorderhaven",      "De Weide",
    "Het Lint",         "Boomgaard",       "Lindenhof",         "De Akkers",
    "Groenoord",        "Zeeheldenbuurt",  "Componistenbuurt",  "Sterrenwijk",
    "De Kamp",          "Het Veld",        "Binnenstad",        "Havenkwartier",
    "De Vaart",         "Spoorzone",       "Prinsenland",       "Eikenburg",
    "Beukenhorst",      "Waterwijk",       "De Brink",          "Duinzicht",
    "Polderwijk",       "De Horst",        "Het Hoogland",      "Kortland",
    "Nieuwe Kern",      "Tuindorp",        "Dichtersbuurt",     "Bomenbuurt",
    "De Wetering",      "Vissersbuurt",    "Burgemeesterswijk", "Park Zuidwijk",
    "De Meent",         "Hofstede",        "Oude Dorp",         "Scheepsbouwkwartier",
    "De Gaarden",       "Watertorenbuurt", "Kloosterveld",      "Het Broek",
    "De Donk",          "Slotpark",        "Wilgenrijk",        "Hoge Weg",
    "Fabriekskwartier", "De Zoom",         "Lage Land",         "Kruisakker"};
constexpr std::string_view qualifiers[] = {"Noord", "Zuid", "Oost", "West", "Midden", "Centrum"};

constexpr std::string_view streets[] = {
    "Kerkstraat",    "Dorpsstraat", "Molenweg",   "Schoolstraat",   "Julianastraat", "Wilhelminalaan",
    "Beatrixstraat", "Stationsweg", "Lindelaan",  "Eikenlaan",      "Kastanjelaan",  "Havenkade",
    "Marktplein",    "Nieuwstraat", "Brugstraat", "Zuiderkade",     "Esdoornstraat", "Rozenstraat",
    "Tulpstraat",    "Merelstraat", "Spoorlaan",  "Parkweg",        "Vondellaan",    "Rembrandtstraat",
    "Mozartlaan",    "Oranjeplein", "Sportlaan",  "Populierenlaan", "Vijverweg",     "Meidoornplein"};

constexpr std::string_view other_places[] = {
    "Bibliotheek ",        "Buurtkamer ",         "Gezondheidscentrum ",       "Buurthuis De Ontmoeting",
    "Buurthuis Het Anker", "Wijkpunt De Schakel", "Brede school De Regenboog", "Huiskamer van de wijk"};

struct Weighted {
  std::string_view text;
  int weight;  // out of 100
};
constexpr Weighted job_titles[] = {{"Sociaal werker", 28},         {"Maatschappelijk werker", 10},
                                   {"Wijkverpleegkundige", 10},    {"Schuldhulpverlener", 10},
                                   {"Jeugd- en gezinswerker", 12}, {"Wmo-consulent", 10},
                                   {"Ouderenadviseur", 5},         {"Jongerenwerker", 5},
                                   {"Participatieconsulent", 5},   {"Sociaal raadslid", 5}};

constexpr std::string_view questions[] = {
    "Ik heb schulden en durf de post niet meer open te maken.",
    "Mijn moeder kan niet meer alleen thuis wonen.",
    "Ik krijg mijn huur deze maand niet betaald.",
    "Mijn zoon van 15 gaat al weken niet meer naar school.",
    "Ik voel me erg eenzaam sinds mijn man is overleden.",
    "Ik begrijp de brief over mijn toeslagen niet en moet geld terugbetalen.",
    "Ons huis is vochtig en de kinderen worden steeds ziek.",
    "Ik zorg voor mijn vader en houd het niet meer vol.",
    "Ik heb mijn baan verloren en weet niet hoe ik een uitkering aanvraag.",
    "Er is veel ruzie thuis en ik maak me zorgen om de kinderen.",
    "Ik heb hulp nodig bij het invullen van formulieren.",
    "Mijn buurman verwaarloost zichzelf en zijn huis.",
    "Ik kan de trap niet meer op en heb een aanpassing in huis nodig.",
    "Mijn energieleverancier dreigt het gas en licht af te sluiten.",
    "Mijn dochter heeft autisme en we zoeken ondersteuning.",
    "Ik ben net in Nederland komen wonen en weet niet waar ik moet beginnen.",
    "Ik voel me thuis niet veilig en weet niet wat ik moet doen.",
    "Ik heb een scootmobiel nodig om boodschappen te kunnen doen.",
    "Ik moet misschien mijn huis uit omdat ik huurachterstand heb.",
    "Mijn partner drinkt te veel en ik weet niet hoe ik kan helpen.",
    "Ik wil graag weer aan het werk, maar ik weet niet hoe.",
    "Wij kunnen de schoolspullen voor de kinderen niet betalen.",
    "Mijn moeder vergeet steeds meer en woont alleen.",
    "Ik heb last van angst en kom de deur bijna niet meer uit.",
    "Ik zoek hulp in het huishouden na mijn heupoperatie.",
    "Mijn zoon blowt veel en hangt op straat rond.",
    "Aan het eind van de maand heb ik geen geld meer voor eten.",
    "Ik ga scheiden en weet niet hoe het verder moet met de kinderen en het huis.",
    "Ik heb al maanden overlast van mijn buren en het loopt uit de hand.",
    "Mijn vader heeft dementie en mijn moeder raakt overbelast.",
    "Ik kan mijn zorgverzekering niet meer betalen.",
    "Ik ben mantelzorger voor mijn zus en wil graag even ontlast worden."};

// ---- Folding ---------------------------------------------------------------

// Latin-1 lower-case letters U+00E0..U+00FF; ' ' marks a non-letter.
constexpr std::string_view latin1_lower = "aaaaaaaceeeeiiiidnooooo ouuuuyty";

struct Folded {
  char32_t code;
  char letter;
};
constexpr Folded latin_extended[] = {{0x104, 'a'}, {0x105, 'a'}, {0x106, 'c'}, {0x107, 'c'}, {0x10C, 'c'}, {0x10D, 'c'},
                                     {0x118, 'e'}, {0x119, 'e'}, {0x11E, 'g'}, {0x11F, 'g'}, {0x130, 'i'}, {0x131, 'i'},
                                     {0x141, 'l'}, {0x142, 'l'}, {0x143, 'n'}, {0x144, 'n'}, {0x15A, 's'}, {0x15B, 's'},
                                     {0x15E, 's'}, {0x15F, 's'}, {0x160, 's'}, {0x161, 's'}, {0x179, 'z'}, {0x17A, 'z'},
                                     {0x17B, 'z'}, {0x17C, 'z'}, {0x17D, 'z'}, {0x17E, 'z'}};

// Returns the folded ASCII letter(s) for one code point, or "" for a separator.
std::string_view fold(char32_t code, char (&buffer)[2]) {
  if (code < 0x80) {
    const char c = static_cast<char>(code);
    if (c >= 'a' && c <= 'z')
      buffer[0] = c;
    else if (c >= 'A' && c <= 'Z')
      buffer[0] = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9')
      buffer[0] = c;
    else
      return {};
    return {buffer, 1};
  }
  if (code == 0xDF) return "ss";
  if (code >= 0xC0 && code <= 0xFF) {
    const char letter = latin1_lower[(code | 0x20) - 0xE0];
    if (letter == ' ') return {};
    buffer[0] = letter;
    return {buffer, 1};
  }
  for (const auto& entry : latin_extended) {
    if (entry.code == code) {
      buffer[0] = entry.letter;
      return {buffer, 1};
    }
  }
  return {};
}

}  // namespace

std::string ascii_fold(std::string_view utf8, char separator) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_separator = false;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    char32_t code = lead;
    std::size_t length = 1;
    if (lead >= 0xC0 && lead < 0xE0 && i + 1 < utf8.size()) {
      code = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
      length = 2;
    } else if (lead >= 0xE0 && lead < 0xF0) {
      code = 0xFFFD;  // nothing to fold in this range
      length = 3;
    } else if (lead >= 0xF0) {
      code = 0xFFFD;
      length = 4;
    }
    i += length;
    char buffer[2];
    const std::string_view letters = fold(code, buffer);
    if (letters.empty()) {
      pending_separator = separator != '\0' && !out.empty();
      continue;
    }
    if (pending_separator) out += separator;
    pending_separator = false;
    out.append(letters);
  }
  return out;
}

std::string_view language_code(std::size_t index) { return language_codes.at(index); }
std::size_t staff_language(std::uint64_t bits) { return pick_language(staff_weights, bits); }
std::size_t resident_language(std::uint64_t bits) { return pick_language(resident_weights, bits); }

std::vector<std::string> neighbourhood_names(std::size_t count, std::mt19937_64& rng) {
  // Shuffle the base names (Fisher-Yates with rng() % n, portable across
  // standard libraries), then use them plain, then with "-Noord", "-Zuid", ...,
  // then numbered, until there are enough.
  std::vector<std::string_view> base(std::begin(neighbourhood_base), std::end(neighbourhood_base));
  for (std::size_t i = base.size() - 1; i > 0; --i) std::swap(base[i], base[rng() % (i + 1)]);
  std::vector<std::string> result;
  result.reserve(count);
  std::unordered_set<std::string> seen;
  for (std::size_t tier = 0; result.size() < count; ++tier) {
    for (std::size_t i = 0; i < base.size() && result.size() < count; ++i) {
      std::string name(base[i]);
      if (tier > 0 && tier <= std::size(qualifiers)) {
        name.append("-").append(qualifiers[tier - 1]);
      } else if (tier > std::size(qualifiers)) {
        name.append(" ").append(std::to_string(tier - std::size(qualifiers) + 1));
      }
      if (seen.insert(name).second) result.push_back(std::move(name));
    }
  }
  return result;
}

std::string_view street_name(std::uint64_t bits) { return streets[bits % std::size(streets)]; }

std::string walk_in_place(std::uint64_t bits, bool first, std::string_view neighbourhood) {
  if (first) return "Wijkcentrum " + std::string(neighbourhood);
  const std::string_view place = other_places[bits % std::size(other_places)];
  // Names ending in a space take the neighbourhood's name.
  if (place.ends_with(' ')) return std::string(place) + std::string(neighbourhood);
  return std::string(place);
}

std::string_view job_title(std::uint64_t bits) {
  int left = static_cast<int>(bits % 100);
  for (const auto& title : job_titles) {
    if (left < title.weight) return title.text;
    left -= title.weight;
  }
  return job_titles[0].text;
}

std::size_t question_count() { return std::size(questions); }
std::string_view question(std::size_t index) { return questions[index % std::size(questions)]; }

}  // namespace gezicht::demo::names
