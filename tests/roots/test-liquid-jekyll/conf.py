extensions = ["sphinx_mentoring"]
exclude_patterns = ["_build", "parts/snippet.md", "_site"]
suppress_warnings = ["toc.not_included"]
