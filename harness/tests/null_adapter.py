#!/usr/bin/env python3
"""An adapter that does nothing plausible, for the null-adapter test.

It speaks the protocol correctly (so that what it reports is judged, not
rejected as a protocol error) but never syncs. A conformance corpus must fail
every one of these on every vector: a vector a do-nothing adapter passes
proves nothing. Modes (first argument):

    genesis-<end>        done at once: tip genesis, tree {genesis}
    local-<end>          done at once: echo the local start (tip: the local
                         block of the highest slot, tree: genesis + local)
    <start>-aborted-<kind>  as above, aborted with abort.kind <kind> and no
                         block or peer
    tips-<start>-<end>   first ask every peer for its tip, then as above

<end> is completed, aborted or budget-exceeded; <kind> is one of the
protocol's abort kinds. Standard library only.
"""
import json
import os
import sys

ENDS = ["completed", "aborted", "budget-exceeded"]
KINDS = ["block-error", "invalid-block-from-backfill-fork", "peer-failure", "internal"]


def modes():
    out = []
    for start in ["genesis", "local"]:
        for end in ENDS:
            out.append(f"{start}-{end}")
            out.append(f"tips-{start}-{end}")
        for kind in KINDS:
            out.append(f"{start}-aborted-{kind}")
    return out


def send(msg):
    sys.stdout.write(json.dumps(msg, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def read():
    line = sys.stdin.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in modes():
        print("usage: null_adapter.py MODE, MODE one of: " + " ".join(modes()), file=sys.stderr)
        return 2
    mode = sys.argv[1]
    ask_tips = mode.startswith("tips-")
    rest = mode[len("tips-"):] if ask_tips else mode
    start, _, end = rest.partition("-")
    kind = None
    if end.startswith("aborted-"):
        end, kind = "aborted", end[len("aborted-"):]

    send({"type": "hello", "protocol": "1.0",
          "implementation": {"name": "null-" + mode, "version": "0"},
          "features": ["checkpoint", "online", "sync-again"]})
    if read().get("type") != "welcome":
        return 3
    case = None
    while True:
        msg = read()
        if msg["type"] == "case":
            case = msg
        elif msg["type"] == "sync":
            npeers = len(case["peers"])
            if ask_tips:
                for p in range(npeers):
                    send({"type": "tip", "peer": p})
                    if read()["type"] == "budget-exceeded":
                        break
            tip, tree = genesis_id(case), [genesis_id(case)]
            if start == "local" and case["local"]["blocks"]:
                blocks = case["local"]["blocks"]
                tree += [local_id(b) for b in blocks]
                tip = local_id(max(blocks, key=lambda b: b["slot"]))
            done = {"type": "done", "end": end, "tip": tip, "forks": [], "tree": tree}
            if end == "aborted":
                done["error"] = "null adapter: " + mode
                if kind is not None:
                    done["abort"] = {"kind": kind}
            send(done)
        elif msg["type"] == "close":
            case = None


# The protocol sends headers, not ids: the ids are computed as the spec note
# says (section 1); this needs the header hash, which lives in the Python
# example adapter. Import it rather than write it twice.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "adapters", "python_seed"))
from adapter import Block  # noqa: E402


def genesis_id(case):
    return Block(case["genesis"]["header"]).id.hex()


def local_id(header):
    return Block(header).id.hex()


if __name__ == "__main__":
    sys.exit(main())
