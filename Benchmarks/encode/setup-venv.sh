#!/usr/bin/env bash
# Creates a Python virtual environment with the reference engines of `prefaudit bench encode`:
# onnxruntime, sentence-transformers and a CPU build of PyTorch (plus onnx for the ONNX export).
#
# Usage: bash Benchmarks/encode/setup-venv.sh [VENV_DIR]     (default /work/venvs/encbench)
# Then:  prefaudit bench encode --python VENV_DIR/bin/python
#
# Versions are those of the recorded anchors (perf-anchors.md §4). PyTorch is asked for as the CPU
# build 2.13.0+cpu, which pip finds where a local wheel folder is configured (pip config's
# find-links, as on the project's machines); elsewhere pip falls back to PyPI's default torch build,
# which is much larger (it carries GPU libraries) but computes the same on CPU.
set -euo pipefail

venv="${1:-/work/venvs/encbench}"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup-venv.sh: $python not found (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip install)
if ! "${pip[@]}" "torch==2.13.0+cpu"; then
  echo "setup-venv.sh: torch 2.13.0+cpu is not available here; installing PyPI's torch instead" >&2
  "${pip[@]}" torch
fi
"${pip[@]}" "onnxruntime==1.31.1" "sentence-transformers==6.2.0" "transformers==5.23.0" onnx
"$venv/bin/python" "$(dirname "$0")/encode_reference.py" probe
