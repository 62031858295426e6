#!/usr/bin/env python3
"""python-seed: the seed's Cryptarchia sync, written from the spec note.

An adapter for the harness (harness/PROTOCOL.md). Standard library only.
Primitives and follower: spec note sections 1-5. Sync: the seed (section 6,
../shared/seed/), with every peer call made over the protocol.

    python3 adapter.py              speak the protocol on stdin/stdout
    python3 adapter.py --self-test  check the spec note's known answers
"""
import hashlib
import json
import sys

# ---------------------------------------------------------------- primitives


def H(tag, *parts):
    h = hashlib.sha256(tag.encode("ascii"))
    for p in parts:
        h.update(p)
    return h.digest()


def u32(x): return x.to_bytes(4, "big")
def u64(x): return x.to_bytes(8, "big")
def u256(x): return x.to_bytes(32, "big")


NOTE_NONCE, NOTE_UNIT, NOTE_STATE, NOTE_ZONE = H("nonce"), H("NMO"), H("state"), H("ZoneID")


def commitment(value, sk):  # pk == sk in this model
    return H("NOMOS_NOTE_CM", NOTE_STATE, u256(value), NOTE_UNIT, NOTE_NONCE, u256(sk), NOTE_ZONE)


def nullifier(value, sk):
    return H("NOMOS_NOTE_NF", commitment(value, sk), u256(sk))


def nonce_contribution(slot, value, sk):
    return H("NOMOS_NONCE_CONTRIB", u64(slot), commitment(value, sk), u256(sk))


class Block:
    """A header, parsed from the protocol's HEADER shape, with its id."""

    def __init__(self, j):
        self.slot, self.parent = j["slot"], bytes.fromhex(j["parent"])
        self.content_size, self.content_id = j["content_size"], bytes.fromhex(j["content_id"])
        p = j["proof"]
        self.value, self.sk = p["note"]["value"], p["note"]["sk"]
        self.proof_slot, self.proof_parent = p["slot"], bytes.fromhex(p["parent"])
        self.commitment = commitment(self.value, self.sk)
        self.contrib = H("NOMOS_NONCE_CONTRIB", u64(self.proof_slot), self.commitment, u256(self.sk))
        self.id = H("BLOCK_ID", b"\x01", u32(self.content_size), self.content_id,
                    u64(self.slot), self.parent, self.contrib)


# ------------------------------------------------------------------ follower


class BlockError(Exception):
    def __init__(self, status, block_id):
        super().__init__(f"{status}: block {block_id.hex()}")
        self.status = status
        self.block_id = block_id


class Disconnected(Exception):
    """Two chains share no block: the spec's common-prefix walk never returns."""


def common_prefix(a, b):
    """Lock-step walk of two block iterators (tip first) until one meets a
    block seen on the other: (depth_a, suffix_a, depth_b, suffix_b), each
    suffix LCA first."""
    seen, wa, wb, depth = {}, [], [], 0
    while True:
        x = next(a, None)
        if x is not None:
            wa.append(x)
            if x.id in seen:
                j = seen[x.id]
                return depth, wa[::-1], j, wb[:j + 1][::-1]
            seen[x.id] = depth
        y = next(b, None)
        if y is not None:
            wb.append(y)
            if y.id in seen:
                j = seen[y.id]
                return j, wa[:j + 1][::-1], depth, wb[::-1]
            seen[y.id] = depth
        if x is None and y is None:
            raise Disconnected("both chains ended without meeting: the seed's walk never returns")
        depth += 1


