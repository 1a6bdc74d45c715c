#include "util/error.hpp"

#include <fmt/format.h>

namespace psoas {

std::string to_string(const Error& error) {
  const Location& at = error.where;
  if (at.file.empty()) return error.message;
  if (at.line == 0) return fmt::format("{}: {}", at.file, error.message);
  if (at.column == 0) return fmt::format("{}:{}: {}", at.file, at.line, error.message);
  return fmt::format("{}:{}:{}: {}", at.file, at.line, at.column, error.message);
}

}  // namespace psoas
