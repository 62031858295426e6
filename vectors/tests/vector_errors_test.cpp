// Malformed vectors: one test per class of error the loader promises to
// report, each checking the file, the exact JSON Pointer and the reason.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "cryptarchia/spec_conventions.hpp"
#include "test_support.hpp"

namespace cryptarchia::vectors {
namespace {

using namespace vectors::testing;
using nlohmann::json;

// spec-01: blocks 0-3 at slots 1-4, one peer holding genesis and all four.
json ex01() { return example_json(0); }
// spec-02: as spec-01, the local node holds the first two blocks.
json ex02() { return example_json(1); }
// spec-09: as spec-01, with a checkpoint at the slot-3 block.
json ex09() { return example_json(8); }

const std::string kUnknownId(64, 'a');

json fault(const std::string& request, json call, const std::string& kind) {
  return {{"request", request}, {"call", std::move(call)}, {"kind", kind}};
}

TEST(MalformedJson, ReportsTheBytePosition) {
  EXPECT_TRUE(load_rejected_at("{\"format\": \"cryptarchia-sync-vector\",\n  \"version\": }", "",
                               "malformed JSON at byte 52: parse error at line 2, column 14"));
}

TEST(MalformedJson, TruncatedFile) {
  const std::string text = dump_vector(examples()[0]);
  EXPECT_TRUE(load_rejected_at(text.substr(0, text.size() / 2), "", "malformed JSON at byte"));
  EXPECT_TRUE(load_rejected_at(text.substr(0, text.size() - 2), "", "unexpected end of input"));
}

TEST(MalformedJson, EmptyFile) {
  EXPECT_TRUE(load_rejected_at("", "", "empty file"));
  EXPECT_TRUE(load_rejected_at(" \n\t\n", "", "empty file"));
}

TEST(MalformedJson, TrailingContent) {
  EXPECT_TRUE(load_rejected_at(dump_vector(examples()[0]) + "{}", "", "malformed JSON"));
}

TEST(MalformedJson, InvalidUtf8) {
  EXPECT_TRUE(load_rejected_at("{\"id\": \"\xff\xfe\"}", "", "malformed JSON"));
}

TEST(MalformedJson, DuplicateKey) {
  EXPECT_TRUE(
      load_rejected_at(R"({"format": "a", "format": "b"})", "/format", "duplicate key \"format\""));
  EXPECT_TRUE(
      load_rejected_at(R"({"peers": [{"name": "a"}, [], {"tip": 1, "name": "a", "name": "b"}]})",
                       "/peers/2/name", "duplicate key"));
}

TEST(MalformedJson, NestingTooDeep) {
  const std::size_t depth = 200'000;
  std::string want;
  for (int i = 0; i < Limits::kMaxNesting; ++i) want += "/0";
  EXPECT_TRUE(load_rejected_at(std::string(depth, '[') + std::string(depth, ']'), want,
                               "nested deeper than 32 levels"));
}

TEST(MalformedJson, TooManyValues) {
  std::string text = "[";
  text.reserve(2 * Limits::kMaxJsonValues + 8);
  for (std::size_t i = 0; i < Limits::kMaxJsonValues; ++i) text += "0,";
  text += "0]";
  // The array itself is the first value, so element kMaxJsonValues - 1 is one too many.
  EXPECT_TRUE(load_rejected_at(text, "/" + std::to_string(Limits::kMaxJsonValues - 1),
                               "more than 8388608 JSON values"));
}

TEST(TopLevel, NotAnObject) {
  EXPECT_TRUE(load_rejected_at("[1, 2]", "", "expected an object, got an array"));
  EXPECT_TRUE(load_rejected_at("42", "", "expected an object, got an integer"));
  EXPECT_TRUE(load_rejected_at("\"vector\"", "", "expected an object, got a string"));
  EXPECT_TRUE(load_rejected_at("null", "", "expected an object, got null"));
}

TEST(WrongType, IsReportedWithBothTypes) {
  json j = ex01();
  j["blocks"][0]["header"]["slot"] = "1";
  EXPECT_TRUE(
      rejected_at(j, "/blocks/0/header/slot", "expected a non-negative integer, got a string"));
  j = ex01();
  j["peers"] = json::object();
  EXPECT_TRUE(rejected_at(j, "/peers", "expected an array, got an object"));
  j = ex01();
  j["description"] = 5;
  EXPECT_TRUE(rejected_at(j, "/description", "expected a string, got an integer"));
  j = ex01();
  j["blocks"][1]["header"]["proof"] = nullptr;
  EXPECT_TRUE(rejected_at(j, "/blocks/1/header/proof", "expected an object, got null"));
  j = ex01();
  j["local"]["blocks"][0] = true;  // adds an element to the empty list
  EXPECT_TRUE(rejected_at(j, "/local/blocks/0", "expected a hex string, got a boolean"));
}

TEST(MissingField, NamesTheFieldWhereItShouldBe) {
  json j = ex01();
  j["peers"][0].erase("tip");
  EXPECT_TRUE(rejected_at(j, "/peers/0/tip", "missing required field \"tip\""));
  j = ex01();
  j["blocks"][2]["header"]["proof"]["note"].erase("sk");
  EXPECT_TRUE(rejected_at(j, "/blocks/2/header/proof/note/sk", "missing required field \"sk\""));
  j = ex01();
  j.erase("budget");
  EXPECT_TRUE(rejected_at(j, "/budget", "missing required field"));
  j = ex01();
  j["local"].erase("checkpoint");
  EXPECT_TRUE(rejected_at(j, "/local/checkpoint", "missing required field"));
}

TEST(UnknownField, AtTheTopLevel) {
  json j = ex01();
  j["extra"] = 1;
  EXPECT_TRUE(rejected_at(j, "/extra", "unknown field \"extra\""));
}

TEST(UnknownField, AtEveryLevel) {
  json j = ex01();
  j["blocks"][2]["header"]["proof"]["signature"] = "x";
  EXPECT_TRUE(rejected_at(j, "/blocks/2/header/proof/signature", "unknown field"));
  j = ex01();
  j["expected"]["spec"]["rounds"] = 2;
  EXPECT_TRUE(rejected_at(j, "/expected/spec/rounds", "unknown field"));
  j = ex01();
  j["peers"][0]["faults"].push_back(fault("tip", 0, "fail_call"));
  j["peers"][0]["faults"][0]["delay"] = 5;
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/delay", "unknown field"));
  j = ex01();
  j["genesis"]["stake"][0]["weight"] = 1;
  EXPECT_TRUE(rejected_at(j, "/genesis/stake/0/weight", "unknown field"));
}

TEST(UnknownField, KeyIsEscapedInThePointer) {
  json j = ex01();
  j["config"]["a/b~c"] = 1;
  EXPECT_TRUE(rejected_at(j, "/config/a~1b~0c", "unknown field \"a/b~c\""));
}

TEST(BadHex, Uppercase) {
  json j = ex01();
  std::string id = j["genesis"]["id"];
  for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  j["genesis"]["id"] = id;
  EXPECT_TRUE(rejected_at(j, "/genesis/id", "expected 64 lowercase hex digits"));
}

TEST(BadHex, WrongLength) {
  json j = ex01();
  j["peers"][0]["blocks"][2] = std::string(63, 'a');
  EXPECT_TRUE(rejected_at(j, "/peers/0/blocks/2", "got 63 characters"));
}

TEST(BadHex, NotADigit) {
  json j = ex01();
  j["blocks"][3]["header"]["content_id"] = "00000g" + std::string(58, '0');
  EXPECT_TRUE(rejected_at(j, "/blocks/3/header/content_id", "got 'g' at position 5"));
}

TEST(Format, WrongName) {
  json j = ex01();
  j["format"] = "cryptarchia-block-vector";
  j["zzz"] = 1;  // the format is reported, not the unknown field
  EXPECT_TRUE(rejected_at(j, "/format", "not a sync vector"));
  j = ex01();
  j.erase("format");
  EXPECT_TRUE(rejected_at(j, "/format", "missing required field \"format\""));
}

TEST(Version, UnsupportedMajor) {
  json j = ex01();
  j["version"] = "2.0";
  EXPECT_TRUE(rejected_at(
      j, "/version", "unsupported major version 2 (\"2.0\"): this reader supports 1.x up to 1.5"));
  j["version"] = "0.9";
  EXPECT_TRUE(rejected_at(j, "/version", "unsupported major version 0"));
}

TEST(Version, NewerMinor) {
  json j = ex01();
  j["version"] = "1.6";
  EXPECT_TRUE(rejected_at(j, "/version",
                          "\"1.6\" is newer than this reader, which supports 1.x up to 1.5"));
}

// Fields of 1.1 in a document that declares 1.0 are refused (a 1.0 reader
// would refuse them as unknown); declared 1.1, they load.
TEST(Version, FieldsOfALaterMinorNeedIt) {
  json j = ex01();
  j["expected"]["spec"]["alternatives"] = json::array({j["expected"]["spec"]});
  EXPECT_TRUE(rejected_at(j, "/expected/spec/alternatives",
                          "needs version \"1.1\" or later; the vector declares \"1.0\""));
  j["version"] = "1.1";
  EXPECT_NO_THROW(from_json(j, "x.json"));
}

TEST(Alternatives, AreExpectationsWithoutAlternatives) {
  json j = ex01();
  j["version"] = "1.1";
  json alt = j["expected"]["spec"];
  alt["alternatives"] = json::array({j["expected"]["spec"]});
  j["expected"]["spec"]["alternatives"] = json::array({alt});
  EXPECT_TRUE(rejected_at(j, "/expected/spec/alternatives/0/alternatives", "unknown field"));
  j["expected"]["spec"]["alternatives"] = json::array();
  EXPECT_TRUE(rejected_at(j, "/expected/spec/alternatives", "an empty list"));
  j["expected"]["spec"]["alternatives"] = json::array({json{{"end", "sideways"}}});
  EXPECT_TRUE(rejected_at(j, "/expected/spec/alternatives/0/end", "sideways"));
}

TEST(Alternatives, RoundTripAndMatch) {
  json j = ex01();
  j["version"] = "1.1";
  json other = j["expected"]["spec"];
  other["tip"] = std::string(64, 'b');
  j["expected"]["spec"]["alternatives"] = json::array({other});
  const Scenario s = from_json(j, "x.json");
  ASSERT_EQ(s.expected.at(Profile::Spec).alternatives.size(), 1u);
  EXPECT_EQ(to_json(s)["expected"]["spec"]["alternatives"][0]["tip"], std::string(64, 'b'));
  EXPECT_EQ(to_json(s)["version"], "1.1");
  // the run matches the expectation itself, not the alternative
  const ScenarioRun run = run_scenario(s, Profile::Spec);
  EXPECT_TRUE(run.mismatches.empty());
  EXPECT_EQ(run.matched, 0u);
}

TEST(FailingPeer, MustNameAPeerAndAnAbort) {
  json j = ex01();  // one peer
  j["version"] = "1.1";
  j["expected"]["spec"] = json{{"end", "aborted"}, {"failing_peer", 1}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/failing_peer",
                          "peer 1 does not exist: the vector has 1 peer(s)"));
  j["expected"]["spec"] = json{{"end", "completed"}, {"failing_peer", 0}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/failing_peer",
                          "only allowed when \"end\" is \"aborted\""));
  j["expected"]["spec"] = json{{"end", "aborted"}, {"failing_peer", -1}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/failing_peer", ""));
}

TEST(Exhausted, OnlyABudgetEndAndAKnownName) {
  json j = ex01();
  j["version"] = "1.1";
  j["expected"]["spec"] = json{{"end", "completed"}, {"exhausted", "steps"}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/exhausted",
                          "only allowed when \"end\" is \"budget-exceeded\""));
  j["expected"]["spec"] = json{{"end", "budget-exceeded"}, {"exhausted", "patience"}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/exhausted", "patience"));
  j["version"] = "1.0";
  j["expected"]["spec"] = json{{"end", "budget-exceeded"}, {"exhausted", "steps"}};
  EXPECT_TRUE(rejected_at(j, "/expected/spec/exhausted", "1.1"));
}

TEST(Version, Malformed) {
  for (const char* bad : {"1", "v1.0", "1.0.0", "01.0", "1.", ".0", "1.-1", ""}) {
    json j = ex01();
    j["version"] = bad;
    EXPECT_TRUE(rejected_at(j, "/version", "version must be \"MAJOR.MINOR\"")) << bad;
  }
  json j = ex01();
  j["version"] = 1.0;
  EXPECT_TRUE(rejected_at(j, "/version", "expected a string"));
}

TEST(Blocks, DuplicateIds) {
  json j = ex01();
  j["blocks"].push_back(j["blocks"][0]);
  EXPECT_TRUE(rejected_at(j, "/blocks/4/id", "duplicate block id"));
  EXPECT_TRUE(rejected_at(j, "/blocks/4/id", "(also at /blocks/0/id)"));
}

TEST(Blocks, StatedIdDoesNotMatchTheHeader) {
  json j = ex01();
  j["blocks"][1]["header"]["content_size"] = 33;
  EXPECT_TRUE(rejected_at(j, "/blocks/1/id", "does not match the id recomputed from the header"));
}

TEST(Blocks, GenesisIdDoesNotMatchItsHeader) {
  json j = ex01();
  j["genesis"]["header"]["slot"] = 1;
  EXPECT_TRUE(rejected_at(j, "/genesis/id", "does not match the id recomputed"));
}

TEST(Blocks, GenesisMustNotBeListed) {
  json j = ex01();
  j["blocks"].push_back({{"id", j["genesis"]["id"]}, {"header", j["genesis"]["header"]}});
  EXPECT_TRUE(rejected_at(j, "/blocks/4/id", "is the genesis"));
}

TEST(Blocks, UnusedBlock) {
  json j = ex01();
  const GenesisState g = examples()[0].genesis;
  const BlockHeader extra = make_block(g.header.id(), 7, Note{10, 0});
  json entry = to_json(examples()[0])["blocks"][0];
  j["blocks"].push_back(entry);
  j["blocks"][4]["header"]["slot"] = 7;
  j["blocks"][4]["header"]["proof"]["slot"] = 7;
  j["blocks"][4]["header"]["parent"] = g.header.id().hex();
  j["blocks"][4]["header"]["proof"]["parent"] = g.header.id().hex();
  j["blocks"][4]["id"] = extra.id().hex();
  EXPECT_TRUE(rejected_at(j, "/blocks/4/id", "is not used"));
}

TEST(References, UnknownBlockInAPeer) {
  json j = ex01();
  j["peers"][0]["blocks"][2] = kUnknownId;
  EXPECT_TRUE(rejected_at(j, "/peers/0/blocks/2", "unknown block id " + kUnknownId));
}

TEST(References, UnknownPeerTip) {
  json j = ex01();
  j["peers"][0]["tip"] = kUnknownId;
  EXPECT_TRUE(rejected_at(j, "/peers/0/tip", "neither the genesis nor listed in /blocks"));
}

TEST(References, UnknownLocalBlock) {
  json j = ex02();
  j["local"]["blocks"][1] = kUnknownId;
  EXPECT_TRUE(rejected_at(j, "/local/blocks/1", "unknown block id"));
}

TEST(References, UnknownCheckpointBlock) {
  json j = ex09();
  j["local"]["checkpoint"]["block"] = kUnknownId;
  EXPECT_TRUE(rejected_at(j, "/local/checkpoint/block", "unknown block id"));
}

TEST(Numbers, Negative) {
  json j = ex01();
  j["blocks"][0]["header"]["slot"] = -1;
  EXPECT_TRUE(rejected_at(j, "/blocks/0/header/slot", "expected a non-negative integer, got -1"));
  j = ex01();
  j["budget"]["max_steps"] = -5;
  EXPECT_TRUE(rejected_at(j, "/budget/max_steps", "got -5"));
}

TEST(Numbers, NotAnInteger) {
  json j = ex01();
  j["config"]["k"] = 1.5;
  EXPECT_TRUE(rejected_at(j, "/config/k", "non-integer number 1.5"));
  j["config"]["k"] = 1.0;  // JSON "1.0" is not an integer here
  EXPECT_TRUE(rejected_at(j, "/config/k", "non-integer number"));
}

TEST(Numbers, ContentSizeAboveU32) {
  json j = ex01();
  j["blocks"][0]["header"]["content_size"] = 4294967296u;
  EXPECT_TRUE(rejected_at(j, "/blocks/0/header/content_size", "4294967296 > 4294967295 (u32)"));
}

TEST(Numbers, SlotAboveU64) {
  json j = ex01();
  j["blocks"][0]["header"]["slot"] = json::parse("18446744073709551616");
  EXPECT_TRUE(rejected_at(j, "/blocks/0/header/slot",
                          "integer out of range: at most 18446744073709551615 (u64)"));
}

TEST(Sizes, TooManyBlocks) {
  json j = ex01();
  j["blocks"] = json::array();
  for (std::size_t i = 0; i <= Limits::kMaxBlocks; ++i) j["blocks"].push_back(nullptr);
  EXPECT_TRUE(rejected_at(j, "/blocks", "too many elements: 100001, at most 100000"));
}

TEST(Sizes, TooManyPeers) {
  json j = ex01();
  j["peers"] = json::array();
  for (std::size_t i = 0; i <= Limits::kMaxPeers; ++i) j["peers"].push_back(nullptr);
  EXPECT_TRUE(rejected_at(j, "/peers", "too many elements: 1001, at most 1000"));
}

TEST(Sizes, TooManyFaultsOrTags) {
  json j = ex01();
  for (std::size_t i = 0; i <= Limits::kMaxFaultsPerPeer; ++i) {
    j["peers"][0]["faults"].push_back(fault("tip", i, "fail_call"));
  }
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults", "too many elements"));
  j = ex01();
  for (std::size_t i = 0; i <= Limits::kMaxTags; ++i) j["tags"].push_back("t" + std::to_string(i));
  EXPECT_TRUE(rejected_at(j, "/tags", "too many elements"));
}

TEST(Sizes, TenMegabyteString) {
  json j = ex01();
  j["description"] = std::string(10u << 20, 'x');
  EXPECT_TRUE(
      load_rejected_at(j.dump(), "/description", "string too long: 10485760 bytes, at most 65536"));
  j = ex01();
  j["peers"][0]["name"] = std::string(10u << 20, 'x');
  EXPECT_TRUE(rejected_at(j, "/peers/0/name", "string too long"));
}

TEST(Faults, FaultThatDoesNotFitItsRequest) {
  json j = ex01();
  j["peers"][0]["faults"].push_back(fault("blocks_from", 0, "fail_call"));
  j["peers"][0]["faults"].push_back(fault("tip", "every", "wrong_header"));
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/1/kind", "wrong_header applies to block_by_id only"));
  j["peers"][0]["faults"][1] = fault("block_by_id", 3, "reorder_stream");
  EXPECT_TRUE(
      rejected_at(j, "/peers/0/faults/1/kind", "fault does not fit its request \"block_by_id\""));
}

TEST(Faults, UnknownNames) {
  json j = ex01();
  j["peers"][0]["faults"].push_back(fault("tip", 0, "explode"));
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/kind",
                          "unknown value \"explode\": expected \"fail_call\""));
  j["peers"][0]["faults"][0] = fault("status", 0, "fail_call");
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/request", "unknown value \"status\""));
}