class Follower:
    def __init__(self, genesis_header, genesis_state, commitments, k, s, online):
        g = Block(genesis_header)
        self.genesis, self.k, self.s = g.id, k, s
        self.stake = set(commitments)
        self.blocks = {g.id: g}                          # id -> Block, insertion order
        self.states = {g.id: state_of(genesis_state)}    # id -> (nonce, leader_count)
        self.tip, self.forks, self.lib = g.id, [], g.id
        self.online, self.prune_pending = False, False
        if online:
            self.to_online()

    def chain(self, bid):  # the stored chain from bid towards genesis
        while bid in self.blocks:
            blk = self.blocks[bid]
            yield blk
            bid = blk.parent

    def height(self, bid):  # stored blocks on the chain, bid included
        return sum(1 for _ in self.chain(bid))

    def is_ancestor(self, a, b):  # a == b or a below b
        return any(blk.id == a for blk in self.chain(b))

    def validate(self, b):
        if b.parent not in self.blocks:
            raise BlockError("ParentNotFound", b.id)
        if self.lib in self.blocks and self.height(b.parent) < self.height(self.lib):
            raise BlockError("ImmutableFork", b.id)
        # nullifier sets stay empty in this model: only slot, parent and stake count
        if b.proof_slot != b.slot or b.proof_parent != b.parent or b.commitment not in self.stake:
            raise BlockError("InvalidLeaderProof", b.id)

    def apply_block_to_ledger_state(self, b):  # steps 1-3; False for a duplicate
        if b.id in self.blocks:
            return False
        self.validate(b)
        nonce, count = self.states[b.parent]
        self.blocks[b.id] = b
        self.states[b.id] = (H("EPOCH_NONCE", nonce, b.contrib, u64(b.slot)), count + 1)
        return True

    def on_block(self, b):
        if not self.apply_block_to_ledger_state(b):
            return
        if b.parent == self.tip:
            self.tip = b.id
        else:
            self.forks.append(b.id)
            remove_first(self.forks, b.parent)
            winner = self.fork_choice()
            self.forks.append(self.tip)
            remove_first(self.forks, winner)
            self.tip = winner
        if self.online:
            self.update_lib()

    def fork_choice(self):
        best = self.tip
        for f in self.forks:  # fold in list order; ties keep best
            d_best, s_best, d_f, s_f = common_prefix(self.chain(best), self.chain(f))
            if d_best <= self.k:
                switch = d_best < d_f                    # longest chain (both rules)
            elif self.online:
                switch = False                           # maxvalid_mc: too deep, ignored
            else:                                        # maxvalid_bg: density after fork
                end = s_best[0].slot + self.s
                density = lambda suffix: sum(1 for blk in suffix if blk.slot < end)
                switch = density(s_best) < density(s_f)
            if switch:
                best = f
        return best

    def to_online(self):
        self.online, self.prune_pending = True, True
        self.update_lib()

    def update_lib(self):
        h = self.height(self.tip)
        new_lib = self.genesis
        if h > self.k:
            chain = self.chain(self.tip)
            for _ in range(self.k + 1):
                new_lib = next(chain).id
        if not self.is_ancestor(new_lib, self.tip):  # docs/INTERPRETATIONS.md item 6
            raise RuntimeError("update_lib: the LIB is not an ancestor of the tip")
        if self.prune_pending or new_lib != self.lib:
            keep = lambda x: self.is_ancestor(new_lib, x) or self.is_ancestor(x, new_lib)
            doomed = [x for x in self.blocks if not keep(x)]
            for x in doomed:
                del self.blocks[x], self.states[x]
            self.prune_pending = False
        self.lib = new_lib
        self.forks = [f for f in self.forks if f in self.blocks and self.is_ancestor(new_lib, f)]

    def apply_checkpoint(self, b, state):  # seed era: stored as given, no history
        if b.id not in self.blocks:
            self.blocks[b.id] = b
        self.states[b.id] = state_of(state)
        if self.tip != self.genesis:
            self.forks.append(self.tip)
        remove_first(self.forks, b.id)
        self.tip, self.prune_pending = b.id, True

    def blocks_by_slot(self, start):  # stable sort: ties in storage order
        return sorted((b for b in self.blocks.values() if b.slot >= start), key=lambda b: b.slot)


def state_of(j):
    return bytes.fromhex(j["nonce"]), j["leader_count"]


def remove_first(lst, x):  # Python's list.remove, absent values ignored
    if x in lst:
        lst.remove(x)


# ------------------------------------------------------------- peers (RPC)


class PeerFailure(Exception):
    def __init__(self, message, peer):
        super().__init__(message)
        self.peer = peer  # the index of the peer that failed


class BudgetExceeded(BaseException):  # BaseException: no peer retry may catch it
    pass


