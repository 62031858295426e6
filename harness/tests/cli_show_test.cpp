// `harness show`: the text and dot drawings of a vector.
#include <gtest/gtest.h>

#include "cli_test_support.hpp"
#include "show.hpp"

namespace cryptarchia::harness::test {
namespace {

TEST(CliShow, DrawsTheTreeThePeersAndTheLocalStart) {
  const Scenario s = load_spec("spec-03-forks-from-genesis");
  const CliResult r = run_cli({"show", spec_vector(s.id).string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("genesis:" + s.genesis.header.id().short_hex() + "@0"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("+- (on "), std::string::npos) << r.out;  // the forks
  EXPECT_NE(r.out.find("peer p0 "), std::string::npos);
  EXPECT_NE(r.out.find("local start: "), std::string::npos);
  EXPECT_NE(r.out.find("checkpoint: none"), std::string::npos);
  for (const auto& p : s.peers) {
    EXPECT_NE(r.out.find(p.view->tip().id().short_hex()), std::string::npos);
  }
}

TEST(CliShow, MarksInvalidBlocks) {
  const Scenario s = load_spec("spec-07-reject-invalid-blocks");
  const std::string text = draw_text(s);
  EXPECT_NE(text.find("!"), std::string::npos) << text;
  std::size_t flawed = 0;
  for (const auto& p : s.peers) {
    for (const auto& [slot, ids] : p.view->by_slot()) {
      for (const Id& id : ids) {
        if (id != s.genesis.header.id() && !proof_flaw(s, *p.view->find(id)).empty()) ++flawed;
      }
    }
  }
  EXPECT_GT(flawed, 0u);
}

TEST(CliShow, DrawsDot) {
  const Scenario s = load_spec("spec-10-checkpoint-forks");
  const CliResult r = run_cli({"show", "--dot", spec_vector(s.id).string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("digraph \"" + s.id + "\" {", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("peripheries=2"), std::string::npos);      // genesis
  EXPECT_NE(r.out.find("penwidth=3"), std::string::npos);         // the checkpoint
  EXPECT_NE(r.out.find("\"peer p0 "), std::string::npos);         // peer tips
  EXPECT_NE(r.out.find("\"local tip\" -> "), std::string::npos);  // local tip
  EXPECT_EQ(r.out.substr(r.out.size() - 2), "}\n");
}

TEST(CliShow, BadFileIsAUsageError) {
  const auto dir = scratch_dir("show-bad");
  write_text(dir / "bad.json", "not json");
  const CliResult r = run_cli({"show", (dir / "bad.json").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"show", "/nonexistent.json"}).code, 2);
}

}  // namespace
}  // namespace cryptarchia::harness::test
