// People's names for the demo municipality: a mix of origins, as in any
// Dutch city. The origin is only used to keep first and last names plausible
// together; nothing else is derived from it.

#include <array>
#include <span>

#include "demo/demo_names.hpp"

namespace gezicht::demo::names {
namespace {

using List = std::span<const std::string_view>;

constexpr std::string_view dutch_first[] = {
    "Sanne",   "Daan",  "Lotte",   "Bram",     "Eva",    "Thijs", "Anouk",  "Jeroen",  "Femke",    "Ruud",
    "Marieke", "Joost", "Ingrid",  "Kees",     "Lieke",  "Sven",  "Maaike", "Pieter",  "Noor",     "Wouter",
    "Esther",  "Bas",   "Hanneke", "Gert-Jan", "Fleur",  "Niels", "Ilse",   "Martijn", "Janneke",  "Henk",
    "Wilma",   "Tom",   "Sophie",  "Lars",     "Mirjam", "Arjen", "Floor",  "Ruben",   "Annemiek", "Gerrit"};
constexpr std::string_view dutch_last[] = {
    "de Vries",     "Jansen",   "Bakker",   "Visser",   "Smit",           "Meijer",   "de Boer",
    "Mulder",       "de Groot", "Bos",      "Vos",      "Peters",         "Hendriks", "van Dijk",
    "van den Berg", "Dekker",   "Brouwer",  "de Wit",   "Dijkstra",       "Kok",      "Vermeulen",
    "van Leeuwen",  "Postma",   "Hoekstra", "Jacobs",   "van der Linden", "Schouten", "Willems",
    "Koster",       "Prins",    "van Beek", "Kuipers",  "Verhoeven",      "Huisman",  "de Haan",
    "Timmermans",   "Groen",    "Sanders",  "van Wijk", "Boersma"};
constexpr std::string_view moroccan_first[] = {
    "Mohamed", "Fatima", "Youssef",  "Samira",  "Khalid", "Naima", "Nordin", "Hanan", "Bilal",   "Souad",
    "Ilias",   "Loubna", "Soufiane", "Khadija", "Anouar", "Imane", "Hamza",  "Zineb", "Redouan", "Latifa"};
constexpr std::string_view moroccan_last[] = {
    "El Amrani", "Bouzid",     "Ait Taleb", "El Idrissi",  "Ouali",    "Benali", "Azzouzi",  "Boukhari", "Tahiri",
    "Chaouch",   "El Khayati", "Bennani",   "El Ouazzani", "Haddouch", "Ziani",  "Mourabit", "Achahbar", "Bakkali"};
constexpr std::string_view turkish_first[] = {"Emre",  "Ayşe", "Mehmet", "Elif",  "Murat", "Zeynep", "Kerem", "Fatma",
                                              "Burak", "Esra", "Hakan",  "Sibel", "Özlem", "Yusuf",  "Derya", "Okan"};
constexpr std::string_view turkish_last[] = {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan",
                                             "Doğan",  "Koç",  "Kılıç", "Erdem", "Polat", "Karaca", "Aksoy"};
constexpr std::string_view surinamese_first[] = {"Rajesh",  "Sharda",  "Anand",  "Priya",  "Kiran",   "Shanti",
                                                 "Errol",   "Romano",  "Sheila", "Marlon", "Giselle", "Ravi",
                                                 "Nirmala", "Ricardo", "Wendy",  "Clifton"};
constexpr std::string_view surinamese_last[] = {"Ramdin",  "Jagesar", "Mahabier", "Sewdien",    "Biharie",  "Ramsaran",
                                                "Pinas",   "Kolf",    "Sumter",   "Wijngaarde", "Kartosen", "Sardjoe",
                                                "Doekhie", "Karijo",  "Monsels",  "Soekhai"};
constexpr std::string_view antillean_first[] = {"Shurandy", "Rignald", "Shanice", "Jeandro",  "Naomi", "Curtley",
                                                "Sharina",  "Jurick",  "Glenda",  "Ruthline", "Edsel", "Giandro"};
constexpr std::string_view antillean_last[] = {"Martina", "Isenia", "Cijntje", "Francisca", "Pieternella", "Rosalia",
                                               "Coffie",  "Martis", "Leito",   "Winklaar",  "Statia",      "Maduro"};
constexpr std::string_view polish_first[] = {"Katarzyna", "Piotr",     "Agnieszka", "Tomasz", "Magdalena", "Paweł",
                                             "Anna",      "Krzysztof", "Marta",     "Łukasz", "Joanna",    "Michał"};
constexpr std::string_view polish_last[] = {"Nowak",  "Wójcik",   "Mazur",  "Krawczyk", "Zając",  "Kaczmarek",
                                            "Pawlak", "Michalak", "Sikora", "Baran",    "Wróbel", "Kubiak"};
constexpr std::string_view syrian_first[] = {"Ahmad",  "Rania", "Omar", "Lina",    "Hussam", "Dima",
                                             "Khaled", "Nour",  "Yara", "Mahmoud", "Rasha",  "Tarek"};
constexpr std::string_view syrian_last[] = {"Al-Hassan", "Haddad",  "Khoury",     "Al-Masri", "Mansour", "Al-Ahmad",
                                            "Nasser",    "Darwish", "Al-Hussein", "Hamdan",   "Sabbagh", "Kassab"};
constexpr std::string_view eritrean_first[] = {"Semhar", "Yonas",  "Helen",  "Tesfay", "Saba",  "Filmon",
                                               "Selam",  "Daniel", "Mebrat", "Robel",  "Luwam", "Awet"};
constexpr std::string_view eritrean_last[] = {"Tesfamariam", "Ghebremedhin", "Berhane",      "Kidane",
                                              "Haile",       "Tekle",        "Weldemichael", "Mehari",
                                              "Gebremariam", "Habte",        "Abraha",       "Tsegai"};
constexpr std::string_view indonesian_first[] = {"Ronald", "Yvonne", "Lilian",  "Wim",    "Sandra",  "Rudy",
                                                 "Ingrid", "Frans",  "Natasja", "Johnny", "Melanie", "Dewi"};
constexpr std::string_view indonesian_last[] = {"Latuheru", "Pattipeilohy", "Tuhumury", "Wattimena",
                                                "Siahaya",  "Soumokil",     "Sahetapy", "Tan",
                                                "Soerjadi", "Lumenta",      "Manuhutu", "Ririmasse"};
constexpr std::string_view somali_first[] = {"Abdi",  "Hodan",  "Amina", "Farah",   "Ahmed",
                                             "Ifrah", "Hassan", "Sahra", "Mustafe", "Deeqa"};
constexpr std::string_view somali_last[] = {"Warsame", "Abdullahi", "Mohamud", "Osman", "Jama",
                                            "Yusuf",   "Egal",      "Nur",     "Dahir", "Aden"};
constexpr std::string_view ukrainian_first[] = {"Olena",  "Oleksandr", "Iryna",  "Dmytro", "Natalia",
                                                "Andrii", "Oksana",    "Serhii", "Yuliia", "Taras"};
constexpr std::string_view ukrainian_last[] = {"Shevchenko", "Bondarenko", "Kovalenko", "Tkachenko", "Kravchenko",
                                               "Melnyk",     "Boyko",      "Koval",     "Oliinyk",   "Lysenko"};
constexpr std::string_view ghanaian_first[] = {"Kwame", "Akosua",  "Kofi", "Ama",  "Yaw",
                                               "Abena", "Kwabena", "Efua", "Kojo", "Adjoa"};
constexpr std::string_view ghanaian_last[] = {"Mensah",  "Owusu",  "Boateng",    "Asante", "Osei",
                                              "Agyeman", "Appiah", "Acheampong", "Darko",  "Amoako"};
constexpr std::string_view capeverdean_first[] = {"Djamila", "Nelson", "Ivanilda", "Carlos",
                                                  "Edna",    "Elton",  "Maria",    "Joel"};
constexpr std::string_view capeverdean_last[] = {"Lopes",    "Fortes", "Tavares",   "Semedo",
                                                 "Monteiro", "Gomes",  "Rodrigues", "Varela"};
constexpr std::string_view chinese_first[] = {"Wei", "Li Na", "Jun", "Mei", "Hao", "Xin", "Ming", "Yan"};
constexpr std::string_view chinese_last[] = {"Chen", "Wong", "Lin", "Zhang", "Li", "Cheung", "Wu", "Huang"};
constexpr std::string_view afghan_first[] = {"Farid", "Mariam",  "Ahmad Shah", "Zahra",
                                             "Nasir", "Shabnam", "Jawed",      "Parwana"};
constexpr std::string_view afghan_last[] = {"Ahmadi",  "Rahimi", "Karimi",  "Hakimi",
                                            "Sultani", "Noori",  "Haidari", "Popal"};

struct Group {
  int weight;  // out of 100
  List first;
  List last;
};

const std::array<Group, 15> groups{{
    {46, dutch_first, dutch_last},
    {10, moroccan_first, moroccan_last},
    {9, turkish_first, turkish_last},
    {8, surinamese_first, surinamese_last},
    {4, antillean_first, antillean_last},
    {4, polish_first, polish_last},
    {3, syrian_first, syrian_last},
    {2, eritrean_first, eritrean_last},
    {4, indonesian_first, indonesian_last},
    {2, somali_first, somali_last},
    {2, ukrainian_first, ukrainian_last},
    {2, ghanaian_first, ghanaian_last},
    {1, capeverdean_first, capeverdean_last},
    {2, chinese_first, chinese_last},
    {1, afghan_first, afghan_last},
}};

const Group& group_for(unsigned roll /* 0..99 */) {
  int left = static_cast<int>(roll);
  for (const auto& group : groups) {
    if (left < group.weight) return group;
    left -= group.weight;
  }
  return groups[0];
}

}  // namespace

PersonName person_name(std::uint64_t bits) {
  const Group& group = group_for(static_cast<unsigned>((bits & 0xffff) % 100));
  const Group& last_group =
      ((bits >> 48) & 0xff) % 100 < 12 ? group_for(static_cast<unsigned>((bits >> 56) % 100)) : group;
  return {group.first[((bits >> 16) & 0xffff) % group.first.size()],
          last_group.last[((bits >> 32) & 0xffff) % last_group.last.size()]};
}

std::string full_name(const PersonName& name) {
  std::string text;
  text.reserve(name.first.size() + 1 + name.last.size());
  text.append(name.first).append(" ").append(name.last);
  return text;
}

std::string username_base(const PersonName& name) {
  const std::string first = ascii_fold(name.first);
  std::string base = first.empty() ? std::string("x") : first.substr(0, 1);
  base += '.';
  base += ascii_fold(name.last);
  return base;
}

std::string email_local_part(const PersonName& name) { return ascii_fold(name.first) + "." + ascii_fold(name.last); }

}  // namespace gezicht::demo::names
