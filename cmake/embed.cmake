# Turns the rule-set files into a C++ source holding their bytes, so the binary carries its
# default rule set. Invoked as: cmake -DOUT=file.cpp -DFILES="a.yaml;b.yaml" -P embed.cmake
set(body "")
set(table "")
set(i 0)
foreach(path IN LISTS FILES)
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" hex HEX)
  string(LENGTH "${hex}" hex_len)
  math(EXPR size "${hex_len} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "static const char file_${i}[] = {${bytes} 0};\n")
  string(APPEND table "    {\"rules/${name}\", {file_${i}, ${size}}},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from rules/*.yaml by cmake/embed.cmake. Do not edit.
#include \"load/embedded_rules.hpp\"

namespace psoas::load {
namespace {
${body}
const EmbeddedFile files[] = {
${table}};
}  // namespace

std::span<const EmbeddedFile> embedded_rule_files() { return files; }
}  // namespace psoas::load
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
