// The landing zone: one folder per run holding every raw API response
// unchanged, a manifest that lists them, and the transform's stage files.
//
//   <root>/<run_id>/run.json              the run's parameters (clock, sprint)
//   <root>/<run_id>/manifest.jsonl        one PageRecord per line, append-only
//   <root>/<run_id>/raw/<source>/<n>.json.zst raw response bodies, zstd
//                                         (older folders: plain <n>.json)
//   <root>/<run_id>/stage/<table>.ndjson  typed rows written by the transform
//
// RunFolder is thread-safe for WritePage (extraction runs requests
// concurrently); other methods are for one thread.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sprintetl::landing {

// One raw response in the manifest.
struct PageRecord {
  std::string source;    // "clickup" or "hubspot"
  std::string kind;      // what the page holds, e.g. "clickup.tasks", "hubspot.companies"
  std::string endpoint;  // request path without host, e.g. "/v2/list/901/task"
  std::string query;     // query string or request body summary, never a secret
  int page = 0;          // page number within the endpoint, from 0
  std::map<std::string, std::string> context;  // e.g. {"list_id": "901"}
  std::string file;      // path relative to the run folder
  long long bytes = 0;
  std::string sha256;    // hex digest of the body
  std::string fetched_at;  // UTC ISO-8601
};

// Manifest context key naming the file of an earlier page that this page replaces, set when a
// resumed run fetches a damaged landed page again.
inline constexpr char kReplacesContext[] = "replaces";

// Fails with kInvalidArgument unless `run_id` is a plain folder name (letters, digits, '-',
// '_' and '.', not "." or ".."), so no run id reaches outside the landing root.
Status CheckRunId(const std::string& run_id);

class RunFolder {
 public:
  // Creates <root>/<run_id> with its manifest. Fails when it already exists.
  static Result<RunFolder> Create(const std::string& root, const std::string& run_id);

  // Opens an existing run folder. Fails with kNotFound naming the path.
  static Result<RunFolder> Open(const std::string& root, const std::string& run_id);

  RunFolder(RunFolder&& other) noexcept;
  RunFolder& operator=(RunFolder&&) = delete;

  const std::string& run_id() const { return run_id_; }
  const std::string& path() const { return path_; }

  // Writes `body` unchanged under raw/<source>/, fills in file, bytes,
  // sha256 and fetched_at, and appends the record to the manifest.
  Status WritePage(PageRecord record, std::string_view body);

  // Reads the manifest records in write order, leaving out each page a later
  // record replaces (context kReplacesContext).
  Result<std::vector<PageRecord>> ReadManifest() const;

  // Reads a page's body and checks its size and checksum. Fails with
  // kDataLoss naming the file when they do not match the manifest.
  Result<std::string> ReadPage(const PageRecord& record) const;

  // Path of the stage file of `table` (stage/<table>.ndjson).
  std::string StagePath(const std::string& table) const;

  // Reads and writes run.json, a small JSON object of run parameters.
  Status WriteRunInfo(const std::string& json_text);
  Result<std::string> ReadRunInfo() const;

 private:
  RunFolder(std::string run_id, std::string path);

  // Every manifest record in write order, replaced ones included.
  Result<std::vector<PageRecord>> ReadManifestLines() const;

  std::string run_id_;
  std::string path_;
  std::mutex mutex_;
  int next_file_number_ = 0;
};

// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace sprintetl::landing
