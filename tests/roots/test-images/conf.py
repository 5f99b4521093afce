extensions = ["sphinx_mentoring"]
project = "Images"
author = "Test"
root_doc = "index"
latex_documents = [("index", "images.tex", "Images", "Test", "howto")]
