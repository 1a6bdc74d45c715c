#include "load/document.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "util/text.hpp"

namespace psoas::load {

const Entry* Node::find_entry(std::string_view key) const {
  for (const Entry& entry : entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

const Node* Node::find(std::string_view key) const {
  const Entry* entry = find_entry(key);
  return entry ? entry->value.get() : nullptr;
}

std::string_view describe(Node::Kind kind) {
  switch (kind) {
    case Node::Kind::Null: return "nothing";
    case Node::Kind::Scalar: return "a single value";
    case Node::Kind::Sequence: return "a list";
    case Node::Kind::Map: return "a mapping";
  }
  return "?";
}

namespace {

// Thrown from inside the event handler to stop the parser at the first refusal.
struct Refusal {
  YAML::Mark mark;
  std::string message;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, std::string_view text, const Limits& limits)
      : file_(file), text_(text), positions_(text), limits_(limits) {}

  Node take_root() { return std::move(root_); }
  bool has_root() const { return has_root_; }
  // Places come in file order, so TextPositions makes locating every node linear in all.
  Location locate(const YAML::Mark& mark) {
    if (mark.pos < 0) return {file_, 0, 0};
    const LineColumn at = positions_.at(static_cast<std::size_t>(mark.pos));
    return {file_, at.line, at.column};
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    refuse_anchor(mark, anchor);
    Node node;
    node.kind = Node::Kind::Null;
    node.at = locate(mark);
    add(std::move(node), mark);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw Refusal{mark,
                  "aliases (*name) are not accepted here; write the value out in full"};
  }

  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    throw Refusal{mark, "anchors (&name) are not accepted here; write the value out in full"};
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    if (expecting_key()) {
      Node& map = *stack_.back();
      if (!keys_.back().insert(value).second) {
        const Entry* first = map.find_entry(value);
        throw Refusal{mark, fmt::format("duplicate key '{}' (first given at line {}); each key "
                                        "may appear once",
                                        value, first ? first->key_at.line : 0)};
      }
      count(mark);
      map.entries.push_back(Entry{value, locate(mark), nullptr});
      return;
    }
    Node node;
    node.kind = Node::Kind::Scalar;
    node.at = locate(mark);
    node.text = value;
    node.quoted = tag == "!";
    const auto at = static_cast<std::size_t>(mark.pos);
    node.block = mark.pos >= 0 && at < text_.size() && (text_[at] == '|' || text_[at] == '>');
    add(std::move(node), mark);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::Kind::Sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::Kind::Map, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  bool expecting_key() const {
    if (stack_.empty() || stack_.back()->kind != Node::Kind::Map) return false;
    const auto& entries = stack_.back()->entries;
    return entries.empty() || entries.back().value != nullptr;
  }

  void refuse_anchor(const YAML::Mark& mark, YAML::anchor_t anchor) const {
    if (anchor != YAML::NullAnchor) {
      throw Refusal{mark, "anchors (&name) are not accepted here; write the value out in full"};
    }
  }

  void refuse_tag(const YAML::Mark& mark, const std::string& tag) const {
    if (!tag.empty() && tag != "?" && tag != "!") {
      throw Refusal{mark, fmt::format("tags ({}) are not accepted here; remove the tag", tag)};
    }
  }

  void count(const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      throw Refusal{mark, fmt::format("too many values (more than {}); this file is far larger "
                                      "than any valid one",
                                      limits_.max_nodes)};
    }
  }

  // Places a finished node: as the root, as a list item, or as the value of the pending key.
  Node* add(Node node, const YAML::Mark& mark) {
    count(mark);
    if (stack_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return &root_;
    }
    Node& parent = *stack_.back();
    if (parent.kind == Node::Kind::Sequence) {
      parent.items.push_back(std::move(node));
      return &parent.items.back();
    }
    if (expecting_key()) {
      throw Refusal{mark, "a key must be a plain name, not a list, a mapping or nothing (is a "
                          "bracket or brace left open?)"};
    }
    parent.entries.back().value = std::make_unique<Node>(std::move(node));
    return parent.entries.back().value.get();
  }

  void open(Node::Kind kind, const YAML::Mark& mark, const std::string& tag,
            YAML::anchor_t anchor) {
    refuse_anchor(mark, anchor);
    refuse_tag(mark, tag);
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      throw Refusal{mark, fmt::format("nested more than {} levels deep; no valid file is",
                                      limits_.max_depth)};
    }
    Node node;
    node.kind = kind;
    node.at = locate(mark);
    stack_.push_back(add(std::move(node), mark));
    keys_.emplace_back();
  }

  void close() {
    stack_.pop_back();
    keys_.pop_back();
  }

  const std::string& file_;
  std::string_view text_;
  TextPositions positions_;
  const Limits& limits_;
  Node root_;
  bool has_root_ = false;
  std::vector<Node*> stack_;
  std::vector<std::unordered_set<std::string>> keys_;
  std::size_t nodes_ = 0;
};

// Records a problem at a byte offset of the text.
void fail_at(Errors& errors, const std::string& file, std::string_view text, std::size_t offset,
             std::string message) {
  const LineColumn at = line_column_at(text, offset);
  errors.push_back({{file, at.line, at.column}, std::move(message)});
}

}  // namespace

