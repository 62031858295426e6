// Benchmarks of the reference implementation: on_block throughput, full
// sync from genesis, memory per stored block, and the floor every per-block
// cost is compared with. docs/PERFORMANCE.md has the numbers and the
// commands that produced them.
//
//   cryptarchia-bench [google-benchmark flags]   the full set (1M included)
//   cryptarchia-bench --smoke [flags]            every benchmark once, tiny sizes
//
// Every per-block figure is reported as a rate: items_per_second is blocks
// stored per second (for sync, per block of the synced tree), so
// 1/items_per_second is the cost per block.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cryptarchia/block.hpp"
#include "cryptarchia/follower.hpp"
#include "cryptarchia/hash.hpp"
#include "cryptarchia/peer.hpp"
#include "cryptarchia/spec_conventions.hpp"
#include "cryptarchia/sync.hpp"

namespace cryptarchia {
namespace {

const Note kA{10, 0};
const Note kB{10, 1};

const GenesisState& genesis() {
  static const GenesisState g = make_genesis({kA, kB});
  return g;
}
const Id& genesis_id() {
  static const Id id = genesis().header.id();
  return id;
}

// k large enough that no fork of the single-chain and many-fork benchmarks is
// deeper than k (longest chain); the deep-fork benchmark uses kDeep.
const Config kConfig = Config::with_s(2160, 6480);
const Config kDeep = Config::with_s(16, 48);

// One chain on genesis, slots 1, 2, ..., grown on demand and shared by every
// benchmark (the 1M chain is built once).
std::span<const BlockHeader> chain(std::size_t n) {
  static std::vector<BlockHeader> blocks;
  if (blocks.size() < n) {
    blocks.reserve(n);
    Id at = blocks.empty() ? genesis_id() : blocks.back().id();
    while (blocks.size() < n) {
      blocks.push_back(make_block(at, blocks.size() + 1, kA));
      at = blocks.back().id();
    }
  }
  return {blocks.data(), n};
}

// `forks` branches on genesis, each `length` blocks long; branch b's j-th
// block (j from 0) is at slot j * forks + b + 1, led by kB for odd b. In
// slot order the branches take turns, so almost every block extends a fork
// that is not the tip and fork choice runs on it.
std::vector<BlockHeader> branches(std::size_t forks, std::size_t length) {
  std::vector<Id> at(forks, genesis_id());
  std::vector<BlockHeader> out;
  out.reserve(forks * length);
  for (std::size_t j = 0; j < length; ++j) {
    for (std::size_t b = 0; b < forks; ++b) {
      out.push_back(make_block(at[b], j * forks + b + 1, b % 2 == 0 ? kA : kB));
      at[b] = out.back().id();
    }
  }
  return out;
}

// Heap bytes in use (glibc's count, chunk overhead included).
std::size_t heap_in_use() { return mallinfo2().uordblks; }

constexpr std::array<std::uint8_t, 1> kVersion{0x01};

// ---------------------------------------------------------------------------
// The floor: one block id plus one hash-map insert per block.

// BlockHeader::id() as the model defines it: the note commitment, the proof's
// nonce contribution and the BLOCK_ID hash (three SHA-256 calls), then one
// insert into a hash map keyed by the id.
void BM_Floor(benchmark::State& state) {
  const auto blocks = chain(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::unordered_map<Id, const BlockHeader*, Hash32Hasher> store;
    for (const BlockHeader& b : blocks) store.emplace(b.id(), &b);
    benchmark::DoNotOptimize(store.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blocks.size()));
}

// The narrowest reading of the floor: one SHA-256 of a header-sized input
// (the 117-byte BLOCK_ID preimage) plus one insert.
void BM_FloorOneSha256(benchmark::State& state) {
  const auto blocks = chain(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::unordered_map<Id, const BlockHeader*, Hash32Hasher> store;
    for (const BlockHeader& b : blocks) {
      store.emplace(H("BLOCK_ID", kVersion, u32_be(b.content_size), b.content_id, u64_be(b.slot),
                      b.parent, b.proof.parent),
                    &b);
    }
    benchmark::DoNotOptimize(store.size());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blocks.size()));
}

void BM_Sha256(benchmark::State& state) {
  const BlockHeader& b = chain(1)[0];
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        H("BLOCK_ID", kVersion, u32_be(b.content_size), b.content_id, u64_be(b.slot), b.parent,
          b.parent));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_BlockDigest(benchmark::State& state) {
  const BlockHeader& b = chain(1)[0];
  for (auto _ : state) benchmark::DoNotOptimize(digest(b));
  state.SetItemsProcessed(state.iterations());
}

// ---------------------------------------------------------------------------
// on_block throughput.

void feed(benchmark::State& state, const std::vector<BlockHeader>& blocks, const Config& config) {
  for (auto _ : state) {
    Follower f(genesis(), config);
    for (const BlockHeader& b : blocks) f.on_block(b);
    benchmark::DoNotOptimize(f.tip_id());
    state.PauseTiming();  // the follower's destruction is not on_block
    { Follower gone = std::move(f); }
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(blocks.size()));
}

// Every block extends the tip.
void BM_OnBlockExtendChain(benchmark::State& state) {
  const auto c = chain(static_cast<std::size_t>(state.range(0)));
  feed(state, std::vector<BlockHeader>(c.begin(), c.end()), kConfig);
}

// range(0) live forks from genesis, range(1) blocks each, shallower than k:
// fork choice (longest chain) runs over every fork on almost every block.
void BM_OnBlockManyForks(benchmark::State& state) {
  feed(state,
       branches(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1))),
       kConfig);
  state.counters["forks"] = static_cast<double>(state.range(0));
}