TEST(Faults, BadCall) {
  json j = ex01();
  j["peers"][0]["faults"].push_back(fault("tip", "sometimes", "fail_call"));
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/call", "a call number (0-based) or \"every\""));
  j["peers"][0]["faults"][0]["call"] = 18446744073709551615u;
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/call", "use \"every\""));
  j["peers"][0]["faults"][0]["call"] = -1;
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/call", "non-negative"));
}

TEST(Faults, MidStreamFailureNeedsItsParam) {
  json j = ex01();
  j["peers"][0]["faults"].push_back(fault("blocks_from", 0, "fail_mid_stream"));
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/param", "missing required field \"param\""));
}

TEST(Expected, UnknownProfile) {
  json j = ex01();
  j["expected"]["fast"] = {{"end", "completed"}};
  EXPECT_TRUE(
      rejected_at(j, "/expected/fast",
                  "unknown profile \"fast\": expected \"seed\", \"spec\", \"reference\" or \"ibd\""));
}

// 1.3: faults on the download request, end_stream_early, and the ibd
// profile's expectation; each refused in an older document, by name.
TEST(Version, DownloadFaultsAndTheIbdExpectationNeed1_3) {
  json j = ex01();
  j["peers"][0]["faults"] = json::array({json{{"request", "download"}, {"call", "every"},
                                              {"kind", "fail_call"}}});
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/request",
                          "needs version \"1.3\" or later; the vector declares \"1.0\""));
  j["version"] = "1.3";
  EXPECT_EQ(from_json(j, "x.json").peers[0].faults[0].request, RequestKind::Download);

  json k = ex01();
  k["peers"][0]["faults"] = json::array({json{{"request", "blocks_from"}, {"call", 0},
                                              {"kind", "end_stream_early"}, {"param", 2}}});
  EXPECT_TRUE(rejected_at(k, "/peers/0/faults/0/kind", "needs version \"1.3\""));
  k["version"] = "1.3";
  EXPECT_EQ(from_json(k, "x.json").peers[0].faults[0].kind, FaultKind::EndStreamEarly);
  k["peers"][0]["faults"][0].erase("param");
  EXPECT_TRUE(rejected_at(k, "/peers/0/faults/0/param", "missing required field \"param\""));
  k["peers"][0]["faults"][0]["param"] = 2;
  k["peers"][0]["faults"][0]["request"] = "tip";
  EXPECT_TRUE(rejected_at(k, "/peers/0/faults/0/kind", "applies to blocks_from and download only"));

  json m = ex01();
  m["expected"]["ibd"] = {{"end", "completed"}};
  EXPECT_TRUE(rejected_at(m, "/expected/ibd", "needs version \"1.3\""));
  m["version"] = "1.3";
  const Scenario s = from_json(m, "x.json");
  EXPECT_EQ(s.expected.count(Profile::Ibd), 1u);
  EXPECT_EQ(to_json(s)["version"], "1.3");  // the writer keeps what it needs
}

