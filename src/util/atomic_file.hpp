#pragma once
// Writes a file so that readers see either the old content or the new, never a mix: a temporary
// file in the same folder, flushed to disk, then renamed over the target.
#include <optional>
#include <string>
#include <string_view>

namespace psoas {

// Returns an error message, or nullopt on success.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content);

}  // namespace psoas
