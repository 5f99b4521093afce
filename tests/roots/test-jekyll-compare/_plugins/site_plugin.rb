raise "a site's own plugin must not run (GitHub Pages does not run them)"
