"""Year-by-year themes of party-building work, 2019–2025 (data/themes.yml): what was
studied, the 主题党日 and 集中学习 topics, 党课 and 心得体会 paragraphs, sentences for
summaries and plans."""

from .pools import pools

THEMES = pools("themes")


def theme_items(year, key, month):
    """Items of years[year][key] whose month window contains month."""
    return [it for it in THEMES.years[year][key] if month in it[0]]


def focus_at(d):
    """What a meeting on day d studies ("传达学习{focus}")."""
    cur = THEMES.focus_at[d.year][0][1]
    for (m, dd), text in THEMES.focus_at[d.year]:
        if (d.month, d.day) >= (m, dd):
            cur = text
    return cur
