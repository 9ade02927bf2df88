// The directory: which neighbourhood a postcode belongs to, and avatar initials.

#include "domain/directory.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

Directory sample_directory() {
  Directory directory;
  Neighbourhood centrum;
  centrum.id = 1;
  centrum.name = "Centrum";
  centrum.team_id = 10;
  centrum.postcodes = {{"1011AA", "1019ZZ"}, {"1030AA", "1030ZZ"}};
  Neighbourhood noord;
  noord.id = 2;
  noord.name = "Noord";
  noord.team_id = 20;
  noord.postcodes = {{"1020AA", "1029ZZ"}};
  directory.neighbourhoods = {centrum, noord};
  Team team_centrum;
  team_centrum.id = 10;
  team_centrum.name = "Team Centrum";
  Team team_noord;
  team_noord.id = 20;
  team_noord.name = "Team Noord";
  directory.teams = {team_centrum, team_noord};
  return directory;
}

std::int64_t neighbourhood_id(const Directory& directory, std::string_view postcode) {
  const Neighbourhood* found = directory.neighbourhood_for(postcode);
  return found ? found->id : 0;
}

TEST(Directory, NeighbourhoodForPostcode) {
  const Directory directory = sample_directory();
  EXPECT_EQ(neighbourhood_id(directory, "1015AB"), 1);
  EXPECT_EQ(neighbourhood_id(directory, "1011AA"), 1);  // inclusive lower bound
  EXPECT_EQ(neighbourhood_id(directory, "1019ZZ"), 1);  // inclusive upper bound
  EXPECT_EQ(neighbourhood_id(directory, "1030KL"), 1);  // second range
  EXPECT_EQ(neighbourhood_id(directory, "1020AA"), 2);
  EXPECT_EQ(neighbourhood_id(directory, "1025XY"), 2);
  EXPECT_EQ(neighbourhood_id(directory, "1029ZZ"), 2);
  EXPECT_EQ(neighbourhood_id(directory, "1010ZZ"), 0);  // just below
  EXPECT_EQ(neighbourhood_id(directory, "1031AA"), 0);  // just above
  EXPECT_EQ(neighbourhood_id(directory, "9999ZZ"), 0);
  EXPECT_EQ(neighbourhood_id(directory, ""), 0);
  EXPECT_EQ(neighbourhood_id(Directory{}, "1015AB"), 0);
}

TEST(Directory, NeighbourhoodForReturnsTheStoredObject) {
  const Directory directory = sample_directory();
  EXPECT_EQ(directory.neighbourhood_for("1025AB"), &directory.neighbourhoods[1]);
}

TEST(Directory, TeamById) {
  const Directory directory = sample_directory();
  ASSERT_NE(directory.team(20), nullptr);
  EXPECT_EQ(directory.team(20)->name, "Team Noord");
  EXPECT_EQ(directory.team(10), &directory.teams[0]);
  EXPECT_EQ(directory.team(30), nullptr);
  EXPECT_EQ(directory.team(0), nullptr);
}

TEST(Initials, FirstAndLastCapitalisedWord) {
  EXPECT_EQ(initials("Fatima el Amrani"), "FA");
  EXPECT_EQ(initials("Jan de Vries"), "JV");
  EXPECT_EQ(initials("Elif Koç"), "EK");
  EXPECT_EQ(initials("Sanne van den Berg"), "SB");
  EXPECT_EQ(initials("Anna Maria van der Linden"), "AL");
  EXPECT_EQ(initials("Piet Jansen"), "PJ");
  // A lower-case last word is skipped for the last capitalised one.
  EXPECT_EQ(initials("Piet Hein sr."), "PH");
  EXPECT_EQ(initials("Johan Cruijff jr"), "JC");
}

TEST(Initials, NonAsciiLettersStayWhole) {
  EXPECT_EQ(initials("Ümit"), "Ü");
  EXPECT_EQ(initials("Ümit Öztürk"), "ÜÖ");
  EXPECT_EQ(initials("Şükrü Çelik"), "ŞÇ");
  EXPECT_EQ(initials("Jan Ørsted"), "JØ");
  EXPECT_EQ(initials("李 小龙"), "李小");
  EXPECT_EQ(initials("😀 Emoji"), "😀E");
}

TEST(Initials, SingleWordsAndLowerCase) {
  EXPECT_EQ(initials("Ümit"), "Ü");
  EXPECT_EQ(initials("Madonna"), "M");
  EXPECT_EQ(initials("jan"), "J");
  EXPECT_EQ(initials("jan jansen"), "JJ");  // nothing capitalised after the first: the last word
}

// People without an account (a GP, a teacher) are often recorded by surname
// alone: the prefix is no initial.
TEST(Initials, ANameThatStartsWithASurnamePrefix) {
  EXPECT_EQ(initials("van der Berg"), "B");
  EXPECT_EQ(initials("de Vries"), "V");
  EXPECT_EQ(initials("el Amrani"), "A");
  EXPECT_EQ(initials("van den Heuvel-Özdemir"), "H");
  EXPECT_EQ(initials("ter Horst Jansen"), "HJ");
  EXPECT_EQ(initials("dokter van Dam"), "D");
  EXPECT_EQ(initials("Mevrouw van der Berg"), "MB");
  EXPECT_EQ(initials("Élodie Dupont"), "ÉD");
  EXPECT_EQ(initials("van 't Hof"), "H");
  EXPECT_EQ(initials("jan de vries"), "JV") << "nothing capitalised: first and last word";
}

TEST(Initials, EmptyAndSpacesOnly) {
  EXPECT_EQ(initials(""), "?");
  EXPECT_EQ(initials("   "), "?");
  EXPECT_EQ(initials("  Jan   de   Vries  "), "JV");
}

TEST(Initials, AtMostTwoCharacters) {
  for (const char* name : {"A B C D E", "Jan Piet Joris Korneel", "Één Twee Drie"}) {
    const std::string result = initials(name);
    std::size_t code_points = 0;
    for (char c : result) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++code_points;
    }
    EXPECT_EQ(code_points, 2u) << name << " -> " << result;
  }
}

TEST(ValidationError, SingleFieldAndList) {
  const ValidationError single("postcode", "postcode.invalid");
  ASSERT_EQ(single.errors().size(), 1u);
  EXPECT_EQ(single.errors()[0].field, "postcode");
  EXPECT_EQ(single.errors()[0].message_key, "postcode.invalid");
  EXPECT_STREQ(single.what(), "invalid input: postcode (postcode.invalid)");

  const ValidationError many(std::vector<FieldError>{{"name", "name.required"}, {"channel", "channel.invalid"}});
  ASSERT_EQ(many.errors().size(), 2u);
  EXPECT_EQ(many.errors()[1].field, "channel");
  EXPECT_STREQ(many.what(), "invalid input: name (name.required) channel (channel.invalid)");

  // It is a runtime_error, so generic handlers catch it.
  EXPECT_THROW(throw ValidationError("x", "y"), std::runtime_error);
}

}  // namespace
}  // namespace gezicht::domain
