extensions = ["sphinx_mentoring"]
html_theme = "sphinx_mentoring"
project = "Library Mentoring"
copyright = "2026, Test Authors"
