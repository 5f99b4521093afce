extensions = ["sphinx_mentoring"]
html_theme = "sphinx_mentoring"
project = "Landing"
