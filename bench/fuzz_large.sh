#!/usr/bin/env bash
# One bounded libFuzzer run of the answer-file readers on inputs near the 1 MiB cap: large YAML
# and JSON seeds, -max_len raised to the cap, and a per-input limit that a quadratic parse would
# break (a 940 KB file once took 14 s). Not part of CI: each input takes a while under ASan.
# Usage: bench/fuzz_large.sh [SECONDS]   (needs `cmake --workflow --preset fuzz` built first)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
fuzzer=build-fuzz/tests/fuzz/fuzz_answers
[[ -x "$fuzzer" ]] || { echo "build the fuzz preset first: cmake --workflow --preset fuzz" >&2; exit 2; }
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
python3 - "$seeds" <<'PY'
import sys
folder = sys.argv[1]
ones = ",".join(["1"] * 19_900)
with open(f"{folder}/large.yaml", "w") as f:  # the reproducer of the quadratic parse
    f.write("#" + "x" * 900_000 + "\nanswers: {}\nnote: [" + ones + "]\n")
with open(f"{folder}/large.json", "w") as f:
    f.write('{"answers": {}, "note": ["' + "x" * 900_000 + '",' + ones + "]}\n")
with open(f"{folder}/lines.yaml", "w") as f:  # many short lines: places on every line
    f.write("answers: {}\nnote:\n" + "".join(f"  - {i}\n" for i in range(19_900)))
PY
"$fuzzer" -dict=tests/fuzz/psoas.dict -max_len=1048576 -timeout=10 -rss_limit_mb=4096 \
  -max_total_time="$seconds" -print_final_stats=1 "$seeds"
