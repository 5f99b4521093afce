extensions = ["sphinx_mentoring"]
project = "Workbench test lesson"
exclude_patterns = ["_build", "README.md"]
suppress_warnings = ["myst.header"]
