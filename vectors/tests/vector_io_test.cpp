// Round trips: spec examples, peer storage order, fake tips, faults,
// expectations and stake through the vector format, and the file helpers.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "cryptarchia/spec_conventions.hpp"
#include "test_support.hpp"

namespace cryptarchia::vectors {
namespace {

using namespace vectors::testing;

const Note kA{10, 0};
const Note kB{10, 1};
const Note kUnstaked{10, 2};

class SpecExampleVector : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SpecExampleVector, JsonRoundTripIsExact) {
  const nlohmann::json first = to_json(examples()[GetParam()]);
  const Scenario loaded = from_json(first, "spec");
  EXPECT_EQ(to_json(loaded), first);
  EXPECT_EQ(dump_vector(loaded), dump_vector(examples()[GetParam()]));
}

TEST_P(SpecExampleVector, LoadedScenarioRunsLikeTheOriginal) {
  const Scenario& original = examples()[GetParam()];
  const Scenario loaded = from_json(to_json(original), "spec");
  ASSERT_EQ(loaded.expected.size(), original.expected.size());
  for (const Profile p : kAllProfiles) {
    const ScenarioRun a = run_scenario(original, p);
    const ScenarioRun b = run_scenario(loaded, p);
    EXPECT_TRUE(b.mismatches.empty()) << to_string(p) << ": " << b.result.summary();
    EXPECT_EQ(a.result.end, b.result.end) << to_string(p);
    EXPECT_EQ(a.result.tip, b.result.tip) << to_string(p);
    EXPECT_EQ(a.result.forks, b.result.forks) << to_string(p);
    EXPECT_EQ(a.result.tree, b.result.tree) << to_string(p);
    EXPECT_EQ(a.result.requests, b.result.requests) << to_string(p);
    EXPECT_EQ(a.result.rounds, b.result.rounds) << to_string(p);
    EXPECT_EQ(a.result.steps, b.result.steps) << to_string(p);
    EXPECT_EQ(a.result.abort.has_value(), b.result.abort.has_value()) << to_string(p);
  }
}

TEST_P(SpecExampleVector, FileRoundTripIsByteIdentical) {
  const Scenario& original = examples()[GetParam()];
  const auto file = test_dir() / (original.id + ".json");
  save_vector(original, file);
  const Scenario loaded = load_vector(file);
  EXPECT_EQ(dump_vector(loaded), dump_vector(original));
  EXPECT_EQ(loaded.id, original.id);
  EXPECT_EQ(loaded.description, original.description);
  EXPECT_EQ(loaded.tags, original.tags);
  EXPECT_EQ(loaded.config, original.config);
  EXPECT_EQ(loaded.genesis.commitments, original.genesis.commitments);
  EXPECT_EQ(loaded.genesis.header, original.genesis.header);
  EXPECT_EQ(loaded.local_blocks, original.local_blocks);
  EXPECT_EQ(loaded.checkpoint.has_value(), original.checkpoint.has_value());
  if (loaded.checkpoint) {
    EXPECT_EQ(loaded.checkpoint->header, original.checkpoint->header);
    EXPECT_EQ(loaded.checkpoint->state, original.checkpoint->state);
  }
}

INSTANTIATE_TEST_SUITE_P(All, SpecExampleVector, ::testing::Range<std::size_t>(0, 13),
                         [](const auto& info) { return "spec" + std::to_string(info.param + 1); });

TEST(VectorText, IsCanonical) {
  const std::string text = dump_vector(examples()[0]);
  EXPECT_EQ(
      text.rfind(
          "{\n  \"format\": \"cryptarchia-sync-vector\",\n  \"version\": \"1.0\",\n  \"id\": ", 0),
      0u);
  ASSERT_GE(text.size(), 2u);
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
  EXPECT_EQ(text, dump_vector(examples()[0]));
}

// A scenario around one peer built by hand.
Scenario one_peer_scenario(std::shared_ptr<PeerView> view, const GenesisState& g) {
  Scenario s;
  s.id = "hand-made";
  s.genesis = g;
  s.peers.push_back({"peer", std::move(view), {}});
  return s;
}

std::vector<Id> streamed_ids(const PeerView& view) {
  InMemoryPeer peer(std::make_shared<PeerView>(view));
  std::vector<Id> out;
  const auto stream = peer.blocks_from(0);
  while (auto b = stream->next()) out.push_back(b->id());
  return out;
}

TEST(PeerStorageOrder, RoundTripsExactly) {
  const GenesisState g = make_genesis({kA, kB});
  const BlockHeader a1 = make_block(g.header.id(), 1, kA);
  const BlockHeader b1 = make_block(g.header.id(), 1, kB);
  const BlockHeader x1 = make_block(g.header.id(), 1, kUnstaked);
  const BlockHeader a2 = make_block(a1.id(), 2, kA);
  auto view = std::make_shared<PeerView>();
  // Out of slot order, and within slot 1 in an order unrelated to the ids.
  for (const BlockHeader& h : {a2, x1, g.header, b1, a1}) view->add(h);
  view->set_tip(a2);
  const Scenario s = one_peer_scenario(view, g);

  const Scenario loaded = from_json(to_json(s), "test");
  const PeerView& got = *loaded.peers.at(0).view;
  EXPECT_EQ(got.by_slot(), view->by_slot());
  EXPECT_EQ(streamed_ids(got), streamed_ids(*view));
  EXPECT_EQ(got.tip(), a2);
}

TEST(PeerStorageOrder, GenesisIsHeldOnlyWhenListed) {
  const GenesisState g = make_genesis({kA});
  const BlockHeader a1 = make_block(g.header.id(), 1, kA);
  auto without = std::make_shared<PeerView>();
  without->add(a1);
  without->set_tip(a1);
  Scenario s = one_peer_scenario(without, g);
  auto with = std::make_shared<PeerView>(*without);
  with->add(g.header);
  s.peers.push_back({"second", with, {}});

  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j["peers"][0]["blocks"].size(), 1u);
  EXPECT_EQ(j["peers"][1]["blocks"][0], g.header.id().hex());
  EXPECT_EQ(j["blocks"].size(), 1u);  // the genesis is never in the block table
  const Scenario loaded = from_json(j, "test");
  EXPECT_EQ(loaded.peers[0].view->find(g.header.id()), nullptr);
  EXPECT_NE(loaded.peers[1].view->find(g.header.id()), nullptr);
}

