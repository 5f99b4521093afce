extensions = ["sphinx_mentoring"]
html_theme = "sphinx_mentoring"
project = "One-page modules"
