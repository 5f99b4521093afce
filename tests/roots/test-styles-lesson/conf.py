from pathlib import Path

from sphinx_mentoring.jekyll.project import jekyll_settings

globals().update(jekyll_settings(Path(__file__).parent))
