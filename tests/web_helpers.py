"""A small real archive for the web app's tests (built with the same builders as the
other fixtures), and a TestClient on it."""

from __future__ import annotations

from pathlib import Path

from builders import write_docx, write_pdf, write_text

FONDS = """fonds_id: D077
fonds_name: 测试局机关党总支
orgs:
  - name: 机关第一党支部
    aliases: [一支部]
  - name: 离退休干部党支部
"""
#: A valid 身份证号 (checksum) and a 手机号, to test masking.
ID_NUMBER = "11010519491231002X"
PHONE = "13812345678"


def build_archive(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(FONDS, encoding="utf-8")
    write_docx(
        root / "ZZ_组织建设类/2023/2023-03-20_机关第一党支部2023年第一季度党费收缴情况.docx",
        [
            "机关第一党支部2023年第一季度党费收缴情况",
            "按时足额收缴党费。党费收缴情况每季度公布。",
            f"联系人王晓明，电话{PHONE}，身份证号{ID_NUMBER}。",
        ],
        table=[["姓名", "应缴党费"], ["王晓明", "60元"]],
    )
    write_text(
        root / "SH_组织生活类/2023/2023-02-14_机关第一党支部2023年第1次支委会会议记录.txt",
        "機關第一黨支部支委會會議記錄\n議題：研究黨費收繳和主題黨日安排\n第二行\n",
        encoding="utf-8",
    )
    write_text(
        root / "ZH_综合类/2023/2023-07-05_机关第一党支部2023年上半年党建工作总结.txt",
        "机关第一党支部2023年上半年党建工作总结\n上半年共召开支委会6次，按时足额收缴党费。\n开展主题党日活动6次。\n机关第一党支部\n2023年7月5日\n",
        encoding="gbk",
    )
    write_text(
        root / "ZH_综合类/2022/2022-12-28_机关第一党支部2022年度党建工作总结.txt",
        "机关第一党支部2022年度党建工作总结\n全年开展主题党日12次，党费收缴及时。\n",
    )
    write_pdf(
        root / "LZ_党风廉政类/2023/2023-05-10_离退休干部党支部2023年廉政谈话记录.pdf",
        ["离退休干部党支部廉政谈话记录", "提醒遵守中央八项规定精神，按时交纳党费。"],
    )
    write_text(
        root / "XX_学习教育类/2021/2021-04-18_离退休干部党支部学习党史心得.md",
        "# 学习党史心得体会\n\n认真学习党史，=SUM(A1) 不是公式。\n",
    )
    return root


#: What a browser set to Chinese sends; the tests' clients ask for Chinese pages so.
CHINESE_BROWSER = "zh-CN,zh;q=0.9,en;q=0.6"


def client_for(root: Path, accept_language: str = CHINESE_BROWSER, **kwargs):
    """A TestClient on the app for ``root`` (indexed first), as if on 127.0.0.1, from a
    browser asking for ``accept_language`` (Chinese unless told)."""
    from starlette.testclient import TestClient

    from dj_archive import open_archive
    from dj_archive.web import create_app

    arc = open_archive(root)
    arc.index(progress=False)
    app = create_app(arc, upload_dir=root.parent / "uploads", **kwargs)
    return TestClient(app, base_url="http://127.0.0.1:8765", headers={"Accept-Language": accept_language})


def csrf_of(html: str) -> str:
    import re

    m = re.search(r'name="csrf" value="([^"]+)"', html) or re.search(r'"X-CSRF-Token": "([^"]+)"', html)
    return m.group(1)
