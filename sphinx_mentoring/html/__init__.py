"""Raw HTML in Markdown -> docutils structure.

MyST keeps HTML as ``raw`` nodes that only the HTML builder prints. Here the
HTML a course page holds (objectives and callout boxes, ``markdown="1"`` divs,
iframes, images, ``<sup>``/``<a>`` footnote anchors, ``<b>``, ``<br>`` ...) is
parsed with :mod:`html.parser` and rebuilt as docutils nodes, so it reaches
every output format.

- :mod:`~sphinx_mentoring.html.tree`: a tolerant element tree on ``html.parser``;
- :mod:`~sphinx_mentoring.html.convert`: elements -> nodes;
- :mod:`~sphinx_mentoring.html.render`: the renderer hooks, open boxes across blocks;
- :mod:`~sphinx_mentoring.html.markdown`: the markdown-it plugin (HTML blocks as kramdown
  sees them);
- :mod:`~sphinx_mentoring.html.raw`: raw HTML of directives and roles, converted the same way;
- :mod:`~sphinx_mentoring.html.urls`: safe URLs, video players, image paths;
- :mod:`~sphinx_mentoring.html.images`: remote images in offline formats.

This package imports nothing at load time: :mod:`sphinx_mentoring.nodes` uses
:mod:`~sphinx_mentoring.html.urls` and the converter uses the nodes.
"""
