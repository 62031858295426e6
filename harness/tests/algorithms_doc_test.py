#!/usr/bin/env python3
"""Keeps the worked traces of docs/ALGORITHMS.md true.

Every fenced block of the page whose first line is a command
`$ build/harness/harness ARGS...` is run (with the built harness, from the
source directory), and the block's other lines must appear in its output as
one run of consecutive lines, unchanged. The command must exit 0. The page
must quote at least one such trace for each profile.

    algorithms_doc_test.py HARNESS DOC SOURCE_DIR

Prints one line per block and exits 1 if any block no longer matches.
"""
import shlex
import subprocess
import sys

PREFIX = "$ build/harness/harness "
PROFILES = ["seed", "spec", "reference"]


def fenced_blocks(text):
    """The lines of every ``` block, with the line number it starts on."""
    blocks, current, start = [], None, 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            if current is None:
                current, start = [], number + 1
            else:
                blocks.append((start, current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def contains_run(output, quoted):
    n = len(quoted)
    return any(output[i:i + n] == quoted for i in range(len(output) - n + 1))


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    harness, doc, source_dir = argv[1:]
    with open(doc, encoding="utf-8") as f:
        blocks = [(s, b) for s, b in fenced_blocks(f.read()) if b and b[0].startswith(PREFIX)]
    failed = 0
    seen_profiles = set()
    for start, block in blocks:
        args = shlex.split(block[0][len(PREFIX):])
        if "--impl" in args:
            seen_profiles.add(args[args.index("--impl") + 1])
        run = subprocess.run([harness] + args, cwd=source_dir, capture_output=True, text=True)
        output = [line.rstrip() for line in run.stdout.splitlines()]
        quoted = [line.rstrip() for line in block[1:]]
        if run.returncode != 0:
            failed += 1
            print(f"line {start}: FAILED: `{block[0][2:]}` exited {run.returncode}\n{run.stderr}")
        elif not contains_run(output, quoted):
            failed += 1
            print(f"line {start}: FAILED: `{block[0][2:]}` no longer prints the quoted lines; it prints:")
            print("\n".join("    " + line for line in output))
        else:
            print(f"line {start}: ok: `{block[0][2:]}` ({len(quoted)} line(s))")
    for profile in PROFILES:
        if profile not in seen_profiles:
            failed += 1
            print(f"FAILED: no worked trace for profile {profile} (a block starting `{PREFIX}... --impl {profile}`)")
    print(f"{len(blocks)} trace block(s), {failed} failure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