// 1.5: the off_path_blocks fault (download only) and not_online (a
// Bootstrapping server: tip and download), each refused by name in an older
// document and on a request it does not fit.
TEST(Version, OffPathBlocksAndNotOnlineNeed1_5) {
  json j = ex01();
  j["version"] = "1.4";
  j["peers"][0]["faults"] = json::array({json{{"request", "download"}, {"call", "every"},
                                              {"kind", "off_path_blocks"}}});
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/kind",
                          "needs version \"1.5\" or later; the vector declares \"1.4\""));
  j["version"] = "1.5";
  EXPECT_EQ(from_json(j, "x.json").peers[0].faults[0].kind, FaultKind::OffPathBlocks);
  EXPECT_EQ(to_json(from_json(j, "x.json"))["version"], "1.5");
  j["peers"][0]["faults"][0]["request"] = "blocks_from";
  EXPECT_TRUE(rejected_at(j, "/peers/0/faults/0/kind", "off_path_blocks applies to download only"));

  json k = ex01();
  k["version"] = "1.5";
  k["peers"][0]["faults"] = json::array({json{{"request", "tip"}, {"call", "every"},
                                              {"kind", "not_online"}},
                                         json{{"request", "download"}, {"call", 0},
                                              {"kind", "not_online"}}});
  EXPECT_EQ(from_json(k, "x.json").peers[0].faults[1].kind, FaultKind::NotOnline);
  k["peers"][0]["faults"][1]["request"] = "block_by_id";
  EXPECT_TRUE(rejected_at(k, "/peers/0/faults/1/kind", "not_online applies to tip and download only"));
  k["peers"][0]["faults"].erase(1);
  k["version"] = "1.3";
  EXPECT_TRUE(rejected_at(k, "/peers/0/faults/0/kind", "needs version \"1.5\""));
}

