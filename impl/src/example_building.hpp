// What the hand-written example scenarios are built from (spec_examples.cpp,
// variant_examples.cpp): peers, the examples' scenario frame, and the
// expectation of a completed sync.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cryptarchia/scenario.hpp"

namespace cryptarchia::examples {

// The two notes the examples' blocks are led by (A and B in their drawings).
inline const Note kNoteA{10, 0};
inline const Note kNoteB{10, 1};

// A peer whose follower (under `config`) ran on_block for `blocks` in order,
// then had `invalid` blocks stored without validation (the spec tests'
// apply_invalid_block_to_ledger_state).
inline std::shared_ptr<const PeerView> peer_of(const GenesisState& genesis, const Config& config,
                                               const std::vector<BlockHeader>& blocks,
                                               const std::vector<BlockHeader>& invalid = {}) {
  Follower f(genesis, config);
  for (const BlockHeader& b : blocks) f.on_block(b);
  auto view = std::make_shared<PeerView>(PeerView::of(f));
  for (const BlockHeader& b : invalid) view->add(b);
  return view;
}

inline Expectation completed(const Id& tip, std::vector<Id> forks, std::vector<Id> tree) {
  Expectation e;
  e.tip = tip;
  e.forks = std::move(forks);
  e.tree = std::move(tree);
  return e;
}

// An example without peers or expectations yet, tagged `tag`, with the
// examples' budget.
inline Scenario scenario_base(std::string id, std::string description, const GenesisState& g,
                              const Config& config, std::string tag) {
  Scenario s;
  s.id = std::move(id);
  s.description = std::move(description);
  s.config = config;
  s.genesis = g;
  s.tags = {std::move(tag)};
  s.budget = Budget{10'000, 100'000};
  return s;
}

}  // namespace cryptarchia::examples
