#pragma once
// The municipality's directory as residents see it: neighbourhoods, their
// teams, and the people in those teams.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gezicht::domain {

struct WalkInHour {
  int weekday = 1;     // ISO: 1 = Monday
  std::string opens;   // "09:00"
  std::string closes;  // "12:00"
  std::string place;
  std::string address;
};

struct Person {
  std::int64_t id = 0;
  std::string name;
  std::string role;       // account role: professional or teamlead
  std::string job_title;  // what residents read: "Sociaal werker"
  std::string phone;
  std::vector<std::string> languages;
  std::optional<std::string> photo_url;  // nullopt: a generated initials avatar
};

struct Team {
  std::int64_t id = 0;
  std::string name;
  std::string phone;
  std::string email;
  int caseload_cap = 0;
  std::vector<WalkInHour> walk_in;
  std::vector<Person> people;  // professionals first, then the team lead
};

struct PostcodeRange {
  std::string from;  // normalised, inclusive
  std::string to;
};

struct Neighbourhood {
  std::int64_t id = 0;
  std::string name;
  std::int64_t team_id = 0;
  std::vector<PostcodeRange> postcodes;
};

struct Directory {
  std::vector<Neighbourhood> neighbourhoods;
  std::vector<Team> teams;

  // The neighbourhood whose ranges contain the normalised postcode.
  const Neighbourhood* neighbourhood_for(std::string_view postcode) const;
  const Team* team(std::int64_t id) const;
};

// Initials for an avatar, for anyone (with or without an account):
// "Fatima el Amrani" -> "FA" (first and last capitalised word; a name that
// starts with a surname prefix, "van der Berg", starts at "Berg" -> "B"), at
// most two letters, UTF-8 safe; "?" for an empty name.
std::string initials(std::string_view name);

}  // namespace gezicht::domain