// 1.4: expectations under follower variants, keyed "profile+variant+...";
// the variants known, each once, in the order of variants() (one spelling
// per set), and refused in an older document by name.
TEST(Version, ExpectationsUnderVariantsNeed1_4) {
  json j = ex01();
  j["expected"]["spec+fold-over-all-tips"] = j["expected"]["spec"];
  EXPECT_TRUE(rejected_at(j, "/expected/spec+fold-over-all-tips",
                          "needs version \"1.4\" or later; the vector declares \"1.0\""));
  j["version"] = "1.4";
  const Scenario s = from_json(j, "x.json");
  ASSERT_EQ(s.expected_with_variants.size(), 1u);
  const RunAs as = s.expected_with_variants.begin()->first;
  EXPECT_EQ(as.profile, Profile::Spec);
  EXPECT_EQ(as.variants, Variants{Variant::FoldOverAllTips});
  EXPECT_NE(s.expectation(as), nullptr);
  EXPECT_EQ(s.expectation(RunAs(Profile::Spec, {Variant::ForkChoiceOnEveryBlock})), nullptr);
  EXPECT_EQ(to_json(s)["version"], "1.4");
  EXPECT_TRUE(to_json(s)["expected"].contains("spec+fold-over-all-tips"));

  // The valid vector with one more key; each is refused at that key.
  const auto refused = [&](const std::string& key, const std::string& message) {
    json bad = j;
    bad["expected"][key] = j["expected"]["spec"];
    return rejected_at(bad, "/expected/" + key, message);
  };
  EXPECT_TRUE(refused("spec+fold-over-all-tip", "unknown follower variant \"fold-over-all-tip\""));
  EXPECT_TRUE(refused("spec+fold-over-all-tips+density-window-includes-bound",
                      "names its variants out of order; write "
                      "\"spec+density-window-includes-bound+fold-over-all-tips\""));
  EXPECT_TRUE(refused("spec+fold-over-all-tips+fold-over-all-tips", "named twice"));
  EXPECT_TRUE(refused("fast+fold-over-all-tips",
                      "unknown profile \"fast+fold-over-all-tips\": expected \"seed\""));
  EXPECT_TRUE(refused("spec+", "unknown follower variant \"\""));
}

