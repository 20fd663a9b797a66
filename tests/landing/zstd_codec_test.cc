#include "landing/zstd_codec.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "landing/run_folder.h"

namespace sprintetl::landing {
namespace {
namespace fs = std::filesystem;

std::string RepetitiveJson(int items) {
  std::string text = "{\"tasks\":[";
  for (int i = 0; i < items; ++i) {
    text += (i ? "," : "") + std::string("{\"id\":\"86c0a") + std::to_string(i) +
            "\",\"name\":\"Fix the \\\"quoted\\\" checkout bug ✓\",\"points\":3}";
  }
  return text + "]}";
}

class TempRoot {
 public:
  TempRoot() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("sprintetl-landing-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(ZstdCodecTest, RoundTripLargeBody) {
  std::string body = RepetitiveJson(5000);
  std::string packed = ZstdCompress(body);
  EXPECT_LT(packed.size(), body.size() / 5);
  auto unpacked = ZstdDecompress(packed, "test page");
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().ToString();
  EXPECT_EQ(*unpacked, body);
}

TEST(ZstdCodecTest, RoundTripEmptyBody) {
  auto unpacked = ZstdDecompress(ZstdCompress(""), "empty page");
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().ToString();
  EXPECT_EQ(*unpacked, "");
}

TEST(ZstdCodecTest, RejectsDataThatIsNotZstd) {
  auto unpacked = ZstdDecompress("{\"plain\":true}", "raw/clickup/000001.json.zst");
  ASSERT_FALSE(unpacked.ok());
  EXPECT_EQ(unpacked.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(unpacked.status().message().find("raw/clickup/000001.json.zst"), std::string::npos);
}

TEST(ZstdCodecTest, RejectsTruncatedFrame) {
  std::string packed = ZstdCompress(RepetitiveJson(200));
  auto unpacked = ZstdDecompress(packed.substr(0, packed.size() / 2), "half page");
  ASSERT_FALSE(unpacked.ok());
  EXPECT_EQ(unpacked.status().code(), StatusCode::kDataLoss);
}

TEST(RunFolderCompressionTest, PageIsStoredCompressedAndReadBack) {
  TempRoot root;
  auto run = RunFolder::Create(root.str(), "r1");
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  std::string body = RepetitiveJson(300);
  PageRecord record;
  record.source = "clickup";
  record.kind = "clickup.tasks";
  record.endpoint = "/v2/list/901/task";
  ASSERT_TRUE(run->WritePage(record, body).ok());

  auto manifest = run->ReadManifest();
  ASSERT_TRUE(manifest.ok());
  ASSERT_EQ(manifest->size(), 1u);
  const PageRecord& stored = manifest->front();
  EXPECT_EQ(stored.file, "raw/clickup/000000.json.zst");
  EXPECT_EQ(stored.bytes, static_cast<long long>(body.size()));
  EXPECT_EQ(stored.sha256, Sha256Hex(body));
  EXPECT_LT(fs::file_size(fs::path(run->path()) / stored.file), body.size() / 5);

  auto read = run->ReadPage(stored);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, body);
}

TEST(RunFolderCompressionTest, ChecksumMismatchIsDataLoss) {
  TempRoot root;
  auto run = RunFolder::Create(root.str(), "r1");
  ASSERT_TRUE(run.ok());
  PageRecord record;
  record.source = "hubspot";
  record.endpoint = "/crm/v3/objects/companies";
  ASSERT_TRUE(run->WritePage(record, "{\"results\":[1,2,3]}").ok());
  PageRecord stored = run->ReadManifest()->front();

  // A valid zstd file with another body: only the checksum can tell.
  std::ofstream(fs::path(run->path()) / stored.file, std::ios::binary | std::ios::trunc)
      << ZstdCompress("{\"results\":[1,2,4]}");
  auto read = run->ReadPage(stored);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(read.status().message().find("checksum"), std::string::npos)
      << read.status().message();
  EXPECT_NE(read.status().message().find("--full-refresh"), std::string::npos)
      << read.status().message();
}

TEST(RunFolderCompressionTest, DamagedPageNamesTheRemedy) {
  TempRoot root;
  auto run = RunFolder::Create(root.str(), "r1");
  ASSERT_TRUE(run.ok());
  PageRecord record;
  record.source = "clickup";
  record.endpoint = "/team/1/task";
  ASSERT_TRUE(run->WritePage(record, "{\"tasks\":[]}").ok());
  PageRecord stored = run->ReadManifest()->front();

  std::ofstream(fs::path(run->path()) / stored.file, std::ios::binary | std::ios::trunc)
      << "not zstd at all";
  auto read = run->ReadPage(stored);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(read.status().message().find("is not valid zstd data"), std::string::npos)
      << read.status().message();
  EXPECT_NE(read.status().message().find("--full-refresh"), std::string::npos)
      << read.status().message();
}

TEST(RunFolderCompressionTest, ReadsUncompressedPagesOfOlderFolders) {
  TempRoot root;
  auto created = RunFolder::Create(root.str(), "old");
  ASSERT_TRUE(created.ok());
  std::string body = "{\"teams\":[]}";
  fs::create_directories(fs::path(created->path()) / "raw" / "clickup");
  std::ofstream(fs::path(created->path()) / "raw/clickup/000000.json") << body;
  std::ofstream(fs::path(created->path()) / "manifest.jsonl")
      << "{\"source\":\"clickup\",\"kind\":\"clickup.teams\",\"endpoint\":\"/v2/team\","
         "\"file\":\"raw/clickup/000000.json\",\"bytes\":" << body.size()
      << ",\"sha256\":\"" << Sha256Hex(body) << "\"}\n";

  auto run = RunFolder::Open(root.str(), "old");
  ASSERT_TRUE(run.ok());
  auto read = run->ReadPage(run->ReadManifest()->front());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, body);
}

}  // namespace
}  // namespace sprintetl::landing