class Protocol:
    def __init__(self, inp, out):
        self.inp, self.out = inp, out

    def send(self, msg):
        self.out.write(json.dumps(msg, separators=(",", ":")) + "\n")
        self.out.flush()

    def read(self):
        line = self.inp.readline()
        if not line:
            log("stdin closed")
            sys.exit(0)
        return json.loads(line)

    def request(self, msg, peer=None):
        self.send(msg)
        ans = self.read()
        if ans["type"] == "failure":
            peer = msg["peer"] if peer is None else peer
            raise PeerFailure(f"{msg['type']} failed: {ans.get('reason', '')}", peer)
        if ans["type"] == "budget-exceeded":
            raise BudgetExceeded("the harness reports the request budget spent")
        return ans

    def tip(self, peer):
        return Block(self.request({"type": "tip", "peer": peer})["header"])

    def block(self, peer, bid):  # None if the peer has no such block
        ans = self.request({"type": "block", "peer": peer, "id": bid.hex()})
        if ans["type"] == "none":
            return None
        b = Block(ans["header"])
        if b.id != bid:  # a header that does not hash to the id: the peer failed
            raise PeerFailure(f"peer {peer}: asked for {bid.hex()}, got {b.id.hex()}", peer)
        return b

    def blocks_from(self, peer, slot):  # generator over the stream
        sid = self.request({"type": "blocks_from", "peer": peer, "slot": slot})["stream"]
        while True:
            ans = self.request({"type": "next", "stream": sid}, peer)
            if ans["type"] == "end":
                return
            yield Block(ans["header"])


# ------------------------------------------------------------- seed sync


def sync(local, rpc, npeers, checkpoint):
    if checkpoint is not None:
        local.apply_checkpoint(Block(checkpoint["header"]), checkpoint["state"])
    while True:
        start = local.blocks[local.tip].slot
        orphans = {}  # id -> Block: first-insertion order (INTERPRETATIONS item 13)
        groups = {}   # tip id -> peers, in order of first appearance
        for p in range(npeers):
            t = rpc.tip(p)  # one tip request per peer and round
            if t.slot > start:
                groups.setdefault(t.id, []).append(p)
        if not groups:
            return
        for group in groups.values():
            for b in fetch_blocks_by_slot(rpc, group, start):
                try:
                    local.on_block(b)
                    orphans.pop(b.id, None)
                except BlockError as e:
                    if e.status != "ParentNotFound":
                        raise  # any other validation failure escapes the seed
                    orphans.setdefault(b.id, b)
        for b in sorted(orphans.values(), key=lambda b: -b.slot):  # stable
            if b.id not in local.blocks:
                backfill_fork(local, rpc, npeers, b.id)


def fetch_blocks_by_slot(rpc, group, start):
    for p in group:
        try:
            for b in rpc.blocks_from(p, start):
                yield b
                start = b.slot  # where the group's next peer resumes
            return  # this peer finished: no need for the next one
        except PeerFailure as e:
            log(f"peer {p} failed while streaming: {e}")


def backfill_fork(local, rpc, npeers, fork_tip):
    _, tip_suffix, _, fork_suffix = common_prefix(
        fetch_chain_blocks(local.tip, local, rpc, npeers),
        fetch_chain_blocks(fork_tip, local, rpc, npeers))
    for b in tip_suffix:  # the local chain's missing ancestors, no fork choice
        local.apply_block_to_ledger_state(b)
    for b in fork_suffix:  # the fork, oldest first, through fork choice
        local.on_block(b)


def fetch_chain_blocks(bid, local, rpc, npeers):
    """The chain of bid towards genesis: the local tree first, then each peer
    in order, as far as each one goes (one `block` request per step)."""
    while bid in local.blocks:
        b = local.blocks[bid]
        yield b
        if b.id == local.genesis:
            return
        bid = b.parent
    for p in range(npeers):
        while (b := rpc.block(p, bid)) is not None:
            yield b
            if b.id == local.genesis:
                return
            bid = b.parent


# ------------------------------------------------------------- main loop


def log(msg):
    print(f"python-seed: {msg}", file=sys.stderr, flush=True)


def done(local, end, error=None, abort=None):
    msg = {"type": "done", "end": end, "tip": local.tip.hex(),
           "forks": [f.hex() for f in local.forks], "tree": [b.hex() for b in local.blocks]}
    if error is not None:
        msg["error"] = error
    if abort is not None:
        msg["abort"] = abort
    return msg


def run_sync(local, rpc, npeers, checkpoint):
    try:
        sync(local, rpc, npeers, checkpoint)
        return done(local, "completed")
    except BudgetExceeded:
        return done(local, "budget-exceeded")
    except Disconnected as e:
        log(str(e))
        return done(local, "budget-exceeded")
    except BlockError as e:
        return done(local, "aborted", f"block-error: {e}",
                    {"kind": "block-error", "block_status": e.status, "block": e.block_id.hex()})
    except PeerFailure as e:
        return done(local, "aborted", f"peer-failure: {e}",
                    {"kind": "peer-failure", "peer": e.peer})
    except Exception as e:  # noqa: BLE001 - reported, like the reference's "internal"
        return done(local, "aborted", f"internal: {type(e).__name__}: {e}", {"kind": "internal"})


