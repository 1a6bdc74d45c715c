#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace psoas {
namespace {

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::optional<std::string> write_file_atomically(const std::string& path,
                                                 std::string_view content) {
  std::string temp_name = path + ".XXXXXX";
  std::vector<char> name(temp_name.begin(), temp_name.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return std::string(std::strerror(errno));
  auto fail = [&](int error) -> std::optional<std::string> {
    close(fd);
    unlink(name.data());
    return std::string(std::strerror(error));
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (fchmod(fd, 0600) != 0 || fsync(fd) != 0) return fail(errno);
  if (close(fd) != 0) {
    const int error = errno;
    unlink(name.data());
    return std::string(std::strerror(error));
  }
  if (rename(name.data(), path.c_str()) != 0) {
    const int error = errno;
    unlink(name.data());
    return std::string(std::strerror(error));
  }
  // Make the rename itself durable.
  const int dir = open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
  return std::nullopt;
}

}  // namespace psoas