TEST(FakeTip, IsStoredInTheBlockTableButNotHeldByThePeer) {
  const GenesisState g = make_genesis({kA});
  const BlockHeader a1 = make_block(g.header.id(), 1, kA);
  const BlockHeader fake = make_block(a1.id(), 9, kA);
  auto view = std::make_shared<PeerView>();
  view->add(g.header);
  view->add(a1);
  view->set_tip(fake);
  const Scenario s = one_peer_scenario(view, g);

  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j["peers"][0]["tip"], fake.id().hex());
  EXPECT_EQ(j["peers"][0]["blocks"].size(), 2u);
  EXPECT_EQ(j["blocks"].size(), 2u);
  const Scenario loaded = from_json(j, "test");
  EXPECT_EQ(loaded.peers[0].view->tip(), fake);
  EXPECT_EQ(loaded.peers[0].view->find(fake.id()), nullptr);
  EXPECT_EQ(to_json(loaded), j);
}

TEST(Faults, EveryKindRoundTrips) {
  const GenesisState g = make_genesis({kA});
  auto view = std::make_shared<PeerView>();
  view->add(g.header);
  view->set_tip(g.header);
  Scenario s = one_peer_scenario(view, g);
  s.peers[0].faults = {
      Fault{RequestKind::Tip, 0, FaultKind::FailCall, 0},
      Fault{RequestKind::BlocksFrom, Fault::kEveryCall, FaultKind::FailMidStream, 3},
      Fault{RequestKind::BlocksFrom, 0, FaultKind::FailMidStream, 0},
      Fault{RequestKind::BlocksFrom, 2, FaultKind::ReorderStream, 0},
      Fault{RequestKind::BlocksFrom, 5, FaultKind::DuplicateBlocks, 0},
      Fault{RequestKind::BlockById, Fault::kEveryCall, FaultKind::WrongHeader, 0},
      Fault{RequestKind::BlockById, 1, FaultKind::FailCall, 7},
  };
  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j["peers"][0]["faults"][1]["call"], "every");
  EXPECT_FALSE(j["peers"][0]["faults"][0].contains("param"));
  EXPECT_EQ(j["peers"][0]["faults"][2]["param"], 0);  // always written for fail_mid_stream
  EXPECT_EQ(from_json(j, "test").peers[0].faults, s.peers[0].faults);
}

TEST(Expectations, EveryFieldRoundTrips) {
  Scenario s = examples()[0];
  s.mode = Mode::Online;
  s.budget = Budget{5, Limits::kMaxSteps};  // the largest a vector may ask
  Expectation aborted;
  aborted.end = SyncEnd::Aborted;
  aborted.abort_kind = SyncAbort::Kind::PeerFailure;
  aborted.block_status = BlockStatus::ImmutableFork;
  aborted.failing_block = Hash32::from_hex(std::string(64, 'f'));
  aborted.absent = {Hash32{}, Hash32::from_hex(std::string(64, '1'))};
  Expectation exceeded;
  exceeded.end = SyncEnd::BudgetExceeded;
  exceeded.forks = std::vector<Id>{};
  s.expected = {{Profile::Seed, aborted}, {Profile::Reference, exceeded}};

  const nlohmann::json j = to_json(s);
  EXPECT_EQ(j["mode"], "online");
  EXPECT_FALSE(j["expected"].contains("spec"));
  EXPECT_FALSE(j["expected"]["reference"].contains("tree"));
  const Scenario loaded = from_json(j, "test");
  EXPECT_EQ(loaded.mode, Mode::Online);
  EXPECT_EQ(loaded.budget.max_steps, Limits::kMaxSteps);
  const Expectation& got = loaded.expected.at(Profile::Seed);
  EXPECT_EQ(got.abort_kind, aborted.abort_kind);
  EXPECT_EQ(got.block_status, aborted.block_status);
  EXPECT_EQ(got.failing_block, aborted.failing_block);
  EXPECT_EQ(got.absent, aborted.absent);
  EXPECT_EQ(loaded.expected.at(Profile::Reference).forks, std::vector<Id>{});
  EXPECT_EQ(to_json(loaded), j);
}

