"""The discrepancy table of archive/README.md, generated from the build."""

HEADER = "## 有意设置的不一致（用于“总结所称 vs 档案所载”核对）"


def table_md(rows):
    out = ["| 支部 | 期间 | 指标 | 总结所称 | 档案所载 | 说明 |", "|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (r["period"][:4], r["period"], r["org"])):
        out.append(f"| {r['org']} | {r['period']} | {r['indicator']} | {r['claimed']} | {r['filed']} | {r['note']} |")
    return "\n".join(out)


def update_readme(path, rows):
    """Replace the table under HEADER in an existing README (nothing else)."""
    import os

    if not os.path.exists(path):
        return False
    text = open(path, encoding="utf-8").read()
    if HEADER not in text:
        return False
    i = text.index(HEADER) + len(HEADER)
    lines = text[i:].split("\n")
    # find the table: first line starting with '|' up to the first line not starting with '|'
    start = next(k for k, ln in enumerate(lines) if ln.startswith("|"))
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    new = "\n".join(lines[:start]) + ("\n" if start else "") + table_md(rows) + "\n" + "\n".join(lines[end:])
    new_text = text[:i] + ("" if new.startswith("\n") else "\n") + new
    if new_text != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new_text)
    return True
