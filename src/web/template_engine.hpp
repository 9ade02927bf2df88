#pragma once
// A small Mustache engine for the subset the pages use: {{name}} (escaped),
// {{{name}}} and {{& name}} (raw), {{#section}}, {{^inverted}}, {{/end}},
// {{! comment}}, {{.}} and partials {{> name}}. Templates are parsed once into
// a tree, partials included, so a partial costs nothing per render; rendering
// appends to one string. It replaced kainjow's engine, which re-walked and
// copied its context on every lookup and cost half of the household page.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace gezicht::web {

// What a template is rendered with: an object (the default), a list, a text
// or a flag. Objects keep their keys in insertion order and are searched
// linearly, comparing a 32-bit hash of each key before the key itself: the
// household page's top object has some sixty keys, and every lookup of a
// section's name passes through it.
class TemplateData {
 public:
  enum class Kind { object, list, text, flag };

  TemplateData() = default;
  TemplateData(std::string text) : kind_(Kind::text), text_(std::move(text)) {}
  TemplateData(const char* text) : kind_(Kind::text), text_(text) {}
  TemplateData(std::string_view text) : kind_(Kind::text), text_(text) {}
  TemplateData(bool flag) : kind_(Kind::flag), flag_(flag) {}
  TemplateData(std::vector<TemplateData> list) : kind_(Kind::list), list_(std::move(list)) {}
  // A number would silently become a flag; format it as text instead.
  template <typename Number>
  requires(std::is_arithmetic_v<Number> && !std::is_same_v<Number, bool>) TemplateData(Number)
  = delete;

  Kind kind() const { return kind_; }
  // Sets or replaces a key of an object; throws std::logic_error on a non-object.
  void set(std::string key, TemplateData value);
  // The value of a key of an object, or nullptr (also for non-objects).
  const TemplateData* get(std::string_view key) const { return get(key, hash_key(key)); }
  // The same with the key's hash_key() already known (templates compute it once).
  const TemplateData* get(std::string_view key, std::uint32_t hash) const;
  static std::uint32_t hash_key(std::string_view key);

  const std::string& text() const { return text_; }
  // A list's items (empty for anything else).
  const std::vector<TemplateData>& list() const { return list_; }
  // A section is skipped for false and for an empty list, as in Mustache.
  bool is_falsy() const { return (kind_ == Kind::flag && !flag_) || (kind_ == Kind::list && list_.empty()); }

 private:
  Kind kind_ = Kind::object;
  bool flag_ = false;
  struct Entry;  // an object's key, its hash_key() and its value

  std::string text_;
  std::vector<TemplateData> list_;
  // One vector per object, so an object costs one allocation.
  std::vector<Entry> entries_;
};

struct TemplateData::Entry {
  std::uint32_t hash = 0;
  std::string key;
  TemplateData value;
};

using TemplateList = std::vector<TemplateData>;

// Appends text with & < > " ' replaced by entities.
void append_html_escaped(std::string& out, std::string_view text);
std::string html_escape(std::string_view text);

// The sources of the partials a template may include, by name ("form_field").
using PartialSources = std::map<std::string, std::string, std::less<>>;

// One parsed template. Immutable after construction, so threads share it.
class CompiledTemplate {
 public:
  // A partial {{> name}} is parsed from `partials` and put in place of its
  // tag, so it renders with the context where it stands. Throws
  // std::runtime_error naming the line for unclosed tags or sections,
  // mismatched ends, an unknown partial, a partial that includes itself
  // (directly or through others), and tags this engine does not support
  // (delimiter changes).
  explicit CompiledTemplate(std::string_view source, const PartialSources& partials = {});
  CompiledTemplate(CompiledTemplate&& other) noexcept
      : nodes_(std::move(other.nodes_)),
        typical_size_(other.typical_size_),
        largest_output_(other.largest_output_.load(std::memory_order_relaxed)) {}
  CompiledTemplate& operator=(CompiledTemplate&&) = delete;

  std::string render(const TemplateData& data) const;
  void render_to(std::string& out, const TemplateData& data) const;

  struct Node {
    enum class Kind { text, escaped, raw, section, inverted };
    Kind kind = Kind::text;
    std::string value;  // text, or the name looked up
    std::vector<Node> children;
    std::uint32_t hash = 0;  // TemplateData::hash_key(value) for names
  };

 private:
  std::vector<Node> nodes_;
  std::size_t typical_size_ = 0;  // the bytes of literal text, to reserve the output
  // The largest output so far (up to a cap): a page of lists is mostly
  // data, and growing its string step by step copied it a dozen times.
  mutable std::atomic<std::size_t> largest_output_{0};
};

}  // namespace gezicht::web
