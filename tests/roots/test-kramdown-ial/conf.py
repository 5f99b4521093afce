extensions = ["sphinx_mentoring"]
