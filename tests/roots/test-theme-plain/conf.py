# The theme on its own (through the sphinx.html_themes entry point), no extension.
html_theme = "sphinx_mentoring"
project = "Plain docs"
