"""Jekyll's languages over the site model: Liquid (:mod:`.liquid`), kramdown's
attribute lists (:mod:`.kramdown`), and the Sphinx settings of a Jekyll site
(:mod:`.project`, the zero-config ``conf.py``).

The site itself (``_config.yml``, pages, collections, permalinks) is
:mod:`sphinx_mentoring.site`; Sphinx reads it through :mod:`sphinx_mentoring.sources`.
"""