// Two forks from genesis, range(0) blocks each, k = 16: past depth k every
// fork-choice step compares densities in the window after the fork.
void BM_OnBlockDeepForks(benchmark::State& state) {
  feed(state, branches(2, static_cast<std::size_t>(state.range(0))), kDeep);
}

// ---------------------------------------------------------------------------
// Full sync from genesis.

// A peer view, built once per distinct tree and reused (the 1M view is about
// a third of a gigabyte; only the last one is kept).
template <typename Build>
std::shared_ptr<const PeerView> cached_view(const std::string& key, Build&& build) {
  static std::string cached_key;
  static std::shared_ptr<const PeerView> cached;
  if (cached_key != key) {
    cached.reset();
    cached = std::make_shared<const PeerView>(build());
    cached_key = key;
  }
  return cached;
}

PeerView view_of(std::span<const BlockHeader> blocks) {
  PeerView v;
  for (const BlockHeader& b : blocks) v.add(b);
  v.set_tip(blocks.empty() ? genesis().header : blocks.back());
  return v;
}

Profile profile_arg(std::int64_t p) { return p == 0 ? Profile::Reference : Profile::Spec; }

struct SyncRun {
  std::size_t stored = 0;
  std::size_t heap_growth = 0;
  SyncResult result;
};

SyncRun sync_once(const std::vector<std::unique_ptr<InMemoryPeer>>& peers,
                  const SyncOptions& options, const Config& config) {
  std::vector<Peer*> raw;
  for (const auto& p : peers) raw.push_back(p.get());
  const std::size_t before = heap_in_use();
  Follower local(genesis(), config);
  SyncRun run;
  run.result = sync(local, raw, options);
  run.heap_growth = heap_in_use() - before;
  run.stored = local.size();
  if (run.result.end != SyncEnd::Completed) {
    throw std::runtime_error("benchmark sync did not complete: " + run.result.summary());
  }
  return run;
}

void report_sync(benchmark::State& state, const SyncRun& last) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(last.stored));
  state.counters["stored"] = static_cast<double>(last.stored);
  state.counters["rounds"] = static_cast<double>(last.result.rounds);
  state.counters["streamed_per_block"] =
      static_cast<double>(last.result.requests.streamed_blocks) / static_cast<double>(last.stored);
  state.counters["by_id_requests"] = static_cast<double>(last.result.requests.block_by_id);
  // The synced follower's heap (tree, indexes, everything it keeps) per
  // stored block, and that beyond the header itself.
  const double per_block = static_cast<double>(last.heap_growth) / static_cast<double>(last.stored);
  state.counters["heap_B_per_block"] = per_block;
  state.counters["beyond_header_B"] = per_block - static_cast<double>(sizeof(BlockHeader));
}

void run_sync(benchmark::State& state, const std::vector<std::unique_ptr<InMemoryPeer>>& peers,
              const SyncOptions& options, const Config& config) {
  SyncRun last;
  for (auto _ : state) {
    last = sync_once(peers, options, config);
    benchmark::DoNotOptimize(last.result.tip);
  }
  report_sync(state, last);
}

// A single chain of range(0) blocks from one peer; range(1): 0 reference, 1 spec.
void BM_SyncChain(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto view = cached_view("chain" + std::to_string(n), [&] { return view_of(chain(n)); });
  std::vector<std::unique_ptr<InMemoryPeer>> peers;
  peers.push_back(std::make_unique<InMemoryPeer>(view));
  SyncOptions options;
  options.profile = profile_arg(state.range(1));
  options.collect_tree = false;
  run_sync(state, peers, options, kConfig);
}

// A tree from 8 peers: a trunk of range(0) blocks, and every 64 trunk blocks
// a side fork of 8 blocks. Every peer holds the trunk; peer p holds the side
// forks whose number is p mod 8, so the union is the whole tree.
void BM_SyncForks8Peers(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  constexpr std::size_t kPeers = 8;
  static std::string key;
  static std::vector<std::shared_ptr<const PeerView>> views;
  if (key != std::to_string(n)) {
    views.clear();
    const auto trunk = chain(n);
    std::vector<std::vector<BlockHeader>> held(kPeers);
    for (std::size_t i = 63, fork = 0; i < n; i += 64, ++fork) {
      Id at = trunk[i].id();
      for (std::size_t j = 1; j <= 8; ++j) {
        held[fork % kPeers].push_back(make_block(at, trunk[i].slot + j, kB));
        at = held[fork % kPeers].back().id();
      }
    }
    for (std::size_t p = 0; p < kPeers; ++p) {
      PeerView v = view_of(trunk);
      for (const BlockHeader& b : held[p]) v.add(b);
      views.push_back(std::make_shared<const PeerView>(std::move(v)));
    }
    key = std::to_string(n);
  }
  std::vector<std::unique_ptr<InMemoryPeer>> peers;
  for (const auto& v : views) peers.push_back(std::make_unique<InMemoryPeer>(v));
  SyncOptions options;
  options.profile = profile_arg(state.range(1));
  options.collect_tree = false;
  run_sync(state, peers, options, kConfig);
}