std::optional<Node> parse_document(std::string_view text, const std::string& file,
                                   const Limits& limits, Errors& errors) {
  if (text.size() > limits.max_bytes) {
    errors.push_back({{file, 0, 0}, fmt::format("file is larger than the {} KiB limit",
                                                limits.max_bytes / 1024)});
    return std::nullopt;
  }
  if (auto bad = find_bad_byte(text)) {
    fail_at(errors, file, text, bad->offset,
            fmt::format("{}: this is not a UTF-8 text file", bad->what));
    return std::nullopt;
  }
  std::istringstream in{std::string(text)};
  TreeBuilder builder(file, text, limits);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_root()) {
      errors.push_back({{file, 1, 1}, "file is empty: expected a mapping of keys to values"});
      return std::nullopt;
    }
    Node root = builder.take_root();
    if (root.kind != Node::Kind::Map) {
      errors.push_back({root.at, fmt::format("expected a mapping of keys to values at the top, "
                                             "found {}",
                                             describe(root.kind))});
      return std::nullopt;
    }
    TreeBuilder rest(file, text, limits);
    if (parser.HandleNextDocument(rest)) {
      const Location at = rest.has_root() ? rest.take_root().at : Location{file, 0, 0};
      errors.push_back({at, "a second document ('---') follows; a file holds exactly one"});
      return std::nullopt;
    }
    return root;
  } catch (const Refusal& refusal) {
    errors.push_back({builder.locate(refusal.mark), refusal.message});
  } catch (const YAML::DeepRecursion& e) {
    errors.push_back({builder.locate(e.mark), "nested too deeply; no valid file is"});
  } catch (const YAML::Exception& e) {
    errors.push_back({builder.locate(e.mark), fmt::format("not valid YAML or JSON: {}", e.msg)});
  }
  return std::nullopt;
}

std::optional<std::string> read_file(const std::string& path, std::size_t max_bytes,
                                     Errors& errors) {
  const std::string name = path == "-" ? "<stdin>" : path;
  std::ifstream file;
  std::istream* in = &std::cin;
  struct stat input {};
  if (path == "-" && ::fstat(STDIN_FILENO, &input) == 0 && S_ISDIR(input.st_mode)) {
    errors.push_back({{name, 0, 0}, "is a folder, not a file (standard input was given a folder)"});
    return std::nullopt;
  }
  if (path != "-") {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      errors.push_back({{name, 0, 0}, "is a folder, not a file"});
      return std::nullopt;
    }
    file.open(path, std::ios::binary);
    if (!file) {
      errors.push_back({{name, 0, 0}, fmt::format("cannot open: {}", std::strerror(errno))});
      return std::nullopt;
    }
    in = &file;
  }
  std::string text;
  char chunk[16384];
  while (in->read(chunk, sizeof chunk) || in->gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in->gcount()));
    if (text.size() > max_bytes) {
      errors.push_back({{name, 0, 0}, fmt::format("file is larger than the {} KiB limit",
                                                  max_bytes / 1024)});
      return std::nullopt;
    }
  }
  if (in->bad()) {
    errors.push_back({{name, 0, 0}, fmt::format("cannot read: {}", std::strerror(errno))});
    return std::nullopt;
  }
  return text;
}

}  // namespace psoas::load
