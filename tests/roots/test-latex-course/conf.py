extensions = ["sphinx_mentoring"]
project = "Connected Mentoring"
author = "Library Trainers"
exclude_patterns = ["_build"]
