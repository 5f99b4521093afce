#!/usr/bin/env bash
# The README's test command. It installs, only where missing:
#   - Debian packages (tools/system-deps.sh: TeX Live, poppler, epubcheck,
#     Chromium, Jekyll; apt-get, so root or sudo);
#   - tox, into its own virtual environment .tox/runner (nothing goes into the
#     Python that runs this script);
# then runs tox: the tests on Python 3.11 and 3.13 (each in its own .tox/ venv),
# ruff, and the package check (wheel + sdist, twine, a fresh venv builds the
# example). A Python that is not installed is skipped with a line saying so;
# with CI=true a missing one fails the run. Extra arguments go to tox
# (e.g. bash tools/test.sh -e py313 -- -k cli).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh
python3 -m venv .tox/runner
.tox/runner/bin/python -m pip install -q "tox>=4.20"
skip_missing=true
[ "${CI:-}" = "true" ] && skip_missing=false
if [ $# -eq 0 ]; then
  set -- -e py311,py313,lint,package
fi
exec .tox/runner/bin/tox --skip-missing-interpreters="$skip_missing" "$@"
