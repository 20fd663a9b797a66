#include "landing/run_folder.h"

#include <algorithm>
#include <cctype>

#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "landing/zstd_codec.h"

namespace sprintetl::landing {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifest = "manifest.jsonl";

nlohmann::json ToJson(const PageRecord& r) {
  return {{"source", r.source},   {"kind", r.kind},       {"endpoint", r.endpoint},
          {"query", r.query},     {"page", r.page},       {"context", r.context},
          {"file", r.file},       {"bytes", r.bytes},     {"sha256", r.sha256},
          {"fetched_at", r.fetched_at}};
}

PageRecord FromJson(const nlohmann::json& j) {
  PageRecord r;
  r.source = j.value("source", "");
  r.kind = j.value("kind", "");
  r.endpoint = j.value("endpoint", "");
  r.query = j.value("query", "");
  r.page = j.value("page", 0);
  r.context = j.value("context", std::map<std::string, std::string>{});
  r.file = j.value("file", "");
  r.bytes = j.value("bytes", 0LL);
  r.sha256 = j.value("sha256", "");
  r.fetched_at = j.value("fetched_at", "");
  return r;
}

Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Writes to a temporary name first, so a killed run never leaves half a file
// under the final name.
Status WriteWholeFile(const fs::path& path, std::string_view data) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Unavailable("cannot write " + tmp.string() + "; check the disk and rights");
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return Unavailable("writing " + tmp.string() + " failed; is the disk full?");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Unavailable("cannot rename " + tmp.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

RunFolder::RunFolder(std::string run_id, std::string path)
    : run_id_(std::move(run_id)), path_(std::move(path)) {}

RunFolder::RunFolder(RunFolder&& other) noexcept
    : run_id_(std::move(other.run_id_)),
      path_(std::move(other.path_)),
      next_file_number_(other.next_file_number_) {}

Status CheckRunId(const std::string& run_id) {
  // A run id names a folder directly under the landing root, so a path would reach outside it.
  bool plain = !run_id.empty() && run_id != "." && run_id != ".." &&
               std::all_of(run_id.begin(), run_id.end(), [](unsigned char ch) {
                 return std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.';
               });
  if (plain) return Status::Ok();
  return InvalidArgument("'" + run_id + "' is not a run id; give an id as `sprintetl status` "
                         "lists it (such as r20261117T120000Z), not a path");
}

Result<RunFolder> RunFolder::Create(const std::string& root, const std::string& run_id) {
  SPRINTETL_RETURN_IF_ERROR(CheckRunId(run_id));
  fs::path dir = fs::path(root) / run_id;
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    return FailedPrecondition("landing folder " + dir.string() +
                              " already exists; use a new run id or --resume " + run_id);
  }
  fs::create_directories(dir / "raw", ec);
  if (!ec) fs::create_directories(dir / "stage", ec);
  if (ec) {
    return Unavailable("cannot create landing folder " + dir.string() + ": " + ec.message());
  }
  std::ofstream(dir / kManifest, std::ios::app).close();
  return RunFolder(run_id, dir.string());
}

Result<RunFolder> RunFolder::Open(const std::string& root, const std::string& run_id) {
  SPRINTETL_RETURN_IF_ERROR(CheckRunId(run_id));
  fs::path dir = fs::path(root) / run_id;
  std::error_code ec;
  if (!fs::exists(dir / kManifest, ec)) {
    return NotFound("landing folder " + dir.string() + " has no " + kManifest +
                    "; check the run id and landing root");
  }
  RunFolder folder(run_id, dir.string());
  // Replaced pages keep their files, so numbering counts every line.
  SPRINTETL_ASSIGN_OR_RETURN(auto records, folder.ReadManifestLines());
  folder.next_file_number_ = static_cast<int>(records.size());
  return folder;
}

Status RunFolder::WritePage(PageRecord record, std::string_view body) {
  std::lock_guard<std::mutex> lock(mutex_);

  // Pages are stored zstd-compressed; bytes and sha256 describe the body as
  // the API sent it, so ReadPage checks it after decompression.
  char name[32];
  std::snprintf(name, sizeof(name), "%06d.json.zst", next_file_number_++);
  fs::path relative = fs::path("raw") / record.source / name;
  std::error_code ec;
  fs::create_directories(fs::path(path_) / "raw" / record.source, ec);
  SPRINTETL_RETURN_IF_ERROR(WriteWholeFile(fs::path(path_) / relative, ZstdCompress(body)));

  record.file = relative.string();
  record.bytes = static_cast<long long>(body.size());
  record.sha256 = Sha256Hex(body);
  record.fetched_at = FormatUtcMillis(std::chrono::system_clock::now());

  std::ofstream manifest(fs::path(path_) / kManifest, std::ios::app);
  manifest << ToJson(record).dump() << '\n';
  manifest.flush();
  if (!manifest) return Unavailable("cannot append to the manifest in " + path_);
  return Status::Ok();
}

Result<std::vector<PageRecord>> RunFolder::ReadManifest() const {
  SPRINTETL_ASSIGN_OR_RETURN(std::vector<PageRecord> records, ReadManifestLines());
  std::set<std::string> replaced;
  for (const PageRecord& record : records) {
    auto replaces = record.context.find(kReplacesContext);
    if (replaces != record.context.end()) replaced.insert(replaces->second);
  }
  if (replaced.empty()) return records;

  std::vector<PageRecord> unreplaced;
  for (PageRecord& record : records) {
    if (replaced.count(record.file) == 0) unreplaced.push_back(std::move(record));
  }
  return unreplaced;
}

Result<std::vector<PageRecord>> RunFolder::ReadManifestLines() const {
  fs::path path = fs::path(path_) / kManifest;
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path.string());

