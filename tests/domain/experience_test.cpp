#include "domain/experience.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "domain/validation_error.hpp"

namespace gezicht::domain {
namespace {

// The errors validate_feedback reports, as "field message_key" lines.
std::vector<std::string> feedback_errors(const std::map<std::string, std::string>& raw, std::string_view comment) {
  try {
    validate_feedback(default_statement_set(), raw, comment);
  } catch (const ValidationError& error) {
    std::vector<std::string> result;
    for (const auto& field : error.errors()) result.push_back(field.field + " " + field.message_key);
    return result;
  }
  return {};
}

std::vector<std::string> statement_set_errors(const StatementSet& set) {
  try {
    validate_statement_set(set);
  } catch (const ValidationError& error) {
    std::vector<std::string> result;
    for (const auto& field : error.errors()) result.push_back(field.field + " " + field.message_key);
    return result;
  }
  return {};
}

FeedbackAnswers answering(const std::string& statement, Agreement agreement, std::string comment = "") {
  FeedbackAnswers response;
  response.answers[statement] = agreement;
  response.comment = std::move(comment);
  return response;
}

std::vector<FeedbackAnswers> repeated(const FeedbackAnswers& response, int times) {
  return std::vector<FeedbackAnswers>(static_cast<std::size_t>(times), response);
}

const StatementFigure& figure_for(const std::vector<StatementFigure>& figures, const std::string& statement) {
  for (const auto& figure : figures) {
    if (figure.statement == statement) return figure;
  }
  throw std::logic_error("no figure for " + statement);
}

std::vector<std::string> new_set_errors(const StatementSet& set) {
  try {
    validate_new_statement_set(set, {"nl", "ar"});
  } catch (const ValidationError& error) {
    std::vector<std::string> result;
    for (const auto& field : error.errors()) result.push_back(field.field + " " + field.message_key);
    return result;
  }
  return {};
}

TEST(Experience, ANewSetIsWordedInEveryLanguageOnOneLineAndShort) {
  StatementSet set{2, {"taken_seriously"}};
  set.words["taken_seriously"] = {{"nl", "Ik werd serieus genomen."}, {"ar", "تم أخذي على محمل الجد."}};
  EXPECT_TRUE(new_set_errors(set).empty());
  // 200 letters of two bytes each are 200 characters, not 400.
  set.words["taken_seriously"]["ar"] = [] {
    std::string words;
    for (int i = 0; i < 200; ++i) words += "\u0628";
    return words;
  }();
  EXPECT_TRUE(new_set_errors(set).empty()) << "200 characters are allowed";
  set.words["taken_seriously"]["ar"] += "\u0628";
  EXPECT_EQ(new_set_errors(set), std::vector<std::string>{"statements[0].words.ar statement_words.too_long"});
  set.words["taken_seriously"]["ar"] = "   ";
  EXPECT_EQ(new_set_errors(set), std::vector<std::string>{"statements[0].words.ar statement_words.required"});
  set.words["taken_seriously"]["ar"] = "tab\there";
  EXPECT_EQ(new_set_errors(set), std::vector<std::string>{"statements[0].words.ar statement_words.one_line"});
  set.words["taken_seriously"].erase("ar");
  set.words["helped_quickly"]["nl"] = "Ik werd snel geholpen.";
  EXPECT_EQ(new_set_errors(set), (std::vector<std::string>{"statements[0].words.ar statement_words.required",
                                                           "words.helped_quickly statement_words.unknown_statement"}));
  EXPECT_EQ(new_set_errors({0, {}}),
            (std::vector<std::string>{"version version.invalid", "statements statements.count"}));
}

TEST(Experience, AgreementNamesGoBothWays) {
  for (auto agreement : {Agreement::completely_disagree, Agreement::disagree, Agreement::neutral, Agreement::agree,
                         Agreement::completely_agree, Agreement::dont_know}) {
    EXPECT_EQ(parse_agreement(to_string(agreement)), agreement) << to_string(agreement);
  }
  EXPECT_STREQ(to_string(Agreement::completely_disagree), "completely_disagree");
  EXPECT_STREQ(to_string(Agreement::dont_know), "dont_know");
  EXPECT_EQ(parse_agreement("Agree"), std::nullopt) << "exact names only";
  EXPECT_EQ(parse_agreement("4"), std::nullopt) << "no numbers on this scale";
  EXPECT_EQ(parse_agreement(""), std::nullopt);
  EXPECT_EQ(parse_agreement("agree "), std::nullopt);
}

TEST(Experience, TheDefaultSetIsVersionOneWithTheWmoAspectsFirst) {
  const auto& set = default_statement_set();
  EXPECT_EQ(set.version, 1);
  const std::vector<std::string> expected{"knew_where_to_go", "taken_seriously", "solutions_together", "helped_quickly",
                                          "support_fits",     "can_do_more",     "same_contact",       "trust_contact"};
  EXPECT_EQ(set.statements, expected);
  EXPECT_NO_THROW(validate_statement_set(set));
}

TEST(Experience, AStatementSetNeedsOneToTwentyUniqueWellFormedKeys) {
  EXPECT_EQ(statement_set_errors({1, {}}), std::vector<std::string>{"statements statements.count"});
  EXPECT_EQ(statement_set_errors({1, std::vector<std::string>(20, "x")}),
            std::vector<std::string>{"statements statements.duplicate"});
  std::vector<std::string> twenty_one;
  for (char c = 'a'; c < 'a' + 21; ++c) twenty_one.push_back(std::string(1, c));
  EXPECT_EQ(statement_set_errors({1, twenty_one}), std::vector<std::string>{"statements statements.count"});
  twenty_one.pop_back();
  EXPECT_TRUE(statement_set_errors({1, twenty_one}).empty()) << "twenty is allowed";

  EXPECT_EQ(statement_set_errors({1, {"taken_seriously", "Taken"}}),
            std::vector<std::string>{"statements statements.invalid_key"});
  EXPECT_EQ(statement_set_errors({1, {"helped-quickly"}}),
            std::vector<std::string>{"statements statements.invalid_key"});
  EXPECT_EQ(statement_set_errors({1, {""}}), std::vector<std::string>{"statements statements.invalid_key"});
  EXPECT_EQ(statement_set_errors({1, {std::string(41, 'a')}}),
            std::vector<std::string>{"statements statements.invalid_key"});
  EXPECT_TRUE(statement_set_errors({1, {std::string(40, 'a')}}).empty());
  EXPECT_EQ(statement_set_errors({1, {"a", "b", "a"}}), std::vector<std::string>{"statements statements.duplicate"});
  EXPECT_EQ(statement_set_errors({0, {"a"}}), std::vector<std::string>{"version version.invalid"});
}

TEST(Experience, OnlyContactsWhereSomeoneWasMetOrHeardAreRated) {
  for (const char* channel : {"home_visit", "walk_in", "phone", "video"}) {
    EXPECT_TRUE(is_feedback_channel(channel)) << channel;
  }
  for (const char* channel : {"letter", "email", "meeting", "", "Phone", "phone "}) {
    EXPECT_FALSE(is_feedback_channel(channel)) << channel;
  }
}

TEST(Experience, ValidFeedbackKeepsTheAnswersGivenAndTheTrimmedComment) {
  const auto valid = validate_feedback(default_statement_set(),
                                       {{"taken_seriously", "completely_agree"}, {"helped_quickly", "dont_know"}},
                                       "  Sneller terugbellen.\n ");
  EXPECT_EQ(valid.answers.size(), 2u) << "statements left out are simply not answered";
  EXPECT_EQ(valid.answers.at("taken_seriously"), Agreement::completely_agree);
  EXPECT_EQ(valid.answers.at("helped_quickly"), Agreement::dont_know);
  EXPECT_EQ(valid.comment, "Sneller terugbellen.");

  EXPECT_TRUE(validate_feedback(default_statement_set(), {}, "Alleen dit").answers.empty());
  EXPECT_EQ(validate_feedback(default_statement_set(), {{"support_fits", "neutral"}}, "").comment, "");
}

TEST(Experience, FeedbackErrorsNameTheField) {
  EXPECT_EQ(feedback_errors({{"was_nice", "agree"}}, ""),
            std::vector<std::string>{"answers.was_nice feedback.unknown_statement"});
  EXPECT_EQ(feedback_errors({{"taken_seriously", "very_much"}}, ""),
            std::vector<std::string>{"answers.taken_seriously feedback.answer_outside_scale"});
  EXPECT_EQ(feedback_errors({{"taken_seriously", ""}}, "x"),
            std::vector<std::string>{"answers.taken_seriously feedback.answer_outside_scale"});
  EXPECT_EQ(feedback_errors({}, ""), std::vector<std::string>{"answers feedback.empty"});
  EXPECT_EQ(feedback_errors({}, " \n\t "), std::vector<std::string>{"answers feedback.empty"})
      << "white space is no comment";
  // Untrusted text never becomes a field name.
  EXPECT_EQ(feedback_errors({{"<script>\n", "agree"}}, ""),
            std::vector<std::string>{"answers feedback.unknown_statement"});
  // All at once, in key order.
  EXPECT_EQ(feedback_errors({{"taken_seriously", "yes"}, {"other", "agree"}}, std::string(2001, 'x')),
            (std::vector<std::string>{"answers.other feedback.unknown_statement",
                                      "answers.taken_seriously feedback.answer_outside_scale",
                                      "comment feedback.comment_too_long"}));
}

TEST(Experience, TheCommentIsCountedInCharactersNotBytes) {
  std::string at_limit;
  for (int i = 0; i < 2000; ++i) at_limit += "\xc3\xa9";  // é: two bytes, one character
  EXPECT_EQ(validate_feedback(default_statement_set(), {}, at_limit).comment, at_limit);
  EXPECT_EQ(feedback_errors({}, at_limit + "e"), std::vector<std::string>{"comment feedback.comment_too_long"});
  EXPECT_TRUE(feedback_errors({}, "  " + at_limit + "  ").empty()) << "the limit applies after trimming";
  EXPECT_EQ(feedback_errors({}, "bad \xff byte"), std::vector<std::string>{"comment feedback.comment_invalid"});
  EXPECT_EQ(feedback_errors({}, "bell \x07"), std::vector<std::string>{"comment feedback.comment_invalid"});
}

TEST(Experience, WilsonIntervalMatchesKnownValues) {
  const auto eight_of_ten = wilson_interval(8, 10);
  EXPECT_DOUBLE_EQ(eight_of_ten.share, 0.8);
  EXPECT_NEAR(eight_of_ten.low, 0.4902, 5e-5);
  EXPECT_NEAR(eight_of_ten.high, 0.9433, 5e-5);

  const auto none = wilson_interval(0, 10);
  EXPECT_EQ(none.share, 0.0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_NEAR(none.high, 0.2775, 5e-5);

  const auto all = wilson_interval(10, 10);
  EXPECT_EQ(all.share, 1.0);
  EXPECT_NEAR(all.low, 0.7225, 5e-5);
  EXPECT_EQ(all.high, 1.0) << "exactly 1, not a rounding below it";

  const auto one = wilson_interval(1, 1);
  EXPECT_NEAR(one.low, 0.2065, 5e-5);
  EXPECT_EQ(one.high, 1.0);

  const auto half = wilson_interval(5, 10);
  EXPECT_NEAR(half.low, 0.2366, 5e-5);
  EXPECT_NEAR(half.high, 0.7634, 5e-5);

  const auto many = wilson_interval(81, 100);
  EXPECT_NEAR(many.low, 0.7222, 5e-5);
  EXPECT_NEAR(many.high, 0.8749, 5e-5);

  const auto wider = wilson_interval(8, 10, 2.5758293035489);  // 99%
  EXPECT_LT(wider.low, eight_of_ten.low);
  EXPECT_GT(wider.high, eight_of_ten.high);
}

TEST(Experience, WilsonIntervalRefusesImpossibleCounts) {
  EXPECT_THROW(wilson_interval(0, 0), std::invalid_argument);
  EXPECT_THROW(wilson_interval(1, -1), std::invalid_argument);
  EXPECT_THROW(wilson_interval(11, 10), std::invalid_argument);
  EXPECT_THROW(wilson_interval(-1, 10), std::invalid_argument);
}

TEST(Experience, TheThresholdIsTenByDefaultAndNeverBelowFive) {
  EXPECT_EQ(suppression_threshold(std::nullopt), 10);
  EXPECT_EQ(suppression_threshold(3), 5);
  EXPECT_EQ(suppression_threshold(0), 5);
  EXPECT_EQ(suppression_threshold(-20), 5);
  EXPECT_EQ(suppression_threshold(5), 5);
  EXPECT_EQ(suppression_threshold(6), 6);
  EXPECT_EQ(suppression_threshold(25), 25);
}

TEST(Experience, AStatementIsShownFromTheThresholdOn) {
  const auto& set = default_statement_set();
  auto nine = repeated(answering("taken_seriously", Agreement::agree), 9);
  const auto hidden = figure_for(summarise(set, nine, 10), "taken_seriously");
  EXPECT_TRUE(hidden.suppressed);
  EXPECT_EQ(hidden.responses, 9);
  EXPECT_EQ(hidden.agree_share, 0.0) << "nothing to show by mistake";
  EXPECT_EQ(hidden.ci_low, 0.0);
  EXPECT_EQ(hidden.ci_high, 0.0);

  nine.push_back(answering("taken_seriously", Agreement::disagree));
  const auto shown = figure_for(summarise(set, nine, 10), "taken_seriously");
  EXPECT_FALSE(shown.suppressed);
  EXPECT_EQ(shown.responses, 10);
  EXPECT_DOUBLE_EQ(shown.agree_share, 0.9);
  EXPECT_NEAR(shown.ci_low, wilson_interval(9, 10).low, 1e-12);
  EXPECT_NEAR(shown.ci_high, wilson_interval(9, 10).high, 1e-12);

  EXPECT_FALSE(figure_for(summarise(set, repeated(answering("support_fits", Agreement::agree), 5), 5), "support_fits")
                   .suppressed)
      << "five is enough when the threshold is five";
}

TEST(Experience, SummaryCountsAgreeAndCompletelyAgreeAndLeavesOutDontKnow) {
  const auto& set = default_statement_set();
  std::vector<FeedbackAnswers> responses;
  for (auto agreement : {Agreement::completely_agree, Agreement::completely_agree, Agreement::agree, Agreement::agree,
                         Agreement::agree, Agreement::neutral, Agreement::neutral, Agreement::disagree,
                         Agreement::completely_disagree, Agreement::completely_disagree}) {
    responses.push_back(answering("helped_quickly", agreement));
  }
  for (int i = 0; i < 7; ++i) responses.push_back(answering("helped_quickly", Agreement::dont_know));
  const auto figures = summarise(set, responses, 10);
  ASSERT_EQ(figures.size(), set.statements.size());
  for (std::size_t i = 0; i < figures.size(); ++i) EXPECT_EQ(figures[i].statement, set.statements[i]);

  const auto& quickly = figure_for(figures, "helped_quickly");
  EXPECT_EQ(quickly.responses, 10) << "dont_know is not an answer on the scale";
  EXPECT_DOUBLE_EQ(quickly.agree_share, 0.5);
  EXPECT_FALSE(quickly.suppressed);

  const auto& unanswered = figure_for(figures, "trust_contact");
  EXPECT_EQ(unanswered.responses, 0);
  EXPECT_TRUE(unanswered.suppressed);

  // Seventeen forms but only seven on the scale: still too few.
  std::vector<FeedbackAnswers> mostly_unknown = repeated(answering("same_contact", Agreement::dont_know), 10);
  for (int i = 0; i < 7; ++i) mostly_unknown.push_back(answering("same_contact", Agreement::agree));
  EXPECT_TRUE(figure_for(summarise(set, mostly_unknown, 10), "same_contact").suppressed);
}

TEST(Experience, SummaryRefusesMixedVersionsAndALowThreshold) {
  StatementSet other{2, {"knew_where_to_go"}};
  EXPECT_THROW(summarise(other, {answering("taken_seriously", Agreement::agree)}, 10), std::invalid_argument);
  EXPECT_THROW(summarise(default_statement_set(), {}, 4), std::invalid_argument);
  EXPECT_THROW(comments_to_show({}, 4, {}), std::invalid_argument);
  EXPECT_NO_THROW(summarise(default_statement_set(), {}, 5));
}

TEST(Experience, CommentsOnlyInAGroupOfAtLeastTheThreshold) {
  auto responses = repeated(answering("taken_seriously", Agreement::agree), 8);
  responses.push_back(answering("taken_seriously", Agreement::agree, "Meer tijd graag."));
  EXPECT_TRUE(comments_to_show(responses, 10, {}).empty()) << "nine responses";
  responses.push_back(answering("taken_seriously", Agreement::agree, "  "));
  EXPECT_EQ(comments_to_show(responses, 10, {}), std::vector<std::string>{"Meer tijd graag."})
      << "ten responses; the blank comment is left out";
}

TEST(Experience, CommentsAreSortedSoTheirOrderSaysNothing) {
  std::vector<FeedbackAnswers> responses;
  for (const char* comment : {"zo was het goed", "alles prima", "meer uitleg", "", "bel eerder", "alles prima"}) {
    responses.push_back(answering("taken_seriously", Agreement::agree, comment));
  }
  EXPECT_EQ(comments_to_show(responses, 5, {}),
            (std::vector<std::string>{"alles prima", "alles prima", "bel eerder", "meer uitleg", "zo was het goed"}));
}

TEST(Experience, CommentsAreSortedAfterMasking) {
  // Sorted before masking, "bob" would come before the masked "fatima" and
  // give away a letter of the name.
  std::vector<FeedbackAnswers> responses = repeated(answering("taken_seriously", Agreement::agree), 8);
  responses.push_back(answering("taken_seriously", Agreement::agree, "dank fatima"));
  responses.push_back(answering("taken_seriously", Agreement::agree, "dank bob"));
  EXPECT_EQ(comments_to_show(responses, 10, {"Fatima el Amrani"}),
            (std::vector<std::string>{"dank [naam]", "dank bob"}));
}

TEST(Experience, DigitRunsAreMasked) {
  EXPECT_EQ(mask_comment("bel me op 06-12345678 aub", {}), "bel me op [nummer] aub");
  EXPECT_EQ(mask_comment("bel me op 0612345678", {}), "bel me op [nummer]");
  EXPECT_EQ(mask_comment("bel +31 6 1234 5678 of 020-123 45 67.", {}), "bel [nummer] of [nummer].");
  EXPECT_EQ(mask_comment("het ging om \xe2\x82\xac 1.250,00 per maand", {}),
            "het ging om \xe2\x82\xac [nummer] per maand");
  EXPECT_EQ(mask_comment("op 12-03-2026 en 12/03/2026 om 10:30", {}), "op [nummer] en [nummer] om [nummer]");
  EXPECT_EQ(mask_comment("na 3 weken", {}), "na [nummer] weken");
  EXPECT_EQ(mask_comment("ik woon op nummer 12a", {}), "ik woon op nummer [nummer]a");
  // Arabic-Indic digits are digits too.
  EXPECT_EQ(mask_comment("\xd9\xa0\xd9\xa6\xd9\xa1\xd9\xa2", {}), "[nummer]");
}

TEST(Experience, PostcodesAndEmailAddressesAreMasked) {
  EXPECT_EQ(mask_comment("ik woon in 1234 AB en dat is ver", {}), "ik woon in [postcode] en dat is ver");
  EXPECT_EQ(mask_comment("postcode 1234AB.", {}), "postcode [postcode].");
  EXPECT_EQ(mask_comment("postcode 1234ab", {}), "postcode [postcode]");
  EXPECT_EQ(mask_comment("het kost 1250 en meer", {}), "het kost [nummer] en meer") << "not a postcode, still masked";
  EXPECT_EQ(mask_comment("mail naar fatima.amrani@example.nl. graag", {}), "mail naar [e-mail]. graag");
  EXPECT_EQ(mask_comment("(jan_1990@mail.com)", {}), "([e-mail])") << "the digits go with the address";
  EXPECT_EQ(mask_comment("mail @ mij", {}), "mail @ mij") << "no address without both sides";
}

TEST(Experience, KnownNamesAreMaskedAsWholeWordsInAnyCase) {
  const std::vector<std::string> names{"Fatima el Amrani", "J. de Vries"};
  EXPECT_EQ(mask_comment("fatima was fijn, mevrouw amrani ook", names), "[naam] was fijn, mevrouw [naam] ook");
  EXPECT_EQ(mask_comment("Fatima's hulp", names), "[naam]'s hulp") << "known names also open a sentence";
  EXPECT_EQ(mask_comment("toen FATIMA el-amrani belde", names), "toen [naam] el-[naam] belde");
  EXPECT_EQ(mask_comment("de vries kwam al snel", names), "de [naam] kwam al snel")
      << "particles and the initial J stay; they identify nobody";
  EXPECT_EQ(mask_comment("fatimah en amranis", names), "fatimah en amranis") << "whole words only";
  EXPECT_EQ(mask_comment("F\xc3\xa0tima", names), "[naam]") << "accents do not hide a name";
  EXPECT_EQ(mask_comment("ik sprak met ay\xc5\x9f"
                         "e",
                         {"Ay\xc5\x9f"
                          "e \xc3\x87"
                          "elik"}),
            "ik sprak met [naam]");
  EXPECT_EQ(mask_comment("en toen \xc3\xa7"
                         "elik",
                         {"Ay\xc5\x9f"
                          "e \xc3\x87"
                          "elik"}),
            "en toen [naam]")
      << "UTF-8 case folding";
  EXPECT_EQ(mask_comment("en toen celik", {"Ay\xc5\x9f"
                                           "e \xc3\x87"
                                           "elik"}),
            "en toen [naam]");
}

TEST(Experience, CapitalisedWordsInsideASentenceAreMasked) {
  EXPECT_EQ(mask_comment("Goed geholpen door Jansen van het team.", {}), "Goed geholpen door [naam] van het team.");
  EXPECT_EQ(mask_comment("Prima. Daarna belde Piet! Top? Ja", {}), "Prima. Daarna belde [naam]! Top? Ja");
  EXPECT_EQ(mask_comment("Ik sprak mevr. Jansen en dhr. Bakker", {}), "Ik sprak mevr. [naam] en dhr. [naam]")
      << "a title's full stop does not open a sentence";
  EXPECT_EQ(mask_comment("Ik sprak J. Jansen", {}), "Ik sprak [naam]. [naam]");
  EXPECT_EQ(mask_comment("- Fijn\n- Volgende keer beter", {}), "- Fijn\n- Volgende keer beter")
      << "a new line opens one";
  EXPECT_EQ(mask_comment("goed gedaan door \xc3\x96zt\xc3\xbcrk", {}), "goed gedaan door [naam]");
}

TEST(Experience, TextWithoutDigitsOrNamesIsLeftAlone) {
  const std::string turkish =
      "\xc3\x87ok yard\xc4\xb1mc\xc4\xb1 oldular, te\xc5\x9f"
      "ekk\xc3\xbcr ederim.";
  EXPECT_EQ(mask_comment(turkish, {}), turkish);
  const std::string turkish_capital_i = "\xc4\xb0yi bir g\xc3\xb6r\xc3\xbc\xc5\x9fmeydi.";  // İyi bir görüşmeydi.
  EXPECT_EQ(mask_comment(turkish_capital_i, {}), turkish_capital_i);
  const std::string arabic =
      "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7 \xd8\xb9\xd9\x84\xd9\x89 "
      "\xd8\xa7\xd9\x84\xd9\x85\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaf"
      "\xd8\xa9\xd8\x9f";  // شكرا على المساعدة؟
  EXPECT_EQ(mask_comment(arabic, {}), arabic);
  EXPECT_EQ(mask_comment("Snel geholpen, fijn gesprek \xf0\x9f\x99\x82", {}),
            "Snel geholpen, fijn gesprek \xf0\x9f\x99\x82");
  EXPECT_EQ(mask_comment("", {}), "");
  // A Turkish capital inside a sentence is a capital too.
  EXPECT_EQ(mask_comment("\xc3\xa7ok iyi \xc5\x9e\xc3\xbckr\xc3\xbc bey", {}), "\xc3\xa7ok iyi [naam] bey");
}

TEST(Experience, MaskingNeverBreaksUtf8) {
  // Cut multi-byte characters and stray bytes come out whole or as they came.
  const std::string broken =
      "caf\xc3 06\xff"
      "12 \xe2\x82";
  EXPECT_EQ(mask_comment(broken, {}), "caf\xc3 [nummer]\xff[nummer] \xe2\x82");
}

TEST(Experience, CommentsToShowMasksEachComment) {
  auto responses = repeated(answering("taken_seriously", Agreement::agree), 9);
  responses.push_back(answering("taken_seriously", Agreement::agree, "Fatima belde op 0612345678, dank Fatima"));
  EXPECT_EQ(comments_to_show(responses, 10, {"Fatima el Amrani"}),
            std::vector<std::string>{"[naam] belde op [nummer], dank [naam]"});
}

TEST(Experience, QuartersOfADate) {
  EXPECT_EQ(quarter_of("2026-01-01"), "2026-Q1");
  EXPECT_EQ(quarter_of("2026-03-31"), "2026-Q1");
  EXPECT_EQ(quarter_of("2026-04-01"), "2026-Q2");
  EXPECT_EQ(quarter_of("2026-09-30"), "2026-Q3");
  EXPECT_EQ(quarter_of("2026-10-01"), "2026-Q4");
  EXPECT_EQ(quarter_of("2026-12-31"), "2026-Q4");
  EXPECT_THROW(quarter_of("2026-13-01"), std::invalid_argument);
  EXPECT_THROW(quarter_of("2026-10-01T10:00:00Z"), std::invalid_argument);
  EXPECT_THROW(quarter_of(""), std::invalid_argument);
}

TEST(Experience, ParsingAQuarter) {
  int year = 0;
  int quarter = 0;
  EXPECT_TRUE(parse_quarter("2026-Q4", year, quarter));
  EXPECT_EQ(year, 2026);
  EXPECT_EQ(quarter, 4);
  EXPECT_TRUE(parse_quarter("2027-Q1", year, quarter));
  EXPECT_EQ(year, 2027);
  EXPECT_EQ(quarter, 1);
  for (const char* bad : {"2026-Q0", "2026-Q5", "2026-q4", "2026Q4", "26-Q4", "2026-Q4 ", "1899-Q4", "9999-Q1",
                          "abcd-Q1", "2026-Q", ""}) {
    EXPECT_FALSE(parse_quarter(bad, year, quarter)) << bad;
  }
  EXPECT_EQ(year, 2027) << "untouched on failure";
  EXPECT_EQ(quarter, 1);
}

TEST(Experience, QuarterBoundsAreHalfOpen) {
  EXPECT_EQ(quarter_bounds(2026, 1), std::make_pair(std::string("2026-01-01"), std::string("2026-04-01")));
  EXPECT_EQ(quarter_bounds(2026, 2), std::make_pair(std::string("2026-04-01"), std::string("2026-07-01")));
  EXPECT_EQ(quarter_bounds(2026, 3), std::make_pair(std::string("2026-07-01"), std::string("2026-10-01")));
  EXPECT_EQ(quarter_bounds(2026, 4), std::make_pair(std::string("2026-10-01"), std::string("2027-01-01")));
  EXPECT_THROW(quarter_bounds(2026, 0), std::invalid_argument);
  EXPECT_THROW(quarter_bounds(2026, 5), std::invalid_argument);
  EXPECT_THROW(quarter_bounds(9999, 4), std::invalid_argument);
  // Every day of a quarter lies inside its bounds.
  const auto [first, next] = quarter_bounds(2024, 1);
  EXPECT_EQ(quarter_of(first), "2024-Q1");
  EXPECT_EQ(quarter_of("2024-02-29"), "2024-Q1");
  EXPECT_NE(quarter_of(next), "2024-Q1");
}

}  // namespace
}  // namespace gezicht::domain
