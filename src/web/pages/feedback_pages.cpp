#include "web/pages/feedback_pages.hpp"

#include <cmath>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/portal_presenter.hpp"

namespace gezicht::web {
namespace {

constexpr const char* scale[] = {"completely_agree",    "agree",    "neutral", "disagree",
                                 "completely_disagree", "dont_know"};

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

Response feedback_page_with(RequestContext& context, const domain::ValidationError* error) {
  const auto form = context.app.experience.pending(context.connection(), *context.actor);
  context.release_connection();
  TemplateList contacts;
  for (const auto& pending : form.contacts) {
    const auto& contact = pending.contact;
    const std::string id = std::to_string(contact.contact_id);
    TemplateData row;
    row.set("contact_id", id);
    row.set("who", contact.who);
    row.set("at_text", amsterdam_text(contact.at));
    row.set("channel_text", text_or(context, "channel." + contact.channel, contact.channel));
    TemplateList statements;
    for (const auto& statement : form.set.statements) {
      TemplateData item;
      item.set("text", statement_words(context, form.set, statement));
      TemplateList options;
      for (const char* value : scale) {
        TemplateData option;
        option.set("id", "feedback-" + id + "-" + statement + "-" + value);
        option.set("name", "answer." + statement);
        option.set("value", value);
        option.set("label", context.text(std::string("experience.scale.") + value));
        options.push_back(std::move(option));
      }
      put(item, "options", std::move(options));
      statements.push_back(std::move(item));
    }
    put(row, "statements", std::move(statements));
    contacts.push_back(std::move(row));
  }
  TemplateData data;
  data.set("csrf_token", context.csrf_token());
  data.set("has_contacts", !contacts.empty());
  put(data, "contacts", std::move(contacts));
  data.set("done", context.query_value("klaar") == "1");
  if (error) {
    TemplateList errors;
    for (const auto& field_error : error->errors()) {
      TemplateData item;
      item.set("message", error_text(context, field_error.message_key));
      errors.push_back(std::move(item));
    }
    data.set("has_errors", true);
    put(data, "errors", std::move(errors));
  }
  return render_page(context, "portal/feedback", data, "mijn.feedback.title", error ? 422 : 200);
}

Response feedback_page(RequestContext& context) { return feedback_page_with(context, nullptr); }

Response give_feedback(RequestContext& context) {
  std::map<std::string, std::string> answers;
  for (const auto& [name, value] : context.form) {
    if (name.starts_with("answer.")) answers[name.substr(7)] = value;
  }
  try {
    context.app.experience.give(context.connection(), *context.actor,
                                context.required_id("contact_id", "feedback.contact_unknown"), answers,
                                context.form_value("comment"));
  } catch (const domain::ValidationError& error) {
    context.release_connection();
    return feedback_page_with(context, &error);
  }
  return redirect("/mijn-gezicht/ervaring?klaar=1");
}

std::string this_quarter(const RequestContext& context) {
  return domain::quarter_of(domain::format_date(domain::amsterdam_date(context.app.clock.now())));
}

Response team_page(RequestContext& context) {
  std::string quarter = context.query_value("kwartaal");
  if (quarter.empty()) quarter = this_quarter(context);
  const auto result = context.app.experience.team(context.connection(), *context.actor, quarter);
  context.release_connection();
  TemplateData data;
  data.set("quarter", result.quarter);
  const std::string suppressed_text = context.text("team_experience.suppressed_before") + " " +
                                      std::to_string(result.threshold) + " " +
                                      context.text("team_experience.suppressed_after");
  TemplateList sets;
  for (std::size_t i = 0; i < result.sets.size(); ++i) {
    const auto& figures_of_set = result.sets[i];
    const std::string version = std::to_string(figures_of_set.set.version);
    TemplateData set;
    set.set("version", version);
    set.set("newest", i == 0);
    // The set in use keeps the plain ids; an older one is named by its version.
    const std::string suffix = i == 0 ? "" : "-v" + version;
    set.set("count_id", "experience-count" + suffix);
    set.set("table_id", "experience-figures" + suffix);
    set.set("caption_id", "experience-caption" + suffix);
    set.set("responses", std::to_string(figures_of_set.responses));
    TemplateList figures;
    for (const auto& figure : figures_of_set.figures) {
      TemplateData row;
      row.set("text", statement_words(context, figures_of_set.set, figure.statement));
      row.set("suppressed", figure.suppressed);
      row.set("suppressed_text", suppressed_text);
      if (!figure.suppressed) {
        row.set("share", percent(figure.agree_share));
        row.set("low", percent(figure.ci_low));
        row.set("high", percent(figure.ci_high));
        row.set("responses", std::to_string(figure.responses));
      }
      figures.push_back(std::move(row));
    }
    put(set, "figures", std::move(figures));
    sets.push_back(std::move(set));
  }
  put(data, "sets", std::move(sets));
  TemplateList comments;
  for (const auto& comment : result.comments) comments.push_back(TemplateData(comment));
  data.set("has_comments", !comments.empty());
  put(data, "comments", std::move(comments));
  data.set("no_comments", suppressed_text);
  return render_page(context, "team_experience", data, "team_experience.title");
}

}  // namespace

void add_feedback_pages(Router& router) {
  router.add(
      personal_data({"GET", "/mijn-gezicht/ervaring", Permission::own_household, RouteKind::page, feedback_page}));
  router.add(
      {"POST", "/mijn-gezicht/ervaring/{contact_id}", Permission::own_household, RouteKind::page, give_feedback});
  router.add(personal_data({"GET", "/team/ervaring", Permission::team_overview, RouteKind::page, team_page}));
}

}  // namespace gezicht::web
