#pragma once
// SHA-256 (FIPS 180-4), for the content hash that identifies a rule set.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace psoas {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::string hex_digest();  // Finishes the hash; call once.

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace psoas
