#include "web/template_engine.hpp"

#include <algorithm>
#include <stdexcept>

namespace gezicht::web {

std::uint32_t TemplateData::hash_key(std::string_view key) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (unsigned char c : key) hash = (hash ^ c) * 16777619u;
  return hash;
}

void TemplateData::set(std::string key, TemplateData value) {
  if (kind_ != Kind::object)
    throw std::logic_error("TemplateData::set('" + key + "') on a value that is not an object");
  const auto hash = hash_key(key);
  for (auto& entry : entries_) {
    if (entry.hash == hash && entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  }
  // Most objects get several keys: one allocation instead of four.
  if (entries_.empty()) entries_.reserve(8);
  entries_.push_back({hash, std::move(key), std::move(value)});
}

const TemplateData* TemplateData::get(std::string_view key, std::uint32_t hash) const {
  if (kind_ != Kind::object) return nullptr;
  for (const auto& entry : entries_) {
    if (entry.hash == hash && entry.key == key) return &entry.value;
  }
  return nullptr;
}

void append_html_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the characters not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      default: continue;
    }
    out.append(text.substr(run, i - run));
    out.append(entity);
    run = i + 1;
  }
  out.append(text.substr(run));
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

namespace {

using Node = CompiledTemplate::Node;

struct Token {
  char sigil = 0;  // 0: text; 'v': {{name}}; '{' or '&': raw; '#', '^', '/', '!'
  std::string value;
  int line = 1;
};

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

[[noreturn]] void fail(int line, const std::string& message) {
  throw std::runtime_error("template line " + std::to_string(line) + ": " + message);
}

// Text is split after each newline, so every line ends in its own token.
void add_text(std::vector<Token>& tokens, std::string_view text, int& line) {
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const auto length = newline == std::string_view::npos ? text.size() : newline + 1;
    tokens.push_back({0, std::string(text.substr(0, length)), line});
    if (newline != std::string_view::npos) ++line;
    text.remove_prefix(length);
  }
}

std::vector<Token> tokenize(std::string_view source) {
  std::vector<Token> tokens;
  int line = 1;
  std::size_t at = 0;
  while (at < source.size()) {
    const auto open = source.find("{{", at);
    if (open == std::string_view::npos) {
      add_text(tokens, source.substr(at), line);
      break;
    }
    add_text(tokens, source.substr(at, open - at), line);
    const bool triple = open + 2 < source.size() && source[open + 2] == '{';
    const std::string_view closer = triple ? "}}}" : "}}";
    const auto content_start = open + (triple ? 3 : 2);
    const auto close = source.find(closer, content_start);
    if (close == std::string_view::npos) fail(line, "unclosed tag");
    const std::string_view content = source.substr(content_start, close - content_start);
    Token token{'v', trim(content), line};
    if (triple) {
      token.sigil = '{';
    } else if (!token.value.empty() && std::string_view("#^/!&>=").find(token.value[0]) != std::string_view::npos) {
      token.sigil = token.value[0];
      token.value = trim(std::string_view(token.value).substr(1));
    }
    if (token.sigil == '=') fail(line, "delimiter changes are not supported");
    if (token.sigil != '!') {
      if (token.value.empty()) fail(line, "a tag without a name");
      if (token.value != "." && token.value.find('.') != std::string::npos) {
        fail(line, "dotted names are not supported: " + token.value);
      }
    }
    for (char c : content) line += c == '\n';
    tokens.push_back(std::move(token));
    at = close + closer.size();
  }
  return tokens;
}

