#!/usr/bin/env bash
# Installs the Debian packages prefaudit builds against, when they are missing.
set -euo pipefail
need=()
for pkg in libarchive-dev libxml2-dev zlib1g-dev pkg-config zstd xz-utils bzip2 zip unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
