extensions = ["sphinx_mentoring"]
project = "Seed course"