TEST(Stake, CarriesTheNoteWhereABlockRevealsIt) {
  Scenario s = examples()[0];  // stake {A}, every block by A
  const Hash32 silent = Note{99, 7}.commitment();
  s.genesis.commitments.push_back(silent);
  const nlohmann::json j = to_json(s);
  const auto& stake = j["genesis"]["stake"];
  ASSERT_EQ(stake.size(), 2u);
  EXPECT_EQ(stake[0]["note"]["sk"], 0);
  EXPECT_EQ(stake[0]["commitment"], kA.commitment().hex());
  EXPECT_FALSE(stake[1].contains("note"));
  EXPECT_EQ(from_json(j, "test").genesis.commitments, s.genesis.commitments);
}

TEST(Stake, AHandWrittenNoteOfASilentCommitmentIsAccepted) {
  nlohmann::json j = example_json(0);
  const Note silent{99, 7};
  j["genesis"]["stake"].push_back(
      {{"commitment", silent.commitment().hex()}, {"note", {{"value", 99}, {"sk", 7}}}});
  EXPECT_EQ(from_json(j, "test").genesis.commitments.back(), silent.commitment());
}

TEST(OptionalFields, MetadataMayBeLeftOut) {
  nlohmann::json j = example_json(0);
  j.erase("description");
  j.erase("tags");
  j.erase("reproduce");
  const Scenario s = from_json(j, "test");
  EXPECT_TRUE(s.description.empty());
  EXPECT_TRUE(s.tags.empty());
  EXPECT_TRUE(s.reproduce.empty());
}

TEST(Versions, AnOlderMinorOfTheSameMajorIsRead) {
  nlohmann::json j = example_json(0);
  j["version"] = "1.0";
  EXPECT_NO_THROW((void)from_json(j, "test"));
}

TEST(DumpVector, RefusesAScenarioTheFormatCannotHold) {
  Scenario bad_id = examples()[0];
  bad_id.id = "../escape";
  EXPECT_THROW((void)dump_vector(bad_id), VectorError);

  Scenario bad_utf8 = examples()[0];
  bad_utf8.description = "\xff\xfe";
  EXPECT_THROW((void)dump_vector(bad_utf8), VectorError);

  Scenario no_view = examples()[0];
  no_view.peers[0].view = nullptr;
  try {
    (void)to_json(no_view);
    ADD_FAILURE() << "accepted a peer without a view";
  } catch (const VectorError& e) {
    EXPECT_EQ(e.json_path(), "/peers/0");
  }
}

// The example in vectors/README.md is a valid vector whose expectations hold.
TEST(ReadmeExample, LoadsAndEndsAsExpected) {
  std::ifstream in(CSC_VECTORS_README);
  const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto start = readme.find("```json\n");
  ASSERT_NE(start, std::string::npos) << "no ```json block in " << CSC_VECTORS_README;
  const auto body = start + 8;
  const auto end = readme.find("```", body);
  ASSERT_NE(end, std::string::npos);
  const std::string text = readme.substr(body, end - body);
  const Scenario s = parse_vector(text, "README.md");
  EXPECT_EQ(dump_vector(s), text) << "the README example is not in canonical form";
  ASSERT_FALSE(s.expected.empty());
  for (const auto& [profile, expectation] : s.expected) {
    const ScenarioRun run = run_scenario(s, profile);
    EXPECT_TRUE(run.mismatches.empty()) << to_string(profile) << ": " << run.result.summary();
  }
}

TEST(FindVectors, WalksDirectoriesRecursivelyInSortedOrder) {
  const auto dir = test_dir();
  write_file(dir / "b.json", "{}");
  write_file(dir / "a" / "z.json", "{}");
  write_file(dir / "a" / "notes.txt", "");
  write_file(dir / "c" / "d" / "e.json", "{}");
  const std::vector<std::filesystem::path> want = {dir / "a" / "z.json", dir / "b.json",
                                                   dir / "c" / "d" / "e.json"};
  EXPECT_EQ(find_vectors(dir), want);
  EXPECT_EQ(find_vectors(dir / "b.json"), std::vector<std::filesystem::path>{dir / "b.json"});
}

TEST(FindVectors, AMissingPathIsAnError) {
  const auto missing = test_dir() / "nowhere";
  try {
    (void)find_vectors(missing);
    ADD_FAILURE() << "no error";
  } catch (const VectorError& e) {
    EXPECT_EQ(e.file(), missing.string());
    EXPECT_NE(e.reason().find("no such file"), std::string::npos);
  }
}

}  // namespace
}  // namespace cryptarchia::vectors