TEST(Expected, UnknownValues) {
  json j = ex01();
  j["expected"]["seed"]["end"] = "finished";
  EXPECT_TRUE(rejected_at(j, "/expected/seed/end", "unknown value \"finished\""));
  j = ex01();
  j["expected"]["seed"] = {{"end", "aborted"}, {"abort_kind", "timeout"}};
  EXPECT_TRUE(rejected_at(j, "/expected/seed/abort_kind", "unknown value \"timeout\""));
  j["expected"]["seed"] = {{"end", "aborted"}, {"block_status", "Accepted"}};
  EXPECT_TRUE(rejected_at(j, "/expected/seed/block_status", "unknown value \"Accepted\""));
}

TEST(Expected, AbortDetailsNeedAnAbortedEnd) {
  json j = ex01();
  j["expected"]["spec"]["failing_block"] = kUnknownId;
  EXPECT_TRUE(
      rejected_at(j, "/expected/spec/failing_block", "only allowed when \"end\" is \"aborted\""));
}

TEST(Expected, IdListedTwice) {
  json j = ex01();
  j["expected"]["seed"]["tree"][1] = j["expected"]["seed"]["tree"][0];
  EXPECT_TRUE(rejected_at(j, "/expected/seed/tree/1", "listed twice (the list is a set)"));
}

