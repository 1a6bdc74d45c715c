#include "interview/save_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "util/atomic_file.hpp"

namespace psoas::interview {
namespace {

namespace fs = std::filesystem;

// FILE.XXXXXX as mkstemp makes it: the name, a dot and six letters or digits.
bool is_temporary_of(const std::string& name, const std::string& base) {
  if (name.size() != base.size() + 7 || name.compare(0, base.size(), base) != 0 ||
      name[base.size()] != '.') {
    return false;
  }
  for (std::size_t i = base.size() + 1; i < name.size(); ++i) {
    const char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return false;
    }
  }
  return true;
}

int remove_stale_temporaries(const std::string& path) {
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string base = target.filename().string();
  std::error_code ec;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!is_temporary_of(name, base)) continue;
    // Only a regular file this user owns: never someone else's file, a link or a device.
    struct stat info {};
    if (lstat(entry.path().c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
        info.st_uid != geteuid()) {
      continue;
    }
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace

SaveFile::SaveFile(std::string path, int lock_fd) : path_(std::move(path)), lock_fd_(lock_fd) {}

SaveFile::~SaveFile() {
  // Unlinked while still held, so a waiting interview cannot lock a file that is going away
  // (it checks, after locking, that the name still leads to the file it locked).
  if (remove_lock_) unlink((path_ + ".lock").c_str());
  close(lock_fd_);
}

std::unique_ptr<SaveFile> SaveFile::open(const std::string& path, std::string& error) {
  const std::string lock_path = path + ".lock";
  for (int attempt = 0; attempt < 10; ++attempt) {
    // A lock file is ours to remove if we make it, or if it is an empty one of ours that a
    // killed interview left; anything else by that name is left alone.
    bool ours = true;
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno == EEXIST) {
      fd = ::open(lock_path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
      struct stat info {};
      ours = fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size == 0 &&
             info.st_uid == geteuid();
    }
    if (fd < 0) {
      error = fmt::format("{}: cannot save the answers: cannot make its lock file: {}", path,
                          std::strerror(errno));
      return nullptr;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int why = errno;
      close(fd);
      error = why == EWOULDBLOCK
                  ? fmt::format("{}: another interview is saving its answers to this file; "
                                "finish or stop that one first (the lock is {})",
                                path, lock_path)
                  : fmt::format("{}: cannot lock: {}", lock_path, std::strerror(why));
      return nullptr;
    }
    // The holder before us may have unlinked the lock file as it ended: lock the one on disk.
    struct stat held {}, named {};
    if (fstat(fd, &held) == 0 && stat(lock_path.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      std::unique_ptr<SaveFile> file(new SaveFile(path, fd));
      file->remove_lock_ = ours;
      file->stale_removed_ = remove_stale_temporaries(path);
      return file;
    }
    close(fd);
  }
  error = fmt::format("{}: cannot lock: the lock file keeps changing", lock_path);
  return nullptr;
}

std::optional<std::string> SaveFile::write(std::string_view text) {
  auto failure = write_file_atomically(path_, text);
  behind_ = failure.has_value();
  return failure;
}

}  // namespace psoas::interview
