#!/usr/bin/env bash
# Install the external tools some tests drive, into .ci-cache/, so that the
# tests themselves never touch the network:
#  - Microsoft's SARIF Multitool (npm), to validate our SARIF output;
#  - a wheelhouse of courtesy-lint's dependencies, so that pre-commit can
#    build the hook's environment offline.
# Prints the environment variables to export.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${COURTESY_LINT_TEST_CACHE:-$PWD/.ci-cache}
mkdir -p "$cache/sarif" "$cache/wheels"
if [ ! -d "$cache/sarif/node_modules/@microsoft/sarif-multitool-linux" ]; then
  npm install --silent --no-audit --no-fund --prefix "$cache/sarif" @microsoft/sarif-multitool@5.7.0 >&2
fi
python=${PYTHON:-.venv/bin/python}
"$python" -m pip wheel --quiet --wheel-dir "$cache/wheels" . >&2
"$python" -m pip download --quiet --dest "$cache/wheels" "setuptools>=61" wheel hatchling >&2
echo "export SARIF_MULTITOOL_DIR=$cache/sarif"
echo "export COURTESY_LINT_WHEELHOUSE=$cache/wheels"