TEST(Peers, DuplicateNames) {
  json j = example_json(5);  // three peers
  j["peers"][2]["name"] = j["peers"][0]["name"];
  EXPECT_TRUE(
      rejected_at(j, "/peers/2/name", "duplicate peer name \"p0\" (also at /peers/0/name)"));
}

TEST(Peers, BlocksOutOfSlotOrder) {
  json j = ex01();
  std::swap(j["peers"][0]["blocks"][1], j["peers"][0]["blocks"][2]);
  EXPECT_TRUE(rejected_at(j, "/peers/0/blocks/2", "ascending slot order"));
}

TEST(Peers, BlockListedTwice) {
  json j = ex01();
  j["peers"][0]["blocks"].push_back(j["peers"][0]["blocks"][4]);
  EXPECT_TRUE(rejected_at(j, "/peers/0/blocks/5", "listed twice"));
}

TEST(Local, BlockTheLocalNodeCannotTake) {
  json j = ex02();
  j["local"]["blocks"].erase(0);  // the second block without its parent
  EXPECT_TRUE(
      rejected_at(j, "/local/blocks/0", "the local node cannot take this block: ParentNotFound"));
}

TEST(Stake, NoteDoesNotMatchItsCommitment) {
  json j = ex01();
  j["genesis"]["stake"][0]["note"]["value"] = 11;
  EXPECT_TRUE(rejected_at(j, "/genesis/stake/0/note", "the note's commitment is"));
}

