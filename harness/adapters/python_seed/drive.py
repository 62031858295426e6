#!/usr/bin/env python3
"""A tiny stand-in for the harness: plays the peers of one vector over the
adapter protocol (harness/PROTOCOL.md) and compares the adapter's `done`
with the vector's expectations. Standard library only.

    python3 drive.py VECTOR.json [--adapter CMD] [--trace]
    python3 drive.py --all DIR   [--adapter CMD]

Judged against expected["seed"] (the C++ seed profile's recorded outcome);
the `reference` comparison is printed for information. Peers and faults
mimic impl/src/peer.cpp and impl/src/faults.cpp. Only the request budget
(tip, blocks_from, block) is enforced exactly; the C++ step budget cannot be
seen from outside, so `next` calls are capped at max_steps as a safety net.
"""
import json
import os
import select
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ADAPTER = f"python3 {os.path.join(HERE, 'adapter.py')}"
TIMEOUT = 10.0  # seconds per case, as the harness's default


class Peer:
    """One peer of the vector: its blocks in storage order, its tip, its faults."""

    def __init__(self, spec, headers):
        self.blocks = [headers[i] for i in spec["blocks"]]
        self.by_id = dict(zip(spec["blocks"], self.blocks))
        self.tip = headers[spec["tip"]]
        self.faults = spec["faults"]
        self.calls = {"tip": 0, "blocks_from": 0, "block_by_id": 0}

    def fault(self, kind):  # the first fault matching this call, counted per request kind
        call = self.calls[kind]
        self.calls[kind] += 1
        for f in self.faults:
            if f["request"] == kind and (f["call"] == "every" or f["call"] == call):
                return f
        return None


class Stream:
    def __init__(self, blocks, fail_at_end):
        self.blocks, self.fail_at_end, self.at = blocks, fail_at_end, 0


class World:
    """The harness side of one case: answers the adapter's requests."""

    def __init__(self, vec):
        self.headers = {b["id"]: b["header"] for b in vec["blocks"]}
        self.headers[vec["genesis"]["id"]] = vec["genesis"]["header"]
        self.peers = [Peer(p, self.headers) for p in vec["peers"]]
        self.budget = vec["budget"]
        self.requests = self.nexts = 0
        self.streams = {}

    def answer(self, msg):
        t = msg["type"]
        if t in ("tip", "blocks_from", "block"):
            if self.requests >= self.budget["max_requests"]:
                return {"type": "budget-exceeded"}
            self.requests += 1
            peer = self.peers[msg["peer"]]
            if t == "tip":
                f = peer.fault("tip")
                return failure(f) if f else {"type": "tip", "header": peer.tip}
            if t == "block":
                f = peer.fault("block_by_id")
                h = peer.by_id.get(msg["id"])
                if f and f["kind"] == "fail_call":
                    return failure(f)
                if h is None:
                    return {"type": "none"}
                if f:  # wrong_header: a well-formed header of another id
                    h = dict(h, content_size=h["content_size"] ^ 1)
                return {"type": "block", "header": h}
            f = peer.fault("blocks_from")
            blocks = [h for h in peer.blocks if h["slot"] >= msg["slot"]]  # already in slot order
            fail_at_end = False
            if f:
                if f["kind"] == "fail_call":
                    return failure(f)
                if f["kind"] == "fail_mid_stream":
                    blocks, fail_at_end = blocks[:f.get("param", 0)], True
                elif f["kind"] == "reorder_stream":
                    blocks = blocks[::-1]
                elif f["kind"] == "duplicate_blocks":
                    blocks = [h for h in blocks for _ in (0, 1)]
            sid = len(self.streams)
            self.streams[sid] = Stream(blocks, fail_at_end)
            return {"type": "stream", "stream": sid}
        if t == "next":
            self.nexts += 1
            if self.nexts > self.budget["max_steps"]:
                return {"type": "budget-exceeded"}
            s = self.streams.get(msg["stream"])
            if s is None:
                raise ProtocolError(f"no open stream {msg['stream']}")
            if s.at < len(s.blocks):
                s.at += 1
                return {"type": "block", "header": s.blocks[s.at - 1]}
            del self.streams[msg["stream"]]  # a stream that ends or fails is closed
            return {"type": "failure", "reason": "injected: fail_mid_stream"} if s.fail_at_end \
                else {"type": "end"}
        raise ProtocolError(f"unexpected message type {t!r}")


def failure(f):
    return {"type": "failure", "reason": f"injected: {f['kind']} on {f['request']}"}


class ProtocolError(Exception):
    pass


class Adapter:
    def __init__(self, cmd):
        self.proc = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def read(self):
        ready, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        if not ready:
            raise ProtocolError("timeout")
        line = self.proc.stdout.readline()
        if not line:
            raise ProtocolError("adapter closed stdout")
        return json.loads(line)

    def send(self, msg):
        self.proc.stdin.write(json.dumps(msg) + "\n")
        self.proc.stdin.flush()

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001
            self.proc.kill()


