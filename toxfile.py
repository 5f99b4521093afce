"""tox in-tree plugin: let tox find every Python that pyenv installed.

pyenv's shims only answer for the selected version, so ``python3.13`` is not on
PATH unless it is the global one. Putting each installed version's ``bin`` on
PATH (newest patch release first) lets ``py311`` and ``py313`` both resolve.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from tox.plugin import impl

if TYPE_CHECKING:
    from tox.tox_env.api import ToxEnv


def _pyenv_bins() -> list[str]:
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not versions.is_dir():
        return []
    found = [p / "bin" for p in versions.iterdir() if (p / "bin" / "python3").exists()]
    return [str(p) for p in sorted(found, key=lambda p: p.parent.name, reverse=True)]


@impl
def tox_on_install(tox_env: ToxEnv, arguments: object, section: str, of_type: str) -> None:
    """Unused hook: tox loads this file for its import-time PATH set-up."""


os.environ["PATH"] = os.pathsep.join([*_pyenv_bins(), os.environ.get("PATH", "")])
