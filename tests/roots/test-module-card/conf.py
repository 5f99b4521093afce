extensions = ["sphinx_mentoring"]
project = "Card course"
man_pages = [("index", "cardcourse", "Card course", [], 1)]
texinfo_documents = [("index", "cardcourse", "Card course", "", "cardcourse", "", "", False)]
