// zstd compression of landed raw pages. JSON API pages shrink to a fraction
// of their size, and the manifest keeps the size and SHA-256 of the
// uncompressed body, so a page is checked after decompression.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace sprintetl::landing {

// Compresses `data` into one zstd frame at `level` (1-19; 3 is zstd's default).
std::string ZstdCompress(std::string_view data, int level = 3);

// Decompresses every zstd frame in `data`. Fails with kDataLoss naming
// `what` when the data is not zstd or is cut short.
Result<std::string> ZstdDecompress(std::string_view data, const std::string& what);

}  // namespace sprintetl::landing
