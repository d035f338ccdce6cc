"""Analysis of an indexed archive, for the notebooks: every function takes an
:class:`~dj_archive.archive.Archive` (or a frame one of them returned) and returns a
pandas DataFrame or a matplotlib Figure. Outputs are sorted and rounded so that a
notebook re-run shows exactly the same thing.

==================  ===========================================================
search helpers      :func:`kwic`, :func:`facet_counts`, :func:`plot_facets`, :func:`search_widget`
term trends         :func:`term_frequency`, :func:`default_theme_terms`, :func:`theme_peaks`,
                    :func:`plot_term_trends`, :func:`plot_term_heatmap`
keywords            :func:`period_keywords`, :func:`keywords_table`
activity counts     :func:`activity_series`, :func:`activity_table`, :func:`plot_activity`
claimed vs filed    :func:`claimed_vs_recorded`, :func:`discrepancies`, :func:`plot_claimed_vs_recorded`
completeness        :func:`filing_matrix`, :func:`filing_gaps`, :func:`plot_filing_heatmap`
fonts               :func:`use_cjk_font`
notebooks           :func:`open_notebook_archive` (the setup cell), :func:`for_reader` (Chinese
                    headers, readable cells), :func:`kwic_view` (an aligned concordance)
==================  ===========================================================
"""

from .completeness import filing_gaps, filing_matrix, plot_filing_heatmap
from .explore import facet_counts, kwic, plot_facets, search_widget
from .fonts import use_cjk_font
from .keywords import keywords_table, load_stopwords, period_keywords
from .metrics import activity_series, activity_table, plot_activity, summary_metrics
from .notebook import for_reader, kwic_view, open_notebook_archive
from .reconcile import claimed_vs_recorded, discrepancies, plot_claimed_vs_recorded
from .trends import default_theme_terms, plot_term_heatmap, plot_term_trends, term_frequency, theme_peaks

__all__ = [
    "use_cjk_font",
    "kwic",
    "facet_counts",
    "plot_facets",
    "search_widget",
    "term_frequency",
    "default_theme_terms",
    "theme_peaks",
    "plot_term_trends",
    "plot_term_heatmap",
    "period_keywords",
    "keywords_table",
    "load_stopwords",
    "activity_series",
    "activity_table",
    "open_notebook_archive",
    "for_reader",
    "kwic_view",
    "summary_metrics",
    "plot_activity",
    "claimed_vs_recorded",
    "discrepancies",
    "plot_claimed_vs_recorded",
    "filing_matrix",
    "filing_gaps",
    "plot_filing_heatmap",
]
