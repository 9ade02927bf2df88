#include "fuzz/fuzz_entries.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/validation_error.hpp"
#include "image/photo.hpp"
#include "web/json_io.hpp"
#include "web/multipart.hpp"
#include "web/request_parsing.hpp"
#include "web/template_engine.hpp"
#include "web/url_encoding.hpp"

namespace gezicht::fuzz {
namespace {

void check(bool condition, const std::string& promise) {
  if (!condition) throw Violation(promise);
}

bool has_any(std::string_view text, std::string_view characters) {
  return text.find_first_of(characters) != std::string_view::npos;
}

constexpr std::string_view line_breaks_and_nul{"\r\n\0", 3};

void check_request(const web::Request& request, const web::ServerLimits& limits) {
  check(!request.method.empty(), "a request has a method");
  check(!has_any(request.method, " \t\r\n"), "the method is one token");
  check(!has_any(request.path, line_breaks_and_nul) && !has_any(request.path, " \t"), "the path has no space or break");
  check(!has_any(request.query, line_breaks_and_nul), "the query has no line break");
  check(request.body.size() <= limits.max_body_bytes, "the body is within the limit");
  for (const auto& [name, value] : request.headers) {
    check(!name.empty(), "header names are not empty");
    check(!has_any(name, line_breaks_and_nul) && !has_any(name, ": \t"), "header names are tokens");
    check(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }),
          "header names are lower case");
    check(!has_any(value, line_breaks_and_nul), "header values hold no CR, LF or NUL");
  }
}

// Beast looks for the end of the header before parsing it once a first read
// came up short, so a malformed header that arrives in pieces is refused only
// when it is complete (or too large): refused and incomplete are then the
// same outcome. It also measures its header limit from where it resumes, so a
// header a little over the limit may pass in one piece and get 431 in several.
// Otherwise what is accepted must be accepted identically.
bool same_outcome(const web::ParsedRequest& a, const web::ParsedRequest& b) {
  using State = web::ParsedRequest::State;
  const auto header_limit_only = [](const web::ParsedRequest& x, const web::ParsedRequest& y) {
    return x.state == State::complete && y.state == State::refused && y.refusal.status == 431;
  };
  if (header_limit_only(a, b) || header_limit_only(b, a)) return true;
  if (a.state == State::complete || b.state == State::complete) {
    return a.state == b.state && a.consumed == b.consumed && a.keep_alive == b.keep_alive &&
           a.request.method == b.request.method && a.request.path == b.request.path &&
           a.request.query == b.request.query && a.request.headers == b.request.headers &&
           a.request.body == b.request.body;
  }
  return true;
}

std::string describe(const web::ParsedRequest& parsed) {
  switch (parsed.state) {
    case web::ParsedRequest::State::complete:
      return "complete " + parsed.request.method + " " + parsed.request.path + " (" + std::to_string(parsed.consumed) +
             " bytes)";
    case web::ParsedRequest::State::incomplete: return "incomplete";
    case web::ParsedRequest::State::refused:
      return "refused " + std::to_string(parsed.refusal.status) + " " + parsed.refusal.reason;
  }
  return "?";
}

void parse_pipeline(std::string_view input, const web::ServerLimits& limits) {
  // The piece size varies with the input, so byte-by-byte and odd splits are
  // all tried without a separate corpus for them.
  const std::size_t piece_size = 1 + input.size() % 7;
  for (int requests = 0; requests < 8 && !input.empty(); ++requests) {
    const auto whole = web::parse_request(input, limits);
    const auto pieces = web::parse_request(input, limits, piece_size);
    check(same_outcome(whole, pieces), "the outcome does not depend on how the bytes arrive: whole " + describe(whole) +
                                           ", in pieces of " + std::to_string(piece_size) + " " + describe(pieces));
    if (whole.state == web::ParsedRequest::State::refused) {
      const auto status = whole.refusal.status;
      check(status == 400 || status == 413 || status == 431 || status == 501, "a refusal is 400, 413, 431 or 501");
      check(!has_any(whole.refusal.reason, line_breaks_and_nul), "a refusal's reason is one line");
      return;
    }
    if (whole.state == web::ParsedRequest::State::incomplete) return;
    check(whole.consumed > 0 && whole.consumed <= input.size(), "a request consumes part of the input");
    check_request(whole.request, limits);
    if (!whole.keep_alive) return;
    input.remove_prefix(whole.consumed);
  }
}

}  // namespace

void http_request(std::string_view input) {
  parse_pipeline(input, web::ServerLimits{});
  web::ServerLimits small;
  small.max_header_bytes = 256;
  small.max_body_bytes = 64;
  parse_pipeline(input, small);
}

void url_encoding(std::string_view input) {
  for (bool plus_is_space : {false, true}) {
    if (const auto decoded = web::percent_decode(input, plus_is_space)) {
      check(decoded->find('\0') == std::string::npos, "a decoded text holds no NUL");
      check(decoded->size() <= input.size(), "decoding does not grow the text");
    }
  }
  const auto encoded = web::percent_encode(input);
  check(std::all_of(encoded.begin(), encoded.end(),
                    [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             std::string_view("-_.~%").find(c) != std::string_view::npos;
                    }),
        "percent_encode leaves only unreserved characters and escapes");
  if (input.find('\0') == std::string_view::npos) {
    check(web::percent_decode(encoded, false) == std::string(input), "percent_decode undoes percent_encode");
    check(web::percent_decode(encoded, true) == std::string(input), "an encoded '+' is not taken for a space");
  }
  if (const auto form = web::parse_form(input)) {
    for (const auto& [key, value] : *form) {
      check(key.find('\0') == std::string::npos && value.find('\0') == std::string::npos, "form fields hold no NUL");
    }
  }
  for (const auto& [name, value] : web::parse_cookies(input)) {
    check(!name.empty(), "cookie names are not empty");
    check(!has_any(name, ";=") && !has_any(value, ";"), "a cookie is split at ';' and its first '='");
    check(name.front() != ' ' && name.back() != ' ', "cookie names are trimmed");
    check(value.empty() || (value.front() != ' ' && value.back() != ' '), "cookie values are trimmed");
  }
}

