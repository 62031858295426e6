#!/usr/bin/env python3
"""Property throughput: cases per second for each property at the default size.

Runs the property test binary REPEAT times with a fixed RapidCheck seed and
max_success=CASES, reads each test's time from GoogleTest's JSON report and
prints, per property, the median time and cases per second (slowest first).

  properties/benchmarks/property_throughput.py build/properties/cryptarchia_property_tests \
      [--cases 100] [--repeat 5] [--seed 1]

Only RapidCheck properties are listed (the generator unit tests are not).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

PROPERTY_SUITES = ("SyncConformance", "ReferenceVsSpec")


def one_run(binary, cases, seed, gtest_filter):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        env = dict(os.environ, RC_PARAMS=f"max_success={cases} seed={seed}")
        cmd = [binary, f"--gtest_output=json:{report}"]
        if gtest_filter:
            cmd.append(f"--gtest_filter={gtest_filter}")
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        with open(report) as f:
            data = json.load(f)
    times = {}
    for suite in data["testsuites"]:
        if not any(s in suite["name"] for s in PROPERTY_SUITES):
            continue
        for test in suite["testsuite"]:
            times[test["name"]] = float(test["time"].rstrip("s"))
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--filter", default="")
    args = ap.parse_args()

    runs = [one_run(args.binary, args.cases, args.seed, args.filter) for _ in range(args.repeat)]
    names = sorted(runs[0], key=lambda n: -statistics.median(r[n] for r in runs))
    print(f"{'property':52} {'median s':>9} {'cases/s':>9}   "
          f"({args.cases} cases, seed {args.seed}, median of {args.repeat})")
    total = 0.0
    for name in names:
        t = statistics.median(r[name] for r in runs)
        total += t
        rate = args.cases / t if t > 0 else float("inf")
        print(f"{name:52} {t:9.3f} {rate:9.0f}")
    print(f"{'all properties':52} {total:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
