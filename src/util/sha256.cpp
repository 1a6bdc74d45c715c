#include "util/sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace psoas {
namespace {

std::string to_hex(const unsigned char* digest, unsigned int size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '\0');
  for (unsigned int i = 0; i < size; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
  if (!context_->md || EVP_DigestInit_ex(context_->md, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 is not available");
  }
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  EVP_DigestUpdate(context_->md, bytes.data(), bytes.size());
}

std::string Sha256::hex_digest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(context_->md, digest, &size);
  return to_hex(digest, size);
}

std::string sha256_hex(std::string_view bytes) {
  // One context per thread, with the algorithm fetched once: OpenSSL 3 otherwise looks the
  // algorithm up on every call, which costs more than hashing a short text.
  struct Reused {
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    ~Reused() {
      EVP_MD_CTX_free(context);
      EVP_MD_free(md);
    }
  };
  thread_local Reused reused;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!reused.md || !reused.context || EVP_DigestInit_ex2(reused.context, reused.md, nullptr) != 1 ||
      EVP_DigestUpdate(reused.context, bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(reused.context, digest, &size) != 1) {
    throw std::runtime_error("SHA-256 is not available");
  }
  return to_hex(digest, size);
}

}  // namespace psoas