  std::vector<PageRecord> records;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    std::string problem;
    try {
      records.push_back(FromJson(nlohmann::json::parse(line)));
    } catch (const nlohmann::json::parse_error& e) {
      problem = "is not valid JSON (column " + std::to_string(e.byte) + ")";
    } catch (const nlohmann::json::exception&) {
      problem = "is JSON but not a page record with the expected field types";
    }
    if (problem.empty()) continue;

    // A run killed mid-append leaves a partial last line; earlier lines are intact.
    if (in.peek() == EOF) break;
    return DataLoss("landing manifest " + path.string() + " is damaged: line " +
                    std::to_string(line_number) + " " + problem + ". The pages of run " +
                    run_id_ + " cannot be read; start a new run with `sprintetl run "
                    "--full-refresh`, which reads every record from the APIs, or remove the "
                    "folder " + path_ + " if that run is no longer needed");
  }
  return records;
}

Result<std::string> RunFolder::ReadPage(const PageRecord& record) const {
  fs::path path = fs::path(path_) / record.file;
  SPRINTETL_ASSIGN_OR_RETURN(std::string body, ReadWholeFile(path));
  // Folders landed before compression hold plain .json files.
  // A damaged page cannot be repaired from the landing folder, so only a full read replaces
  // it, whether the page is the run's own or one carried from the incremental base run.
  const std::string advice =
      "; the file changed after it landed, so run again with --full-refresh to read the "
      "sources again";
  if (path.extension() == ".zst") {
    Result<std::string> decoded = ZstdDecompress(body, "landing page " + path.string());
    if (!decoded.ok()) return DataLoss(decoded.status().message() + advice);
    body = std::move(decoded).value();
  }
  if (static_cast<long long>(body.size()) != record.bytes || Sha256Hex(body) != record.sha256) {
    return DataLoss("landing page " + path.string() + " (" + record.endpoint + " page " +
                    std::to_string(record.page) + ") does not match its manifest checksum" +
                    advice);
  }
  return body;
}

std::string RunFolder::StagePath(const std::string& table) const {
  return (fs::path(path_) / "stage" / (table + ".ndjson")).string();
}

Status RunFolder::WriteRunInfo(const std::string& json_text) {
  return WriteWholeFile(fs::path(path_) / "run.json", json_text);
}

Result<std::string> RunFolder::ReadRunInfo() const {
  return ReadWholeFile(fs::path(path_) / "run.json");
}

}  // namespace sprintetl::landing
