extensions = ["sphinx_mentoring"]
templates_path = ["_templates"]
exclude_patterns = ["_build"]
