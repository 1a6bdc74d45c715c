#pragma once
// SHA-256, from Nettle: the content hash that identifies a rule set, and the digest
// of a set of answers.
#include <memory>
#include <string>
#include <string_view>

namespace psoas {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  std::string hex_digest();  // Finishes the hash; call once.

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace psoas
