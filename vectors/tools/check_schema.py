#!/usr/bin/env python3
"""Validates every vector under a directory against the JSON Schema.

Usage: check_schema.py SCHEMA CORPUS_DIR

The C++ loader is the authoritative validator; this proves the schema agrees
with it on the committed corpus, and that the schema is not vacuous: a few
mutations of the first vector, each of which the loader rejects, must fail
the schema too. Prints 'N passed, N failed' and exits non-zero on a failure.
"""
import copy
import json
import pathlib
import sys

import jsonschema


def mutations(vector):
    """(name, mutated copy) pairs; the loader rejects every one of them."""
    def mutate(name, change):
        v = copy.deepcopy(vector)
        change(v)
        return name, v

    def add_fault(v, fault):
        v["peers"][0]["faults"].append(fault)

    yield mutate("unknown top-level field", lambda v: v.update(extra=1))
    yield mutate("unknown field in a proof", lambda v: v["blocks"][0]["header"]["proof"].update(x=1))
    yield mutate("uppercase hex", lambda v: v["genesis"].update(id=v["genesis"]["id"].upper()))
    yield mutate("short hex", lambda v: v["blocks"][0].update(id="ab"))
    yield mutate("newer version", lambda v: v.update(version="1.6"))
    yield mutate("other major version", lambda v: v.update(version="2.0"))
    yield mutate("other format", lambda v: v.update(format="something-else"))
    yield mutate("missing field", lambda v: v.pop("budget"))
    yield mutate("negative slot", lambda v: v["blocks"][0]["header"].update(slot=-1))
    yield mutate("content_size above u32", lambda v: v["blocks"][0]["header"].update(content_size=2**32))
    yield mutate("slot above u64", lambda v: v["blocks"][0]["header"].update(slot=2**64))
    yield mutate("unknown profile", lambda v: v["expected"].update(fast={"end": "completed"}))
    yield mutate("variants out of order", lambda v: v["expected"].update(
        {"spec+fold-over-all-tips+density-window-includes-bound": {"end": "completed"}}))
    yield mutate("unknown variant", lambda v: v["expected"].update(
        {"spec+fold-over-all": {"end": "completed"}}))
    yield mutate("unknown end", lambda v: v["expected"].update(seed={"end": "finished"}))
    yield mutate("abort kind without abort",
                 lambda v: v["expected"].update(seed={"end": "completed", "abort_kind": "internal"}))
    yield mutate("fault that does not fit its request",
                 lambda v: add_fault(v, {"request": "tip", "call": 0, "kind": "wrong_header"}))
    yield mutate("off_path_blocks on blocks_from", lambda v: [v.update(version="1.5"), add_fault(
        v, {"request": "blocks_from", "call": 0, "kind": "off_path_blocks"})])
    yield mutate("not_online on block_by_id", lambda v: [v.update(version="1.5"), add_fault(
        v, {"request": "block_by_id", "call": 0, "kind": "not_online"})])
    yield mutate("fail_mid_stream without param",
                 lambda v: add_fault(v, {"request": "blocks_from", "call": "every", "kind": "fail_mid_stream"}))
    yield mutate("bad vector id", lambda v: v.update(id="a/b"))
    yield mutate("checkpoint of wrong type", lambda v: v["local"].update(checkpoint=[]))


def valid_variants(vector):
    """(name, changed copy) pairs that the loader accepts: the schema must too."""
    def change(name, edit):
        v = copy.deepcopy(vector)
        edit(v)
        return name, v

    faults = [
        {"request": "tip", "call": 0, "kind": "fail_call"},
        {"request": "blocks_from", "call": "every", "kind": "fail_mid_stream", "param": 2},
        {"request": "blocks_from", "call": 1, "kind": "reorder_stream"},
        {"request": "blocks_from", "call": 2, "kind": "duplicate_blocks"},
        {"request": "block_by_id", "call": "every", "kind": "wrong_header"},
    ]
    yield change("every fault kind", lambda v: v["peers"][0]["faults"].extend(faults))
    yield change("faults of 1.5", lambda v: [v.update(version="1.5"), v["peers"][0]["faults"].extend([
        {"request": "download", "call": "every", "kind": "off_path_blocks"},
        {"request": "tip", "call": 0, "kind": "not_online"},
        {"request": "download", "call": "every", "kind": "not_online"}])])
    yield change("online mode, no metadata",
                 lambda v: [v.update(mode="online")] + [v.pop(k) for k in ("description", "tags", "reproduce")])
    yield change("aborted expectation", lambda v: v["expected"].update(seed={
        "end": "aborted", "abort_kind": "peer-failure", "failing_block": "0" * 64}))
    yield change("no expectations", lambda v: v.update(expected={}))
    yield change("expectations under variants", lambda v: [v.update(version="1.4"), v["expected"].update(
        {"spec+density-window-includes-bound+fold-over-all-tips": {"end": "completed"},
         "reference+fork-choice-on-every-block": {"end": "completed"}})])


def main():
    schema_path, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    passed = failed = 0

    files = sorted(corpus.rglob("*.json"))
    if not files:
        print(f"FAIL no vectors under {corpus}")
        failed += 1
    for path in files:
        errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.path))
        if errors:
            failed += 1
            for e in errors:
                pointer = "".join(f"/{p}" for p in e.path)
                print(f"FAIL {path}: {pointer}: {e.message[:200]}")
        else:
            passed += 1
            print(f"ok   {path}")

    if files:
        first = json.loads(files[0].read_text())
        for name, mutated in mutations(first):
            if any(True for _ in validator.iter_errors(mutated)):
                passed += 1
                print(f"ok   schema rejects: {name}")
            else:
                failed += 1
                print(f"FAIL schema accepts: {name}")

        for name, variant in valid_variants(first):
            errors = list(validator.iter_errors(variant))
            if errors:
                failed += 1
                print(f"FAIL schema rejects valid variant: {name}: {errors[0].message[:200]}")
            else:
                passed += 1
                print(f"ok   schema accepts: {name}")

    print(f"\n{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
