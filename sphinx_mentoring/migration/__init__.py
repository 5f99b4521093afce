"""The migration report: what ``sphinx-mentoring check`` tells before any build.

It reads a site with the site model (:func:`sphinx_mentoring.site.load_site`,
which also says the site's family) and runs *detectors* over it: functions from
the site to :class:`Finding` objects, each located at a file and line. Some
detectors apply to every Jekyll site (:mod:`.jekyll`), others to one family
(:mod:`.course_in_a_box`, :mod:`.carpentries`, :mod:`.workbench`); a family adds
its own with :func:`register_detector`. Plain Python: no Sphinx runs.
"""

from sphinx_mentoring.migration.model import Finding, Kind, Report, register_detector
from sphinx_mentoring.migration.report import check_site, format_report

__all__ = ["Finding", "Kind", "Report", "check_site", "format_report", "register_detector"]
