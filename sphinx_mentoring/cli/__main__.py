"""``python -m sphinx_mentoring.cli``: the ``sphinx-mentoring`` command."""

import sys

from sphinx_mentoring.cli import main

sys.exit(main())
