// Files other people wrote (issue 7): truncated at every byte, files that
// are not files, directory loops, parent cycles, parents that do not exist,
// absurd budgets and absurd but well-formed values. Each is refused at load
// time with the file, the JSON Pointer and the reason, or, where the format
// allows it, loads and then runs to an end under every profile.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <limits>

#include "cryptarchia/spec_conventions.hpp"
#include "test_support.hpp"

namespace cryptarchia::vectors {
namespace {

using namespace vectors::testing;
using nlohmann::json;

constexpr std::uint64_t kU64Max = std::numeric_limits<std::uint64_t>::max();

json header_json(const BlockHeader& h) {
  return {{"slot", h.slot},
          {"parent", h.parent.hex()},
          {"content_size", h.content_size},
          {"content_id", h.content_id.hex()},
          {"proof",
           {{"note", {{"value", h.proof.note.value}, {"sk", h.proof.note.sk}}},
            {"slot", h.proof.slot},
            {"parent", h.proof.parent.hex()}}}};
}

// Adds `h` to the block table and to the end of peer 0's blocks.
void give_peer_zero(json& j, const BlockHeader& h) {
  j["blocks"].push_back({{"id", h.id().hex()}, {"header", header_json(h)}});
  j["peers"][0]["blocks"].push_back(h.id().hex());
}

// Every profile runs the scenario to one of its three ends, quickly.
::testing::AssertionResult runs_to_an_end(const Scenario& s) {
  for (const Profile p : kAllProfiles) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
      (void)run_scenario(s, p);
    } catch (const std::exception& e) {
      return ::testing::AssertionFailure() << to_string(p) << " threw: " << e.what();
    }
    if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(10)) {
      return ::testing::AssertionFailure() << to_string(p) << " took more than 10 s";
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(Truncated, EveryPrefixIsRefusedWithAPosition) {
  const std::string text = dump_vector(examples()[0]);
  ASSERT_EQ(text.back(), '\n');
  // Without its trailing newline the text is still the whole document.
  for (std::size_t n = 0; n + 1 < text.size(); ++n) {
    try {
      (void)parse_vector(std::string_view(text).substr(0, n), "cut.json");
      ADD_FAILURE() << "a prefix of " << n << " bytes was accepted";
    } catch (const VectorError& e) {
      ASSERT_EQ(e.file(), "cut.json");
      const bool whole = e.reason().rfind("malformed JSON at byte ", 0) == 0 ||
                         e.reason().rfind("empty file", 0) == 0;
      ASSERT_TRUE(whole) << n << ": " << e.what();
    }
  }
  EXPECT_NO_THROW((void)parse_vector(std::string_view(text).substr(0, text.size() - 1), "x"));
}

TEST(NotAFile, TooLargeIsRefusedBeforeItIsRead) {
  const auto file = test_dir() / "huge.json";
  write_file(file, "{");
  std::filesystem::resize_file(file, Limits::kMaxFileBytes + 1);  // sparse: no disk used
  try {
    (void)load_vector(file);
    ADD_FAILURE() << "accepted";
  } catch (const VectorError& e) {
    EXPECT_TRUE(error_matches(e, file.string(), "", "file too large: 268435457 bytes"));
  }
}

TEST(NotAFile, FifoDeviceAndDirectoryAreRefusedWithoutBlocking) {
  const auto dir = test_dir();
  const auto fifo = dir / "fifo.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const auto subdir = dir / "dir.json";
  std::filesystem::create_directories(subdir);
  for (const std::filesystem::path& p : {fifo, std::filesystem::path("/dev/zero"), subdir}) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
      (void)load_vector(p);
      ADD_FAILURE() << p << " accepted";
    } catch (const VectorError& e) {
      EXPECT_TRUE(error_matches(e, p.string(), "", "cannot read")) << p;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2)) << p;
  }
  // A directory walk lists regular files only.
  write_file(dir / "a.json", dump_vector(examples()[0]));
  EXPECT_EQ(find_vectors(dir), std::vector<std::filesystem::path>{dir / "a.json"});
}

TEST(NotAFile, SymlinkLoopDoesNotTrapTheWalk) {
  const auto dir = test_dir();
  write_file(dir / "sub" / "a.json", dump_vector(examples()[0]));
  std::filesystem::create_directory_symlink(dir, dir / "sub" / "loop");
  std::filesystem::create_directory_symlink(dir / "sub", dir / "sub" / "self");
  EXPECT_EQ(find_vectors(dir), std::vector<std::filesystem::path>{dir / "sub" / "a.json"});
}

// Ids are hashes of headers that contain the parent's id, so a cycle (or a
// block that is its own parent) cannot be written with matching ids: the
// loader stops at the first id that does not match its header.
TEST(Cycles, ABlockThatIsItsOwnParent) {
  json j = example_json(0);
  j["blocks"][0]["header"]["parent"] = j["blocks"][0]["id"];
  j["blocks"][0]["header"]["proof"]["parent"] = j["blocks"][0]["id"];
  EXPECT_TRUE(rejected_at(j, "/blocks/0/id", "does not match the id recomputed from the header"));
}

TEST(Cycles, TwoBlocksThatAreEachOthersParent) {
  json j = example_json(0);
  ASSERT_EQ(j["blocks"][1]["header"]["parent"], j["blocks"][0]["id"]);
  j["blocks"][0]["header"]["parent"] = j["blocks"][1]["id"];
  j["blocks"][0]["header"]["proof"]["parent"] = j["blocks"][1]["id"];
  EXPECT_TRUE(rejected_at(j, "/blocks/0/id", "does not match the id recomputed from the header"));
}

