extensions = ["sphinx_mentoring"]
exclude_patterns = ["_build"]
