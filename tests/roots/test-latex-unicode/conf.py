extensions = ["sphinx_mentoring"]
project = "Unicode"
author = "Test"
latex_documents = [("index", "unicode.tex", "Unicode", "Test", "howto")]