TEST(Stake, DuplicateCommitment) {
  json j = ex01();
  j["genesis"]["stake"].push_back(j["genesis"]["stake"][0]);
  EXPECT_TRUE(rejected_at(j, "/genesis/stake/1/commitment", "duplicate stake commitment"));
}

TEST(Metadata, BadVectorId) {
  json j = ex01();
  j["id"] = "a/b";
  EXPECT_TRUE(rejected_at(j, "/id", "letters, digits"));
  j["id"] = ".hidden";
  EXPECT_TRUE(rejected_at(j, "/id", "must not start with '.'"));
  j["id"] = "";
  EXPECT_TRUE(rejected_at(j, "/id", "must not be empty"));
}

TEST(Metadata, DuplicateTag) {
  json j = ex01();
  j["tags"].push_back(j["tags"][0]);
  EXPECT_TRUE(rejected_at(j, "/tags/1", "duplicate tag"));
}

TEST(Mode, Unknown) {
  json j = ex01();
  j["mode"] = "Online";
  EXPECT_TRUE(rejected_at(j, "/mode", "expected \"bootstrapping\" or \"online\""));
}

TEST(Files, MissingFile) {
  const auto missing = test_dir() / "missing.json";
  try {
    (void)load_vector(missing);
    ADD_FAILURE() << "no error";
  } catch (const VectorError& e) {
    EXPECT_TRUE(error_matches(e, missing.string(), "", "cannot read"));
  }
}

// Every structural position, replaced by every odd kind of value: the
// loader either accepts it or throws VectorError, nothing else.
void collect_pointers(const json& v, const json::json_pointer& at,
                      std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) collect_pointers(child, at / key, out);
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) collect_pointers(v[i], at / i, out);
  }
}

// Fields a reader may go without: metadata, a fault's param, a stake note,
// the optional parts of an expectation, and the profiles themselves.
bool is_optional(const json::json_pointer& p) {
  static const std::set<std::string> top = {"/description", "/tags", "/reproduce"};
  const std::string path = p.to_string();
  const std::string parent = p.parent_pointer().to_string();
  const std::string key = p.back();
  if (top.count(path) != 0) return true;
  if (parent == "/expected") return true;
  if (parent.rfind("/expected/", 0) == 0 && std::count(parent.begin(), parent.end(), '/') == 2) {
    return key != "end";
  }
  if (key == "param" || (key == "note" && parent.rfind("/genesis/stake/", 0) == 0)) return true;
  return false;
}

std::vector<json::json_pointer> object_members(const json& v) {
  std::vector<json::json_pointer> all;
  collect_pointers(v, json::json_pointer(), all);
  std::vector<json::json_pointer> out;
  for (const auto& p : all) {
    if (!p.empty() && v[p.parent_pointer()].is_object()) out.push_back(p);
  }
  return out;
}

TEST(UnknownField, IsReportedInEveryObject) {
  const json base = ex09();
  std::vector<json::json_pointer> all;
  collect_pointers(base, json::json_pointer(), all);
  for (const auto& p : all) {
    if (!base[p].is_object()) continue;
    json j = base;
    j[p]["zz_unknown"] = 1;
    const std::string want = p.to_string() + "/zz_unknown";
    // Under /expected the keys are profile names.
    const char* reason = p.to_string() == "/expected" ? "unknown profile" : "unknown field";
    EXPECT_TRUE(rejected_at(j, want, reason)) << want;
  }
}

TEST(MissingField, IsReportedForEveryRequiredField) {
  const json base = ex09();
  for (const auto& p : object_members(base)) {
    json j = base;
    j[p.parent_pointer()].erase(p.back());
    if (is_optional(p)) {
      EXPECT_NO_THROW((void)from_json(j, "test.json")) << p.to_string();
    } else {
      EXPECT_TRUE(rejected_at(j, p.to_string(), "missing required field \"" + p.back() + "\""))
          << p.to_string();
    }
  }
}

TEST(WrongType, IsReportedAtEveryLeaf) {
  const json base = ex09();
  std::vector<json::json_pointer> all;
  collect_pointers(base, json::json_pointer(), all);
  for (const auto& p : all) {
    if (base[p].is_structured()) continue;
    json j = base;
    j[p] = json::array({1});
    const char* reason = p.to_string() == "/format" ? "not a sync vector" : "expected ";
    EXPECT_TRUE(rejected_at(j, p.to_string(), reason)) << p.to_string();
  }
}

TEST(Robustness, EveryValueReplacedByAnOddOne) {
  const std::vector<json> odd = {nullptr,
                                 -1,
                                 0,
                                 json::parse("1e300"),
                                 "",
                                 "x",
                                 json::array(),
                                 json::object(),
                                 true,
                                 18446744073709551615u,
                                 std::string(64, '0')};
  for (const std::size_t example : {std::size_t{8}, std::size_t{12}}) {
    const json base = example_json(example);
    std::vector<json::json_pointer> pointers;
    collect_pointers(base, json::json_pointer(), pointers);
    for (const auto& p : pointers) {
      for (const json& value : odd) {
        json j = base;
        j[p] = value;
        try {
          (void)from_json(j, "fuzz");
        } catch (const VectorError&) {
        } catch (const std::exception& e) {
          ADD_FAILURE() << p.to_string() << " = " << value.dump() << ": " << e.what();
        }
      }
    }
  }
}