TEST(Cycles, GenesisParentIsAnyId) {
  // The genesis names a parent no one has; that is not a cycle either.
  json j = example_json(0);
  j["genesis"]["header"]["parent"] = j["blocks"][3]["id"];
  EXPECT_TRUE(rejected_at(j, "/genesis/id", "does not match the id recomputed"));
}

// A peer may hold blocks no honest node accepts, an orphan among them: the
// format allows it (ParentNotFound is a behaviour to test), and every
// profile copes.
TEST(MissingParents, APeerMayHoldAnOrphanAndEveryProfileCopes) {
  json j = example_json(0);
  give_peer_zero(j, make_block(Id::from_hex(std::string(64, 'a')), 9, Note{10, 0}));
  const Scenario s = from_json(j, "orphan.json");
  EXPECT_TRUE(runs_to_an_end(s));
}

TEST(MissingParents, ALocalOrphanIsRefused) {
  json j = example_json(0);
  const BlockHeader orphan = make_block(Id::from_hex(std::string(64, 'b')), 9, Note{10, 0});
  give_peer_zero(j, orphan);
  j["local"]["blocks"].push_back(orphan.id().hex());
  EXPECT_TRUE(rejected_at(j, "/local/blocks/0", "ParentNotFound"));
}

TEST(MissingParents, ACheckpointWithAnUnknownParentLoadsAndRuns) {
  json j = example_json(8);  // spec-09: a checkpoint
  const BlockHeader orphan = make_block(Id::from_hex(std::string(64, 'c')), 7, Note{10, 0});
  give_peer_zero(j, orphan);
  j["local"]["checkpoint"]["block"] = orphan.id().hex();
  const Scenario s = from_json(j, "checkpoint-orphan.json");
  EXPECT_TRUE(runs_to_an_end(s));
}

TEST(AbsurdSizes, BudgetBeyondTheLibraryDefaultIsRefused) {
  json j = example_json(0);
  j["budget"]["max_requests"] = kU64Max;
  EXPECT_TRUE(rejected_at(j, "/budget/max_requests",
                          "absurd budget: 18446744073709551615 requests, at most 10000000"));
  j = example_json(0);
  j["budget"]["max_steps"] = Limits::kMaxSteps + 1;
  EXPECT_TRUE(rejected_at(j, "/budget/max_steps", "absurd budget: 100000001 steps"));
  j["budget"] = {{"max_requests", Limits::kMaxRequests}, {"max_steps", Limits::kMaxSteps}};
  EXPECT_NO_THROW((void)from_json(j, "largest.json"));
}

// Values the format allows however odd: k and s of 0 or 2^64-1, a block at
// the last slot. They load, and every profile runs them to an end.
TEST(AbsurdValues, ExtremeConfigsRunToAnEnd) {
  int ran = 0;
  for (const std::size_t example : {std::size_t{0}, std::size_t{4}, std::size_t{9}}) {
    for (const auto& [k, s] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
             {0, 0}, {0, 1}, {1, 0}, {kU64Max, kU64Max}, {kU64Max, 0}, {0, kU64Max}}) {
      json j = example_json(example);
      j["config"] = {{"k", k}, {"s", s}};
      Scenario scenario;
      try {
        scenario = from_json(j, "config.json");
      } catch (const VectorError& e) {
        // Refusing is fine (the local blocks may not apply); it names where.
        EXPECT_FALSE(e.json_path().empty()) << e.what();
        continue;
      }
      EXPECT_TRUE(runs_to_an_end(scenario)) << "example " << example << " k=" << k << " s=" << s;
      ++ran;
    }
  }
  EXPECT_GE(ran, 12);  // most load: only some local starts stop applying
}

TEST(AbsurdValues, ABlockAtTheLastSlotRunsToAnEnd) {
  json j = example_json(0);
  const Id tip = Id::from_hex(j["peers"][0]["tip"].get<std::string>());
  const BlockHeader last = make_block(tip, kU64Max, Note{10, 0});
  give_peer_zero(j, last);
  j["peers"][0]["tip"] = last.id().hex();
  const Scenario s = from_json(j, "last-slot.json");
  EXPECT_TRUE(runs_to_an_end(s));
}

}  // namespace
}  // namespace cryptarchia::vectors

namespace cryptarchia::vectors {
namespace {

using namespace vectors::testing;

// Found by fuzz_vector_loader: a number too large for a double escaped the
// loader as nlohmann's out_of_range, not as a VectorError with a pointer.
TEST(FuzzFindings, ANumberTooLargeForADoubleIsRefusedWhereItIs) {
  EXPECT_TRUE(load_rejected_at(R"({"format": 1e999})", "/format",
                               "malformed JSON: number overflow parsing '1e999'"));
  std::string text = dump_vector(examples()[0]);
  const std::string k = "\"k\": 1,";
  ASSERT_NE(text.find(k), std::string::npos);
  text.replace(text.find(k), k.size(), "\"k\": -941e0513,");
  EXPECT_TRUE(load_rejected_at(text, "/config/k", "number overflow parsing '-941e0513'"));
}

// Every input a fuzzer ever crashed the loader with, exactly as found.
TEST(FuzzFindings, EveryCrashingInputIsNowRefusedWithAVectorError) {
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(CSC_FUZZ_REGRESSIONS "/fuzz_vector_loader")) {
    ++files;
    try {
      (void)load_vector(entry.path());
      ADD_FAILURE() << entry.path() << " loads";
    } catch (const VectorError& e) {
      EXPECT_EQ(e.file(), entry.path().string());
    } catch (const std::exception& e) {
      ADD_FAILURE() << entry.path() << ": " << e.what();
    }
  }
  EXPECT_GE(files, 1);
}

}  // namespace
}  // namespace cryptarchia::vectors
