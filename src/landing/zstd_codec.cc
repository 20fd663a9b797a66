#include "landing/zstd_codec.h"

#include <zstd.h>

#include <memory>

namespace sprintetl::landing {

std::string ZstdCompress(std::string_view data, int level) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), level);
  // With a destination of ZSTD_compressBound bytes, compression cannot fail
  // for lack of room; any other error is a broken libzstd.
  if (ZSTD_isError(size)) return std::string();
  out.resize(size);
  return out;
}

Result<std::string> ZstdDecompress(std::string_view data, const std::string& what) {
  std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> context(ZSTD_createDCtx(), ZSTD_freeDCtx);
  if (!context) return Internal("cannot allocate a zstd decompression context");

  std::string out;
  std::string buffer(ZSTD_DStreamOutSize(), '\0');
  ZSTD_inBuffer input{data.data(), data.size(), 0};
  size_t last = 0;
  for (;;) {
    ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
    last = ZSTD_decompressStream(context.get(), &output, &input);
    if (ZSTD_isError(last)) {
      return DataLoss(what + " is not valid zstd data (" + ZSTD_getErrorName(last) + ")");
    }
    out.append(buffer.data(), output.pos);
    // A full output buffer may leave decoded bytes inside the context.
    bool drained = output.pos < output.size;
    if (input.pos == input.size && drained) break;
  }
  if (data.empty() || last != 0) {
    return DataLoss(what + " ends in the middle of a zstd frame; the file is truncated");
  }
  return out;
}

}  // namespace sprintetl::landing