def main():
    rpc = Protocol(sys.stdin, sys.stdout)
    rpc.send({"type": "hello", "protocol": "1.0",
              "implementation": {"name": "python-seed", "version": "0.1"},
              "features": ["checkpoint", "online", "sync-again"]})
    welcome = rpc.read()
    if welcome.get("type") != "welcome":
        log(f"no welcome: {welcome}")
        return 3
    local, npeers = None, 0
    while True:
        line = sys.stdin.readline()
        if not line:
            return 0
        msg = json.loads(line)
        if msg["type"] == "case":
            g = msg["genesis"]
            local = Follower(g["header"], g["state"], [bytes.fromhex(c) for c in g["commitments"]],
                             msg["config"]["k"], msg["config"]["s"], msg["mode"] == "online")
            for h in msg["local"]["blocks"]:
                local.on_block(Block(h))
            npeers = len(msg["peers"])
            log(f"case {msg['id']}: {len(local.blocks)} block(s), {npeers} peer(s)")
        elif msg["type"] == "sync":
            rpc.send(run_sync(local, rpc, npeers, msg.get("checkpoint")))
        elif msg["type"] == "close":
            local = None
        else:
            log(f"unexpected message: {msg['type']}")


# ------------------------------------------------------------- self-test

KNOWN = [
    ("commitment (sk=0, value=10)", lambda: commitment(10, 0),
     "4efd9fc7499753d8a9609defff9203a47c4831c9a51e8e72ef2e21aae1251543"),
    ("nullifier (sk=0, value=10)", lambda: nullifier(10, 0),
     "53045cbc0c13cedba5d1c81a0bd9e4ee2a97eee47395885210541f8aaa2284cb"),
    ("commitment (sk=1, value=10)", lambda: commitment(10, 1),
     "a0519beaddbb6349caafe8c0aac1317413062af3d454163f90ccf7779e21c4f0"),
    ("genesis id", lambda: GENESIS.id,
     "e883d54ae3aef9821fdffdeaced07f0ed08fdfec7bed9d6dd535acc305f8ca62"),
    ("test content_id", lambda: H("CONTENT_ID", bytes(32)),
     "08d6c508860525a8ab2bc0267d4f301f819e55dd4af57b383c408e2cc8d178af"),
    ("block at slot 1 on genesis", lambda: test_block(1, GENESIS.id).id,
     "f6f7501fd65b4088941e0513bd539d7ad4b943cd5e375a21c5eaa5a1ef0fbf89"),
    ("its child at slot 2", lambda: test_block(2, test_block(1, GENESIS.id).id).id,
     "83c7ca8e6c2cd49ce22fcb06eacc18fc3de0ed9cafb62d510cf2e0e8847703cb"),
]


def header(slot, parent, size, content_id, value, sk):
    return {"slot": slot, "parent": parent.hex(), "content_size": size, "content_id": content_id.hex(),
            "proof": {"note": {"value": value, "sk": sk}, "slot": slot, "parent": parent.hex()}}


def test_block(slot, parent):  # spec conventions: note (sk=0, value=10), 32 zero bytes of content
    return Block(header(slot, parent, 32, H("CONTENT_ID", bytes(32)), 10, 0))


GENESIS = Block(header(0, bytes(32), 0, bytes(32), 0, 0))


def self_test():
    bad = 0
    for name, f, want in KNOWN:
        got = f().hex()
        ok = got == want
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}" + ("" if ok else f" (want {want})"))
    # the follower on the spec's example: a fork from genesis, longest chain wins
    state = {"nonce": "00" * 32, "leader_count": 0}
    f = Follower(header(0, bytes(32), 0, bytes(32), 0, 0), state,
                 [commitment(10, 0), commitment(10, 1)], 1, 6, False)
    b1 = test_block(1, GENESIS.id)
    b2 = test_block(2, b1.id)
    c1 = Block(header(1, GENESIS.id, 32, H("CONTENT_ID", bytes(32)), 10, 1))
    for b in (c1, b1, b2):
        f.on_block(b)
    ok = f.tip == b2.id and f.forks == [c1.id] and f.states[b2.id][1] == 2
    bad += not ok
    print(f"{'ok  ' if ok else 'FAIL'} follower: longest chain wins, one fork")
    print("self-test " + ("passed" if bad == 0 else f"FAILED ({bad} mismatch(es))"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(self_test() if "--self-test" in sys.argv[1:] else main())
