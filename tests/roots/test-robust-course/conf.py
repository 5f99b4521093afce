extensions = ["sphinx_mentoring"]
project = "Robust course"
html_theme = "sphinx_mentoring"