def run_vector(vec, cmd, trace=False):
    """Runs one vector through the adapter; returns its `done` message."""
    world = World(vec)
    ad = Adapter(cmd)
    try:
        hello = ad.read()
        if hello.get("type") != "hello":
            raise ProtocolError(f"expected hello, got {hello}")
        ad.send({"type": "welcome", "protocol": "1.0"})
        g = vec["genesis"]
        ad.send({"type": "case", "id": vec["id"], "config": vec["config"], "mode": vec["mode"],
                 "genesis": {"header": g["header"], "state": g["state"],
                             "commitments": [e["commitment"] for e in g["stake"]]},
                 "local": {"blocks": [world.headers[i] for i in vec["local"]["blocks"]]},
                 "peers": [p["name"] for p in vec["peers"]]})
        cp = vec["local"]["checkpoint"]
        ad.send({"type": "sync", "checkpoint": None if cp is None else
                 {"header": world.headers[cp["block"]], "state": cp["state"]}})
        while True:
            msg = ad.read()
            if msg["type"] in ("done", "skip"):
                ad.send({"type": "close"})
                msg["requests"] = world.requests
                return msg
            ans = world.answer(msg)
            if trace:
                print(f"  > {json.dumps(msg)[:150]}\n  < {json.dumps(ans)[:150]}", file=sys.stderr)
            ad.send(ans)
    finally:
        ad.close()


def compare(expected, done):
    """What differs between an expectation and a `done`: a list of texts."""
    bad = []
    if done["type"] != "done":
        return [f"adapter answered {done['type']}: {done.get('reason', '')}"]
    if done["end"] != expected["end"]:
        bad.append(f"end: expected {expected['end']}, got {done['end']} {done.get('error', '')}")
    if "abort_kind" in expected and not done.get("error", "").startswith(expected["abort_kind"] + ":"):
        bad.append(f"abort_kind: expected {expected['abort_kind']}, error was {done.get('error')!r}")
    for field in ("block_status", "failing_block"):  # these show in the error text
        if field in expected and expected[field] not in done.get("error", ""):
            bad.append(f"{field}: expected {expected[field]}, error was {done.get('error')!r}")
    if "tip" in expected and done["tip"] != expected["tip"]:
        bad.append(f"tip: expected {expected['tip'][:8]}, got {done['tip'][:8]}")
    if "forks" in expected and done["forks"] != expected["forks"]:
        bad.append(f"forks: expected {[f[:8] for f in expected['forks']]}, "
                   f"got {[f[:8] for f in done['forks']]}")
    if "tree" in expected and sorted(done["tree"]) != sorted(expected["tree"]):
        extra = sorted(set(done["tree"]) - set(expected["tree"]))
        missing = sorted(set(expected["tree"]) - set(done["tree"]))
        bad.append(f"tree: extra {[x[:8] for x in extra]}, missing {[x[:8] for x in missing]}")
    for x in expected.get("absent", []):
        if x in done["tree"]:
            bad.append(f"tree: must not contain {x[:8]}")
    return bad


def check_file(path, cmd, trace=False):
    """Returns True/False (matches the seed expectation) or None (no seed expectation)."""
    vec = json.load(open(path))
    try:
        done = run_vector(vec, cmd, trace)
    except Exception as e:  # noqa: BLE001 - any adapter misbehaviour fails the vector
        done = {"type": "error", "reason": str(e)}
    exp = vec["expected"]
    vs_seed = compare(exp["seed"], done) if "seed" in exp else None
    vs_ref = compare(exp["reference"], done) if "reference" in exp else None
    status = "NO-SEED" if vs_seed is None else ("PASS" if not vs_seed else "FAIL")
    ref = "-" if vs_ref is None else ("same" if not vs_ref else "DIFFERS")
    print(f"{status:7} {vec['id']}: {done.get('end', done['type'])}, {done.get('requests', '?')} "
          f"request(s); vs reference: {ref}")
    for b in vs_seed or []:
        print(f"        seed: {b}")
    for b in vs_ref or []:
        print(f"        reference: {b}")
    return None if vs_seed is None else not vs_seed


def main(argv):
    cmd, trace, paths, scan = DEFAULT_ADAPTER, False, [], False
    it = iter(argv)
    for a in it:
        if a == "--adapter":
            cmd = next(it)
        elif a == "--trace":
            trace = True
        elif a == "--all":
            scan = True
        else:
            paths.append(a)
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    files = []
    for p in paths:
        if scan or os.path.isdir(p):
            files += sorted(os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs
                            if f.endswith(".json"))
        else:
            files.append(p)
    results = [check_file(f, cmd, trace) for f in sorted(files)]
    passed, failed = results.count(True), results.count(False)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
