#!/usr/bin/env bash
# Debian packages the tests and the PDF/EPUB builds need: TeX Live (pdflatex,
# xelatex, lualatex, latexmk), poppler's pdftotext/pdftoppm, epubcheck,
# Chromium for the browser tests, Jekyll with the GitHub Pages plugins Debian
# packages (the reference renderer of Jekyll sites), make (the generated
# Makefiles), for Debian's own python3 its venv module (tools/test.sh makes
# virtual environments), ImageMagick (GIF, WebP, SVG, ICO -> PNG for PDF and
# EPUB, through sphinx.ext.imgconverter; its "extra" codecs read SVG) and
# Symbola (a monochrome emoji font LuaLaTeX falls back to). Installs only what
# is missing.
set -euo pipefail
packages=(
  latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  texlive-xetex texlive-luatex lmodern tex-gyre fonts-freefont-otf
  poppler-utils epubcheck chromium jekyll make imagemagick fonts-symbola
  # GitHub Pages' plugins Debian packages (tools/jekyll_compare.py enables them)
  ruby-jekyll-default-layout ruby-jekyll-gist ruby-jekyll-optional-front-matter
  ruby-jekyll-paginate ruby-jekyll-readme-index ruby-jekyll-relative-links
  ruby-jekyll-titles-from-headings ruby-jekyll-feed ruby-jekyll-seo-tag
  ruby-jekyll-sitemap ruby-jekyll-redirect-from ruby-jekyll-include-cache
  ruby-jekyll-avatar ruby-jekyll-mentions
)
if [ "$(command -v python3)" = /usr/bin/python3 ] && ! python3 -c "import ensurepip" 2>/dev/null; then
  packages+=(python3-venv)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# ImageMagick's SVG reader is in the codecs it recommends (libmagickcore-*-extra,
# named by version): install its recommendations when it has no SVG.
if ! convert -list format 2>/dev/null | grep -q "^ *SVG "; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  extra=$(apt-cache depends imagemagick-6.q16 | awk '/Recommends: libmagickcore.*-extra/ {print $2}')
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $extra
fi