void json_body(std::string_view input) {
  web::Request request;
  request.method = "POST";
  request.headers.emplace_back("content-type", "application/json");
  request.body = std::string(input);
  web::Json body;
  try {
    body = web::parse_json_object(request);
  } catch (const web::BadRequest&) {
    return;
  }
  check(body.is_object(), "parse_json_object returns an object");
  std::vector<std::string> fields{"at", "name", "postcode", "consent", "status", "due_on"};
  if (!body.empty()) fields.push_back(body.begin().key());
  for (const auto& field : fields) {
    try {
      const auto text = web::string_field(body, field);
      // "at" and "due_on" are times and dates the API parses from whatever string came.
      if (field == "at" || field == "due_on" || field == fields.back()) (void)domain::parse_timestamp(text);
    } catch (const domain::ValidationError& error) {
      check(!error.errors().empty() && error.errors().front().field == field, "a type error names its field");
    }
    try {
      (void)web::bool_field(body, field);
    } catch (const domain::ValidationError&) {
    }
  }
  const auto response = web::json_response(200, body);
  check(web::Json::parse(response.body, nullptr, false) == body, "an accepted object is written back unchanged");
}

namespace {

// What every & in escaped text must start.
constexpr std::array<std::string_view, 5> entities{"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};

void check_escaped(std::string_view escaped, std::string_view original) {
  check(!has_any(escaped, "<>\"'"), "escaped text holds no < > \" '");
  std::string unescaped;
  for (std::size_t i = 0; i < escaped.size();) {
    if (escaped[i] != '&') {
      unescaped.push_back(escaped[i++]);
      continue;
    }
    const auto entity = std::find_if(entities.begin(), entities.end(),
                                     [&](std::string_view e) { return escaped.substr(i).starts_with(e); });
    check(entity != entities.end(), "every & in escaped text starts an entity");
    unescaped.push_back(std::string_view("&<>\"'")[entity - entities.begin()]);
    i += entity->size();
  }
  check(unescaped == original, "escaping loses nothing");
}

web::TemplateData sample_data(std::string_view input) {
  web::TemplateData item;
  item.set("a", "<b title=\"x\">&amp;'</b>");
  web::TemplateData nested;
  nested.set("a", std::string(input));
  nested.set("flag", true);
  web::TemplateData data;
  data.set("a", "<script>alert('x')</script> & \"y\"");
  data.set("b", true);
  data.set("c", web::TemplateList{item, nested, web::TemplateData("text <i>")});
  data.set("d", false);
  data.set("e", nested);
  data.set("f", web::TemplateList{});
  data.set("input", std::string(input));
  return data;
}

}  // namespace

void template_source(std::string_view input) {
  check_escaped(web::html_escape(input), input);
  const auto data = sample_data(input);
  check(web::CompiledTemplate("{{input}}").render(data) == web::html_escape(input), "{{name}} is escaped");
  check(web::CompiledTemplate("{{{input}}}").render(data) == std::string(input), "{{{name}}} is raw");

  std::optional<web::CompiledTemplate> compiled;
  try {
    compiled.emplace(input);
  } catch (const std::runtime_error&) {
    return;
  }
  const auto output = compiled->render(data);
  // Escaped by default: with no markup of its own and no raw tag, a template
  // cannot put markup from the data on the page.
  const bool may_print_raw = has_any(input, "&") || input.find("{{{") != std::string_view::npos;
  if (!has_any(input, "<>\"'") && !may_print_raw) check(!has_any(output, "<>\"'"), "data is escaped by default");
  check(output == compiled->render(data), "rendering is repeatable");
}

void multipart(std::string_view input) {
  const auto newline = input.find('\n');
  const std::string_view first = input.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  const auto boundary = web::multipart_boundary("multipart/form-data; boundary=" + std::string(first));
  if (!boundary) return;
  const auto form = web::parse_multipart(body, *boundary);
  if (!form) return;
  if (form->fields.size() + form->files.size() > web::multipart_max_parts) throw Violation("more parts than allowed");
  for (const auto& [name, value] : form->fields) {
    if (body.find(value) == std::string_view::npos) throw Violation("field " + name + " is not a piece of the body");
  }
  for (const auto& [name, file] : form->files) {
    if (body.find(file.data) == std::string_view::npos) throw Violation("file " + name + " is not a piece of the body");
  }
}

void photo(std::string_view input) {
  // Small limits keep each run fast; the code paths are those of the real ones.
  image::PhotoLimits limits;
  limits.max_bytes = 256 * 1024;
  limits.max_width = 512;
  limits.max_height = 512;
  limits.output_side = 32;
  try {
    const auto square = image::square_photo(input, limits);
    if (square.side != limits.output_side) throw Violation("a photo of another size than asked");
    if (!square.jpeg.starts_with("\xFF\xD8\xFF") || !square.jpeg.ends_with("\xFF\xD9")) {
      throw Violation("the output is not a whole JPEG");
    }
  } catch (const image::PhotoError&) {
    // Refused: the promised outcome for anything that is not a good photo.
  }
}

}  // namespace gezicht::fuzz
