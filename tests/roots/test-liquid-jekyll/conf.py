extensions = ["sphinx_mentoring"]
exclude_patterns = ["_build", "_includes", "parts/snippet.md", "_site"]
suppress_warnings = ["toc.not_included"]
source_suffix = {".md": "markdown", ".html": "markdown"}
