extensions = ["sphinx_mentoring"]
project = "Bad inputs"
