#pragma once
// SHA-1 (FIPS 180-4), for the data-independent writer order of training/dataset.h; not
// for security.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace inklens::training {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(std::string_view bytes);
std::string toHex(const Sha1Digest& digest);  // 40 lowercase hex digits

}  // namespace inklens::training
