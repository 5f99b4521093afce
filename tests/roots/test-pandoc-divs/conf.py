extensions = ["sphinx_mentoring"]
project = "Fenced divs"
