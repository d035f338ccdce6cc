"""dj_archive: archive, search and analyse a Party organisation's records (党建档案).

>>> import dj_archive
>>> arc = dj_archive.open_archive("archive")   # doctest: +SKIP
>>> arc.index()                                 # doctest: +SKIP
>>> arc.search("主题党日 OR 党课", year=2023)     # doctest: +SKIP
"""

from .archive import Archive, open_archive
from .errors import DjArchiveError

__all__ = ["open_archive", "Archive", "DjArchiveError"]
__version__ = "0.1.0"