// A single chain of range(0) blocks from one peer, starting from a
// checkpoint at its middle block: the checkpoint's chain is backfilled by id
// down to genesis, then the rest is streamed.
void BM_SyncCheckpoint(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto blocks = chain(n);
  const auto view = cached_view("chain" + std::to_string(n), [&] { return view_of(blocks); });
  std::vector<std::unique_ptr<InMemoryPeer>> peers;
  peers.push_back(std::make_unique<InMemoryPeer>(view));
  // The checkpoint's ledger state, replayed once.
  LedgerState st = genesis().state;
  for (std::size_t i = 0; i < n / 2; ++i) st = st.applied(blocks[i]);
  SyncOptions options;
  options.profile = profile_arg(state.range(1));
  options.collect_tree = false;
  options.checkpoint = Checkpoint{blocks[n / 2 - 1], st};
  run_sync(state, peers, options, kConfig);
}

// ---------------------------------------------------------------------------
// Memory per stored block: a follower fed a chain of range(0) blocks.

void BM_MemoryPerBlock(benchmark::State& state) {
  const auto blocks = chain(static_cast<std::size_t>(state.range(0)));
  std::size_t growth = 0;
  for (auto _ : state) {
    const std::size_t before = heap_in_use();
    Follower f(genesis(), kConfig);
    for (const BlockHeader& b : blocks) f.on_block(b);
    growth = heap_in_use() - before;
    benchmark::DoNotOptimize(f.size());
  }
  const double per_block = static_cast<double>(growth) / static_cast<double>(blocks.size() + 1);
  state.counters["heap_B_per_block"] = per_block;
  state.counters["header_B"] = static_cast<double>(sizeof(BlockHeader));
  state.counters["beyond_header_B"] = per_block - static_cast<double>(sizeof(BlockHeader));
  state.counters["tree_node_B"] = static_cast<double>(sizeof(TreeNode));
}

void register_all(bool smoke) {
  using benchmark::kMillisecond;
  using benchmark::RegisterBenchmark;
  const auto sizes = [&](std::vector<std::int64_t> full, std::int64_t tiny) {
    return smoke ? std::vector<std::int64_t>{tiny} : full;
  };
  RegisterBenchmark("BM_Sha256", BM_Sha256);
  RegisterBenchmark("BM_BlockDigest", BM_BlockDigest);
  for (const auto n : sizes({1'000, 10'000, 100'000, 1'000'000}, 100)) {
    RegisterBenchmark("BM_Floor", BM_Floor)->Arg(n)->Unit(kMillisecond);
    RegisterBenchmark("BM_FloorOneSha256", BM_FloorOneSha256)->Arg(n)->Unit(kMillisecond);
  }
  for (const auto n : sizes({100'000}, 100)) {
    RegisterBenchmark("BM_OnBlockExtendChain", BM_OnBlockExtendChain)->Arg(n)->Unit(kMillisecond);
  }
  for (const auto f : sizes({8, 64}, 4)) {
    RegisterBenchmark("BM_OnBlockManyForks", BM_OnBlockManyForks)
        ->Args({f, smoke ? 10 : 16'384 / f})
        ->Unit(kMillisecond);
  }
  for (const auto n : sizes({1'000, 4'000}, 40)) {
    RegisterBenchmark("BM_OnBlockDeepForks", BM_OnBlockDeepForks)->Arg(n)->Unit(kMillisecond);
  }
  for (const auto n : sizes({100'000}, 100)) {
    RegisterBenchmark("BM_MemoryPerBlock", BM_MemoryPerBlock)->Arg(n)->Unit(kMillisecond);
  }
  for (const auto profile : {0, 1}) {
    for (const auto n : sizes({1'000, 10'000, 100'000, 1'000'000}, 100)) {
      RegisterBenchmark("BM_SyncChain", BM_SyncChain)->Args({n, profile})->Unit(kMillisecond);
    }
    for (const auto n : sizes({10'000, 100'000}, 200)) {
      RegisterBenchmark("BM_SyncForks8Peers", BM_SyncForks8Peers)
          ->Args({n, profile})
          ->Unit(kMillisecond);
    }
    for (const auto n : sizes({10'000, 100'000}, 100)) {
      RegisterBenchmark("BM_SyncCheckpoint", BM_SyncCheckpoint)
          ->Args({n, profile})
          ->Unit(kMillisecond);
    }
  }
}

}  // namespace
}  // namespace cryptarchia

int main(int argc, char** argv) {
  bool smoke = false;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--smoke") {
      smoke = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 2;
  cryptarchia::register_all(smoke);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
