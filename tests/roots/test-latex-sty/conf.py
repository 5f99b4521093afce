extensions = ["sphinx_mentoring"]
project = "Components"