// A partial on a line of its own leaves no blank line either: its own text
// brings the lines it needs.
bool is_block_tag(char sigil) { return sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' || sigil == '>'; }

// A line holding only section, end and comment tags and whitespace leaves no
// trace in the output (Mustache's "standalone" rule), so templates can put
// each tag on a line of its own without littering the page with blank lines.
void drop_standalone_lines(std::vector<Token>& tokens) {
  std::vector<Token> kept;
  kept.reserve(tokens.size());
  std::size_t begin = 0;
  while (begin < tokens.size()) {
    std::size_t end = begin;
    while (end < tokens.size() && !(tokens[end].sigil == 0 && tokens[end].value.ends_with('\n'))) ++end;
    if (end < tokens.size()) ++end;  // the newline belongs to the line
    bool block_tag = false;
    bool standalone = true;
    for (std::size_t i = begin; i < end && standalone; ++i) {
      if (tokens[i].sigil == 0) {
        standalone = is_blank(tokens[i].value);
      } else if (is_block_tag(tokens[i].sigil)) {
        block_tag = true;
      } else {
        standalone = false;
      }
    }
    for (std::size_t i = begin; i < end; ++i) {
      if (block_tag && standalone && tokens[i].sigil == 0) continue;
      kept.push_back(std::move(tokens[i]));
    }
    begin = end;
  }
  tokens = std::move(kept);
}

// Parses one template or partial into nodes. `including` names the partials
// being parsed around this one, outermost first, to refuse a cycle.
void parse_into(std::vector<Node>& root, std::size_t& typical_size, std::string_view source,
                const PartialSources& partials, std::vector<std::string>& including) {
  auto tokens = tokenize(source);
  drop_standalone_lines(tokens);
  struct Open {
    std::vector<Node>* nodes;
    const Token* section;
  };
  std::vector<Open> open{{&root, nullptr}};
  for (const auto& token : tokens) {
    auto& nodes = *open.back().nodes;
    switch (token.sigil) {
      case 0:
        typical_size += token.value.size();
        if (!nodes.empty() && nodes.back().kind == Node::Kind::text) {
          nodes.back().value += token.value;
        } else {
          nodes.push_back({Node::Kind::text, token.value, {}});
        }
        break;
      case 'v': nodes.push_back({Node::Kind::escaped, token.value, {}, TemplateData::hash_key(token.value)}); break;
      case '{':
      case '&': nodes.push_back({Node::Kind::raw, token.value, {}, TemplateData::hash_key(token.value)}); break;
      case '!': break;
      case '>': {
        const auto found = partials.find(token.value);
        if (found == partials.end()) fail(token.line, "unknown partial {{> " + token.value + "}}");
        if (std::find(including.begin(), including.end(), token.value) != including.end()) {
          std::string chain;
          for (const auto& name : including) chain += name + " > ";
          fail(token.line, "partial cycle: " + chain + token.value);
        }
        including.push_back(token.value);
        try {
          parse_into(nodes, typical_size, found->second, partials, including);
        } catch (const std::runtime_error& error) {
          // Names the partial, once: the innermost one where the error is.
          const std::string what = error.what();
          if (what.starts_with("partial ")) throw;
          throw std::runtime_error("partial " + token.value + ": " + what);
        }
        including.pop_back();
        break;
      }
      case '#':
      case '^':
        nodes.push_back({token.sigil == '#' ? Node::Kind::section : Node::Kind::inverted,
                         token.value,
                         {},
                         TemplateData::hash_key(token.value)});
        open.push_back({&nodes.back().children, &token});
        break;
      case '/':
        if (open.size() == 1) fail(token.line, "{{/" + token.value + "}} closes no section");
        if (open.back().section->value != token.value) {
          fail(token.line, "{{/" + token.value + "}} closes {{#" + open.back().section->value + "}} of line " +
                               std::to_string(open.back().section->line));
        }
        open.pop_back();
        break;
      default: fail(token.line, std::string("unknown tag kind ") + token.sigil);
    }
  }
  if (open.size() > 1) {
    fail(open.back().section->line, "section {{#" + open.back().section->value + "}} is never closed");
  }
}

}  // namespace

CompiledTemplate::CompiledTemplate(std::string_view source, const PartialSources& partials) {
  std::vector<std::string> including;
  parse_into(nodes_, typical_size_, source, partials, including);
}

namespace {

using Stack = std::vector<const TemplateData*>;

const TemplateData* lookup(const Stack& stack, const Node& node) {
  if (node.value == ".") return stack.back();
  for (auto frame = stack.rbegin(); frame != stack.rend(); ++frame) {
    if (const auto* found = (*frame)->get(node.value, node.hash)) return found;
  }
  return nullptr;
}

void render_nodes(const std::vector<Node>& nodes, Stack& stack, std::string& out) {
  for (const auto& node : nodes) {
    switch (node.kind) {
      case Node::Kind::text: out += node.value; break;
      case Node::Kind::escaped:
      case Node::Kind::raw: {
        const auto* value = lookup(stack, node);
        // Only texts print; a flag, list or object prints nothing, as in Mustache.
        if (!value || value->kind() != TemplateData::Kind::text) break;
        if (node.kind == Node::Kind::escaped) {
          append_html_escaped(out, value->text());
        } else {
          out += value->text();
        }
        break;
      }
      case Node::Kind::section: {
        const auto* value = lookup(stack, node);
        if (!value || value->is_falsy()) break;
        if (value->kind() == TemplateData::Kind::list) {
          for (const auto& item : value->list()) {
            stack.push_back(&item);
            render_nodes(node.children, stack, out);
            stack.pop_back();
          }
        } else {
          stack.push_back(value);
          render_nodes(node.children, stack, out);
          stack.pop_back();
        }
        break;
      }
      case Node::Kind::inverted: {
        const auto* value = lookup(stack, node);
        if (!value || value->is_falsy()) render_nodes(node.children, stack, out);
        break;
      }
    }
  }
}

}  // namespace

void CompiledTemplate::render_to(std::string& out, const TemplateData& data) const {
  Stack stack{&data};
  stack.reserve(8);
  render_nodes(nodes_, stack, out);
}

std::string CompiledTemplate::render(const TemplateData& data) const {
  constexpr std::size_t reserve_cap = 1 << 20;
  std::string out;
  out.reserve(std::max(typical_size_ + typical_size_ / 2, largest_output_.load(std::memory_order_relaxed)));
  render_to(out, data);
  const auto size = std::min(out.size(), reserve_cap);
  if (size > largest_output_.load(std::memory_order_relaxed)) largest_output_.store(size, std::memory_order_relaxed);
  return out;
}

}  // namespace gezicht::web
