"""The ConnectedLib corpus: no HTML or markdown="1" reaches the text output, every box is kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_mentoring import nodes as mnodes

SHARED = Path(os.environ.get("MENTORING_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FIDELITY = SHARED / "tools" / "fidelity.py"


@pytest.fixture
def corpus_project(corpus_copy):
    (corpus_copy / "conf.py").write_text(
        'extensions = ["sphinx_mentoring"]\nroot_doc = "zz_root"\n'
        'exclude_patterns = ["README.md", "SOURCE.md"]\n',
        encoding="utf-8",
    )
    (corpus_copy / "zz_root.md").write_text(
        "# Root\n\n```{toctree}\n:glob:\n\nindex\nmodules/*/_posts/*\n```\n", encoding="utf-8"
    )
    return corpus_copy


def test_corpus_text_build_has_no_html_leaks(make_app, corpus_project, tmp_path):
    app = make_app("text", srcdir=corpus_project, builddir=tmp_path / "build", freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    for subtype in ("html", "html-nesting", "html-stray", "html-unclosed", "video"):
        assert f"[mentoring.{subtype}]" not in warnings
    callouts = objectives = videos = 0
    for docname in app.env.found_docs:
        doctree = app.env.get_doctree(docname)
        callouts += len(list(doctree.findall(mnodes.callout)))
        objectives += len(list(doctree.findall(mnodes.objectives)))
        videos += len(list(doctree.findall(mnodes.video)))
        assert not list(doctree.findall(nodes.raw)), docname
    assert objectives >= 3 and callouts >= 20 and videos >= 20
    if not FIDELITY.is_file():
        pytest.skip("fidelity tool not found")
    result = subprocess.run(
        [sys.executable, str(FIDELITY), str(corpus_project), str(app.outdir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = json.loads(result.stdout)["summary"]
    assert summary["leaks"]["html tag"] == 0
    assert summary["leaks"]["markdown=1"] == 0
