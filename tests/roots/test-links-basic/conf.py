extensions = ["sphinx_mentoring"]
project = "Links"
