// The household record's forms: each POST parses its fields, calls the
// household (or access) service and answers 303 to the section page of its
// form, or renders that section again with the errors (422).

#include <functional>
#include <map>
#include <string>

#include "domain/access_policy.hpp"
#include "domain/calendar.hpp"
#include "domain/household.hpp"
#include "domain/validation_error.hpp"
#include "service/access_service.hpp"
#include "service/errors.hpp"
#include "service/household_access.hpp"
#include "service/household_service.hpp"
#include "web/contact_follow_up.hpp"
#include "web/page_renderer.hpp"
#include "web/pages/household_page_support.hpp"
#include "web/pages/household_pages.hpp"

namespace gezicht::web {
namespace {

// Runs one form's write. Success: 303 to the form's section with a status
// message (?opgeslagen=<saved>). Invalid input: that section again, 422, with
// the form as typed. `keys` swaps message keys for ones that fit a
// professional's form. `location` replaces the way back to the section (after
// a handover the former contact no longer has access to it).
Response handle_post(RequestContext& context, const std::string& form, RecordSection section, const std::string& saved,
                     const std::function<void(std::int64_t)>& write,
                     const std::map<std::string, std::string>& keys = {}, const std::string& location = {}) {
  const auto id = household_id(context);
  try {
    write(id);
    context.release_connection();
    if (!location.empty()) return redirect(location);
    return redirect(section_href(id, section) + "?opgeslagen=" + saved);
  } catch (const domain::ValidationError& error) {
    auto errors = error.errors();
    for (auto& field_error : errors) {
      auto found = keys.find(field_error.message_key);
      if (found != keys.end()) field_error.message_key = found->second;
    }
    const domain::ValidationError shown(std::move(errors));
    // A team lead may hand over without reading the record: the message alone, then.
    if (!domain::role_has(context.actor->access_role, domain::Permission::casework)) {
      return render_error_page(context, 422, shown.errors().front().message_key);
    }
    const SentForm sent{form, &context.form, &shown};
    return render_record_section(context, section, sent, 422);
  }
}

// "Vul uw naam in" speaks to a resident; these forms are about someone else.
const std::map<std::string, std::string> person_name_keys{{"name.required", "person_name.required"},
                                                          {"name.invalid", "person_name.invalid"}};

Response post_member(RequestContext& context) {
  return handle_post(
      context, "member", RecordSection::members, "leden",
      [&](std::int64_t id) {
        std::optional<int> year;
        if (!trimmed(context.form_value("birth_year")).empty()) {
          const auto number = whole_number(context.form_value("birth_year"));
          // Out of range or not a number: 0, which the rules refuse as birth_year.invalid.
          year = number && *number > 0 && *number < 100000 ? static_cast<int>(*number) : 0;
        }
        const auto related_to = optional_id(context.form_value("related_to"));
        context.app.households.add_member(context.connection(), *context.actor, id, context.form_value("name"),
                                          context.form_value("kind"), year, related_to, context.form_value("relation"));
      },
      person_name_keys);
}

Response post_what_matters(RequestContext& context) {
  return handle_post(context, "what_matters", RecordSection::plan, "wat-belangrijk-is", [&](std::int64_t id) {
    context.app.households.set_what_matters(context.connection(), *context.actor, id, context.form_value("words"),
                                            context.form_value("confirmed") == "yes");
  });
}

Response post_sharing(RequestContext& context) {
  return handle_post(context, "sharing", RecordSection::sharing, "delen", [&](std::int64_t id) {
    service::SharingInput input;
    input.legal_basis_id = optional_id(context.form_value("legal_basis_id")).value_or(0);
    for (auto part : {domain::RecordPart::summary, domain::RecordPart::plan, domain::RecordPart::contacts}) {
      const std::string name = domain::to_string(part);
      if (context.form_value("part_" + name) == "yes") input.parts.push_back(name);
    }
    input.resident_wish = context.form_value("resident_wish");
    context.app.access.add_sharing(context.connection(), *context.actor, id, input);
  });
}

Response post_withdraw_sharing(RequestContext& context) {
  return handle_post(context, "sharing", RecordSection::sharing, "delen", [&](std::int64_t id) {
    context.app.access.withdraw_sharing(context.connection(), *context.actor, id,
                                        context.required_id("agreement_id", "sharing.not_found"));
  });
}

Response post_goal(RequestContext& context) {
  return handle_post(context, "goal", RecordSection::plan, "doelen", [&](std::int64_t id) {
    context.app.households.add_goal(context.connection(), *context.actor, id, context.form_value("words"),
                                    context.form_value("progress_sign"));
  });
}

Response post_option(RequestContext& context) {
  return handle_post(context, "option", RecordSection::plan, "opties", [&](std::int64_t id) {
    context.app.households.add_option(context.connection(), *context.actor, id,
                                      optional_id(context.form_value("goal_id")), context.form_value("description"),
                                      context.form_value("chosen") == "yes", context.form_value("why"));
  });
}

Response post_action(RequestContext& context) {
  return handle_post(context, "action", RecordSection::actions, "acties", [&](std::int64_t id) {
    service::ActionInput input;
    input.what = context.form_value("what");
    input.involved_id = optional_id(context.form_value("involved_id"), 0).value_or(0);
    input.domain = context.form_value("domain");
    input.due_on = trimmed(context.form_value("due_on"));
    input.goal_id = optional_id(context.form_value("goal_id"));
    context.app.households.add_action(context.connection(), *context.actor, id, input);
  });
}

Response post_involved(RequestContext& context) {
  return handle_post(
      context, "involved", RecordSection::involved, "betrokkenen",
      [&](std::int64_t id) {
        domain::Involved involved;
        involved.name = context.form_value("name");
        involved.organisation = context.form_value("organisation");
        involved.role = context.form_value("role");
        involved.domain = context.form_value("domain");
        involved.does_what = trimmed(context.form_value("does_what"));
        involved.reach = trimmed(context.form_value("reach"));
        context.app.households.add_involved(context.connection(), *context.actor, id, involved);
      },
      person_name_keys);
}

Response post_contact(RequestContext& context) {
  const std::string at_text = trimmed(context.form_value("at"));
  std::map<std::string, std::string> keys{{"channel.required", "contact_channel.required"}};
  if (at_text.empty()) keys["at.invalid"] = "at.required";
  return handle_post(
      context, "contact", RecordSection::contacts, "contacten",
      [&](std::int64_t id) {
        service::ContactInput input;
        input.involved_id = optional_id(context.form_value("involved_id"), 0);
        input.at = domain::parse_amsterdam_local(at_text);
        input.channel = context.form_value("channel");
        input.with_whom = context.form_value("with_whom");
        context.app.households.add_contact(context.connection(), *context.actor, id, input,
                                           invite_after_contact(context, id));
      },
      keys);
}

Response post_handover(RequestContext& context) {
  return handle_post(
      context, "handover", RecordSection::history, "overdracht",
      [&](std::int64_t id) {
        context.app.households.handover(context.connection(), *context.actor, id, handover_request_from_form(context));
      },
      {},
      // The household has left the caseload; a team lead goes back to their own work.
      domain::role_has(context.actor->access_role, domain::Permission::caseload)
          ? std::string("/mijn-huishoudens?overgedragen=1")
          : std::string(domain::home_of(context.actor->access_role).path));
}

// Ends an involvement (recorded by mistake, or over): the face stays on the
// record, marked as ended. The service's refusals (the fixed contact's
// involvement, one already ended) show at that face.
Response post_end_involvement(RequestContext& context) {
  return handle_post(context, "end_involvement", RecordSection::involved, "beeindigd", [&](std::int64_t id) {
    const auto involved = whole_number(context.param("involved_id"));
    if (!involved) throw service::NotFound("involved.not_found", "not an involved id");
    try {
      context.app.households.end_involvement(context.connection(), *context.actor, id, *involved);
    } catch (const service::Conflict& conflict) {
      throw domain::ValidationError("involved_id", conflict.message_key());
    }
  });
}

// The status buttons of an action or goal: one POST each, back to their section.
Response post_action_status(RequestContext& context) {
  return handle_post(context, "action_status", RecordSection::actions, "acties", [&](std::int64_t id) {
    const auto action = whole_number(context.param("item_id"));
    if (!action) throw service::NotFound("action.not_found", "not an action id");
    context.app.households.set_action_status(context.connection(), *context.actor, id, *action,
                                             context.form_value("status"));
  });
}

Response post_goal_status(RequestContext& context) {
  return handle_post(context, "goal_status", RecordSection::plan, "doelen", [&](std::int64_t id) {
    const auto goal = whole_number(context.param("item_id"));
    if (!goal) throw service::NotFound("goal.not_found", "not a goal id");
    context.app.households.set_goal_status(context.connection(), *context.actor, id, *goal,
                                           context.form_value("status"));
  });
}

Response post_closed(RequestContext& context) {
  return handle_post(context, "closed", RecordSection::members, "afsluiten", [&](std::int64_t id) {
    context.app.households.set_closed(context.connection(), *context.actor, id, context.form_value("closed") == "yes");
  });
}

Response post_preferences(RequestContext& context) {
  return handle_post(context, "preferences", RecordSection::members, "voorkeuren", [&](std::int64_t id) {
    context.app.households.set_preferences(context.connection(), *context.actor, id,
                                           context.form_value("preferred_language"),
                                           context.form_value("contact_channel"));
  });
}

// The invitation goes out in the household's preferred language (the service's choice).
Response post_invitation(RequestContext& context) {
  return handle_post(context, "invitation", RecordSection::members, "uitnodiging", [&](std::int64_t id) {
    service::InvitationInput input;
    input.email = context.form_value("email");
    input.member_id = optional_id(context.form_value("member_id"));
    context.app.resident_login.invite(context.connection(), *context.actor, id, input);
  });
}

}  // namespace

void add_household_form_routes(Router& router) {
  router.add({"POST", "/huishoudens/{id}/uitnodigingen", Permission::casework, RouteKind::page, post_invitation});
  router.add({"POST", "/huishoudens/{id}/leden", Permission::casework, RouteKind::page, post_member});
  router.add({"POST", "/huishoudens/{id}/wat-belangrijk-is", Permission::casework, RouteKind::page, post_what_matters});
  router.add({"POST", "/huishoudens/{id}/doelen", Permission::casework, RouteKind::page, post_goal});
  router.add({"POST", "/huishoudens/{id}/opties", Permission::casework, RouteKind::page, post_option});
  router.add({"POST", "/huishoudens/{id}/acties", Permission::casework, RouteKind::page, post_action});
  router.add(
      {"POST", "/huishoudens/{id}/acties/{item_id}/status", Permission::casework, RouteKind::page, post_action_status});
  router.add(
      {"POST", "/huishoudens/{id}/doelen/{item_id}/status", Permission::casework, RouteKind::page, post_goal_status});
  router.add({"POST", "/huishoudens/{id}/delen", Permission::sharing, RouteKind::page, post_sharing});
  router.add({"POST", "/huishoudens/{id}/afsluiten", Permission::casework, RouteKind::page, post_closed});
  router.add({"POST", "/huishoudens/{id}/delen/{agreement_id}/intrekken", Permission::sharing, RouteKind::page,
              post_withdraw_sharing});
  router.add({"POST", "/huishoudens/{id}/voorkeuren", Permission::casework, RouteKind::page, post_preferences});
  router.add({"POST", "/huishoudens/{id}/betrokkenen", Permission::casework, RouteKind::page, post_involved});
  router.add({"POST", "/huishoudens/{id}/betrokkenen/{involved_id}/beeindigen", Permission::casework, RouteKind::page,
              post_end_involvement});
  router.add({"POST", "/huishoudens/{id}/contacten", Permission::casework, RouteKind::page, post_contact});
  router.add({"POST", "/huishoudens/{id}/overdracht", Permission::handover, RouteKind::page, post_handover});
}

}  // namespace gezicht::web
