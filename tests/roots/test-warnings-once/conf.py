extensions = ["sphinx_mentoring"]
project = "Warnings once"
mentoring_pdf = "both"  # each module page is in two PDFs: the course and its module