TEST(Robustness, RandomByteDamage) {
  const std::string text = dump_vector(examples()[9]);
  const std::string alphabet = "{}[]\":,-.0123456789aefnlrstu \n\xff\\";
  std::mt19937 rng(20240501);
  for (int round = 0; round < 2000; ++round) {
    std::string damaged = text;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % damaged.size();
      switch (rng() % 3) {
        case 0: damaged[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: damaged.erase(at, 1 + rng() % 8); break;
        default: damaged.resize(at); break;
      }
      if (damaged.empty()) break;
    }
    try {
      (void)parse_vector(damaged, "fuzz");
    } catch (const VectorError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "round " << round << ": " << e.what();
    }
  }
}

// --- schedule (1.2): peers that change during the sync ----------------------

// ex01 with a schedule: peer 0 first holds genesis and block 0 only, and all
// four blocks from time 1 on.
json with_schedule() {
  json j = ex01();
  j["version"] = "1.2";
  json& peer = j["peers"][0];
  const json all = peer["blocks"];
  const json tip = peer["tip"];
  peer["blocks"] = json::array({all[0], all[1]});
  peer["tip"] = all[1];
  j["schedule"] = json::array(
      {json{{"at", 1}, {"peer", 0}, {"event", "update"}, {"blocks", all}, {"tip", tip}},
       json{{"at", 0}, {"peer", 0}, {"event", "slow"}, {"delay", 2}}});
  return j;
}

TEST(Schedule, LoadsAndRoundTrips) {
  const Scenario s = from_json(with_schedule(), "test.json");
  ASSERT_EQ(s.schedule.size(), 2u);
  EXPECT_EQ(s.schedule[0].kind, ScheduleEventKind::Update);
  EXPECT_EQ(s.schedule[0].at, 1u);
  EXPECT_EQ(s.schedule[1].kind, ScheduleEventKind::Slow);
  EXPECT_EQ(s.schedule[1].delay, 2u);
  const json again = to_json(s);
  EXPECT_EQ(again["version"], "1.2");
  EXPECT_EQ(again["schedule"], with_schedule()["schedule"]);
  EXPECT_EQ(dump_vector(from_json(again, "again.json")), dump_vector(s));
}

TEST(Schedule, NeedsVersion12) {
  json j = with_schedule();
  j["version"] = "1.1";
  EXPECT_TRUE(rejected_at(j, "/schedule", "needs version \"1.2\" or later; the vector declares \"1.1\""));
}

TEST(Schedule, ErrorsNameTheField) {
  json j = with_schedule();
  j["schedule"][1]["peer"] = 9;
  EXPECT_TRUE(rejected_at(j, "/schedule/1/peer", "no peer 9: the vector has 1 peer(s)"));
  j = with_schedule();
  j["schedule"][1]["event"] = "explode";
  EXPECT_TRUE(rejected_at(j, "/schedule/1/event", "unknown event \"explode\""));
  j = with_schedule();
  j["schedule"][1]["event"] = "join";
  EXPECT_TRUE(rejected_at(j, "/schedule/1/delay", "only allowed with \"event\": \"slow\""));
  j = with_schedule();
  j["schedule"][0].erase("blocks");
  EXPECT_TRUE(rejected_at(j, "/schedule/0/blocks", "missing required field \"blocks\""));
  j = with_schedule();
  j["schedule"][0]["blocks"][1] = kUnknownId;
  EXPECT_TRUE(rejected_at(j, "/schedule/0/blocks/1", "unknown block id"));
  j = with_schedule();
  j["schedule"][1]["delay"] = -1;
  EXPECT_TRUE(rejected_at(j, "/schedule/1/delay", ""));
  j = with_schedule();
  j["schedule"] = json::array({json{{"at", 1}, {"peer", 0}, {"event", "join"}},
                               json{{"at", 2}, {"peer", 0}, {"event", "join"}}});
  EXPECT_TRUE(rejected_at(j, "/schedule/1/event", "peer 0 joins twice"));
  j = with_schedule();
  j["schedule"][1]["colour"] = "red";
  EXPECT_TRUE(rejected_at(j, "/schedule/1/colour", ""));
}

// A loaded schedule runs: the reference follows peer 0's update.
TEST(Schedule, ALoadedScheduleRuns) {
  const Scenario s = from_json(with_schedule(), "test.json");
  const ScenarioRun run = run_scenario(s, Profile::Reference);
  EXPECT_EQ(run.result.end, SyncEnd::Completed) << run.result.summary();
  EXPECT_EQ(run.result.tip.hex(), ex01()["peers"][0]["tip"].get<std::string>());
}

}  // namespace
}  // namespace cryptarchia::vectors
