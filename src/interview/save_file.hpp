#pragma once
// The interview's save file, as a file: who may write it, what a killed save left behind, and
// what to do when a save fails. The answers' text is made elsewhere (load/answers_writer).
//
// - One interview per save file: an advisory lock (flock) on FILE.lock, held while the interview
//   runs, so a second interview on the same file refuses at once instead of overwriting it.
// - A save killed half-way leaves a temporary FILE.XXXXXX (util/atomic_file); those are removed
//   when the lock is taken, since no other save can be running then.
// - A failed save (a full disk) does not lose the answers: they stay in memory, the next save
//   writes them all, and `behind()` tells the caller that the file lags.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace psoas::interview {

class SaveFile {
 public:
  // Takes the lock for `path` and removes stale temporaries. Nullopt with `error` set if another
  // interview holds the file, or the lock cannot be made.
  static std::unique_ptr<SaveFile> open(const std::string& path, std::string& error);
  ~SaveFile();
  SaveFile(const SaveFile&) = delete;
  SaveFile& operator=(const SaveFile&) = delete;

  const std::string& path() const { return path_; }
  // The lock file to remove on the way out (a signal handler can unlink it), or "" if it is not
  // this interview's to remove.
  std::string lock_to_remove() const { return remove_lock_ ? path_ + ".lock" : std::string(); }
  // How many temporaries of killed saves were removed when the file was opened.
  int stale_removed() const { return stale_removed_; }

  // Replaces the file's content atomically. On failure returns why; the file keeps its last
  // good content and behind() is true until a later write succeeds.
  std::optional<std::string> write(std::string_view text);
  bool behind() const { return behind_; }

 private:
  SaveFile(std::string path, int lock_fd);
  std::string path_;
  int lock_fd_;
  bool remove_lock_ = false;
  int stale_removed_ = 0;
  bool behind_ = false;
};

}  // namespace psoas::interview
