"""发展党员材料, 党风廉政, 组织建设 and the remaining 综合类 documents,
plus 志愿服务 and 走访慰问 records."""

from datetime import timedelta

from . import themes as T
from .ctx import Ctx
from .g_meetings import _absent, header
from .model import cn_date, fmt_date, next_workday
from .names import COMMUNITIES
from .pools_extra import APP_UNDERSTAND, REPORT_LIFE, reflect
from .xd import xd_pool

PHONE = "0000-0000000"


def _birth(p):
    return f"{p.birth.year}年{p.birth.month}月"


# ---------------------------------------------------------------- 发展党员
APP_OATH = "我志愿加入中国共产党，拥护党的纲领，遵守党的章程，履行党员义务，执行党的决定，严守党的纪律，保守党的秘密，对党忠诚，积极工作，为共产主义奋斗终身，随时准备为党和人民牺牲一切，永不叛党。"
APP_PARTY = [
    "中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队，是中国特色社会主义事业的领导核心。党的最高理想和最终目标是实现共产主义。",
    "中国共产党以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想作为自己的行动指南。党的根本宗旨是全心全意为人民服务。",
    "中国共产党的领导是中国特色社会主义最本质的特征，是中国特色社会主义制度的最大优势。一百多年来，党团结带领人民创造了一个又一个彪炳史册的人间奇迹。",
]
APP_FAMILY = [
    "我出生在一个普通的工人家庭，从小父母就教育我做人要踏实、做事要认真。上学期间我先后加入了少先队和共青团，在老师和同学的帮助下不断进步。",
    "我出生在农村，父母都是勤劳朴实的农民。小时候村里修路、通自来水，都是村党支部带着大家干起来的，那时我就知道，有困难找党员。",
    "我出生在一个党员家庭，父亲是一名有三十年党龄的老党员。他常对我说，入党不是为了得到什么，而是要多做贡献。这句话我一直记在心里。",
    "我成长在一个普通的教师家庭，父母言传身教，让我从小养成了爱读书、守规矩的习惯。大学期间我担任过班级团支部书记，参加了多次志愿服务活动。",
]
APP_WHY = [
    "参加工作以来，我身边有很多优秀的共产党员。他们在工作中任劳任怨、在困难面前冲锋在前，让我真切感受到了共产党员的先进性。这也是我申请入党的重要原因。",
    "来到单位后，我所在科室的几位党员同志给我留下了深刻印象。遇到急难任务，他们总是第一个站出来；同事有困难，他们总是主动帮忙。我希望成为像他们一样的人。",
    "工作中我逐渐认识到，个人的成长离不开组织的培养。加入党组织，是为了在党组织的教育和监督下更快地成长，更好地为群众服务。",
]
APP_SHORT = [
    "我清醒地认识到自己还存在不少缺点：理论学习不够系统，有时工作方法不够成熟，处理复杂问题的能力还有待提高。我会在今后的学习和工作中努力改正。",
    "对照党员标准，我还有很多不足：有时急于求成，考虑问题不够周全；理论功底比较薄弱，对一些问题的认识还停留在表面。我将虚心向党员同志学习，努力克服。",
    "我也深知自己身上还有缺点，比如与同事沟通时有时不够耐心，对自己的要求还不够严格。希望党组织和同志们多批评帮助。",
]
APP_CLOSE = [
    "如果党组织批准我的申请，我一定以党员标准严格要求自己，努力学习，踏实工作，做一名合格的共产党员；如果组织上认为我还不够条件，我也不会灰心，将继续努力，争取早日加入党组织。",
    "请党组织在实践中考验我。无论组织是否批准我的申请，我都会以党员的标准要求自己，用实际行动争取早日成为一名光荣的中国共产党员。",
]


def _app_extra(d):
    y, m = d.year, d.month
    if y == 2019 and m >= 10:
        return "今年是新中国成立70周年，看到国庆阅兵的壮观场面，我为祖国的强大感到骄傲。"
    if y == 2020 and m >= 2:
        return "特别是今年抗击疫情的过程中，我看到身边的党员干部主动请缨、冲锋在前，更加坚定了我向党组织靠拢的决心。"
    if y == 2021:
        return "今年是中国共产党成立100周年，通过学习党的百年奋斗历程，我对党的认识更加深刻了。"
    if y == 2022 and (m, d.day) >= (10, 23):
        return "党的二十大的胜利召开，为新时代新征程指明了方向，我更加坚定了入党的信念。"
    if y == 2022:
        return "今年党的二十大即将召开，我希望以实际行动向党组织靠拢。"
    if y == 2023:
        return "今年以来，我认真学习了党的二十大精神，对党的宗旨和使命有了更深的理解。"
    if y == 2024:
        return "今年我认真学习了新修订的《中国共产党纪律处分条例》，更加明白了党员必须严守纪律规矩。"
    return ""


def compose_app(org, rec, rng):
    p = rec.info["case"].person
    ctx = Ctx(rng)
    blocks = [("title", "入党申请书"), ("field", "敬爱的党组织：")]
    blocks.append(("p", APP_OATH))
    blocks.append(
        (
            "p",
            ctx.pick(APP_PARTY)
            + ctx.pick(
                [
                    "党的十八大以来，以习近平同志为核心的党中央团结带领全国各族人民取得了举世瞩目的成就，这更加坚定了我加入党组织的决心。",
                    "近年来我国经济社会发展取得的巨大成就，让我更加深刻地认识到，只有坚持党的领导才能实现中华民族伟大复兴。",
                ]
            ),
        )
    )
    blocks.append(("p", ctx.pick(APP_UNDERSTAND)))
    blocks.append(("p", ctx.pick(APP_FAMILY)))
    blocks.append(("p", ctx.pick(APP_WHY) + _app_extra(rec.date)))
    blocks.append(("p", ctx.pick(APP_SHORT)))
    blocks.append(("p", ctx.pick(APP_CLOSE)))
    blocks.append(("field", "此致"))
    blocks.append(("field", "敬礼！"))
    blocks.append(("right", f"申请人：{p.name}"))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, p.name


REPORT_PARAS = {
    "learn": [
        "近期，我认真学习了{focus}，对党的理论有了进一步的理解。通过学习，我认识到作为一名入党积极分子，首先要在思想上入党，始终保持政治上的清醒和坚定。",
        "这个季度，我坚持每天在“学习强国”上学习，并按照培养联系人的建议，精读了几篇重要讲话原文，做了学习笔记。",
        "参加支部组织的学习活动，让我对{theme}有了更直观的认识。{xd}",
    ],
    "work": [
        "在工作上，我努力以党员标准要求自己，认真完成领导交办的各项任务，遇到急难任务主动承担。",
        "在工作中，我注意向身边的老党员学习，学习他们认真负责的工作态度和为民服务的情怀。",
        "近期我参与了科室的一项重点工作，在同事们的帮助下按时完成了任务，也发现了自己经验不足的问题。",
    ],
    "short": [
        "对照党员标准，我还存在一些不足：一是理论学习不够深入，有时满足于看过读过；二是工作中有时急于求成，考虑问题不够周全。",
        "我也清醒地认识到自身的不足，比如在处理复杂问题时还不够沉稳，批评与自我批评的勇气还需增强。",
    ],
    "resolve": [
        "今后，我将继续加强学习，在工作中严格要求自己，主动接受党组织和党员同志的监督帮助，争取早日加入中国共产党。",
        "我会以更高的标准要求自己，在思想上、工作上、生活上不断进步，用实际行动争取早日成为一名共产党员。",
    ],
}


def compose_report(org, rec, rng):
    c = rec.info["case"]
    y = rec.date.year
    th = T.YEARS[y]
    ctx = Ctx(rng, dict(focus=T.focus_at(rec.date), theme=th["theme"]))
    ctx.slots["xd"] = ctx.pick(xd_pool(y, rec.date.month, org.kind), community=rng.choice(COMMUNITIES))
    blocks = [("title", "思想汇报"), ("field", "敬爱的党组织：")]
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "自被确定为入党积极分子以来，我在党组织的培养教育下，思想上有了新的进步。现将近期的思想情况向党组织汇报如下。",
                    "时间过得很快，又到了向党组织汇报思想的时候。现将我近一段时间的思想、学习和工作情况汇报如下。",
                ]
            ),
        )
    )
    blocks.append(("p", ctx.pick(REPORT_PARAS["learn"])))
    blocks.append(("p", ctx.pick(REPORT_PARAS["work"])))
    blocks.append(("p", ctx.pick(REPORT_LIFE)))
    if rng.random() < 0.6:
        blocks.append(("p", ctx.pick(reflect("W", "insight"))))
    blocks.append(("p", ctx.pick(REPORT_PARAS["short"])))
    blocks.append(("p", ctx.pick(REPORT_PARAS["resolve"])))
    blocks.append(("p", "以上是我近期的思想汇报，恳请党组织批评指正。"))
    blocks.append(("right", f"汇报人：{c.person.name}"))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, c.person.name


def _person_table(p, org, rows_extra):
    rows = [
        ["姓名", p.name, "性别", p.sex],
        ["出生年月", _birth(p), "民族", p.nation],
        ["学历", p.edu, "工作岗位", p.post],
    ]
    return rows + rows_extra


def _notice_window(d):
    end = d
    n = 0
    while n < 4:
        end += timedelta(days=1)
        end = next_workday(end)
        n += 1
    return end


def compose_notice(org, rec, rng, what):
    c = rec.info["case"]
    p = c.person
    end = _notice_window(rec.date)
    if what == "act":
        lead = f"经党员推荐、支部委员会研究，拟确定{p.name}同志为入党积极分子。"
        lines = [
            f"姓名：{p.name}，性别：{p.sex}，{p.nation}，{_birth(p)}出生，{p.edu}学历，现任{p.post}。",
            f"{fmt_date(c.apply)}向党组织递交入党申请书。",
        ]
    elif what == "in":
        lead = f"经支部委员会审查，拟接收{p.name}同志为中共预备党员，提交支部党员大会讨论。"
        lines = [
            f"姓名：{p.name}，性别：{p.sex}，{p.nation}，{_birth(p)}出生，{p.edu}学历，现任{p.post}。",
            f"{fmt_date(c.apply)}递交入党申请书，{fmt_date(c.activist)}被确定为入党积极分子，{fmt_date(c.candidate)}被列为发展对象。",
            f"入党介绍人：{c.introducers[0]}、{c.introducers[1]}。",
        ]
    else:
        lead = f"{p.name}同志预备期将于{fmt_date(c.meeting_in + timedelta(days=365))}届满，本人已提出转正申请，经支部委员会审查，拟提交支部党员大会讨论其转为正式党员问题。"
        lines = [
            f"姓名：{p.name}，性别：{p.sex}，{p.nation}，{_birth(p)}出生，{p.edu}学历，现任{p.post}。",
            f"{fmt_date(c.meeting_in)}经支部党员大会讨论接收为中共预备党员。",
        ]
    blocks = [("title", rec.title), ("p", lead + "现将有关情况公示如下：")]
    for i, ln in enumerate(lines, 1):
        blocks.append(("p", f"{'一二三四'[i - 1]}、{ln}"))
    blocks.append(("p", f"公示时间：{fmt_date(rec.date)}至{fmt_date(end)}（5个工作日）。"))
    blocks.append(
        (
            "p",
            "公示期间，党员和群众可通过来电、来信、来访等方式向支部委员会或机关党总支反映情况。反映情况要实事求是，以个人名义反映的应署真实姓名。",
        )
    )
    blocks.append(("p", f"联系人：{org.role(rec.date, '组织委员').name}　监督电话：{PHONE}"))
    blocks.append(("right", org.name))
    blocks.append(("right", cn_date(rec.date) if rng.random() < 0.5 else fmt_date(rec.date)))
    return blocks, org.role(rec.date, "组织委员").name


def compose_kc(org, rec, rng):
    c = rec.info["case"]
    p = c.person
    ctx = Ctx(rng)
    blocks = [("title", rec.title)]
    blocks.append(
        (
            "table",
            _person_table(
                p, org, [["确定为积极分子时间", fmt_date(c.activist), "培养联系人", "、".join(c.introducers)]]
            ),
        )
    )
    blocks.append(("field", "培养联系人考察意见："))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    f"{p.name}同志被确定为入党积极分子以来，能够按时参加支部组织的学习活动，按期向党组织递交思想汇报，对党的认识不断提高。工作中踏实肯干，能够主动承担急难任务，群众评价较好。",
                    "该同志政治立场坚定，学习态度端正，能够主动向党组织汇报思想。在工作中积极进取，与同事关系融洽。不足之处是理论学习还不够深入，今后需加强。",
                ]
            ),
        )
    )
    blocks.append(("right", f"培养联系人：{c.introducers[0]}、{c.introducers[1]}"))
    blocks.append(("field", "党支部考察意见："))
    blocks.append(("p", "经支部委员会研究，认为该同志培养考察期间表现良好，同意继续培养。"))
    blocks.append(("right", f"{org.name}　{fmt_date(rec.date)}"))
    return blocks, c.introducers[0]


def compose_zs(org, rec, rng):
    c = rec.info["case"]
    p = c.person
    ctx = Ctx(rng)
    blocks = [("title", rec.title), ("field", "机关党总支：")]
    blocks.append(
        ("p", f"根据发展党员工作有关规定，我支部对发展对象{p.name}同志进行了政治审查，现将有关情况报告如下：")
    )
    blocks.append(
        (
            "p",
            f"一、本人基本情况。{p.name}，{p.sex}，{p.nation}，{_birth(p)}出生，{p.edu}学历，现任{p.post}。该同志于{fmt_date(c.apply)}递交入党申请书，{fmt_date(c.activist)}被确定为入党积极分子，{fmt_date(c.candidate)}被列为发展对象。",
        )
    )
    blocks.append(
        (
            "p",
            "二、政治审查情况。经与本人谈话、查阅人事档案、向有关单位了解情况，该同志政治立场坚定，拥护党的路线方针政策，在重大政治问题上能够与党中央保持一致；遵纪守法，品行端正，无违法违纪记录。",
        )
    )
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "三、直系亲属和主要社会关系情况。经函调了解，其父母、配偶等直系亲属和主要社会关系政治历史清楚，无违法违纪问题。",
                    "三、直系亲属和主要社会关系情况。经向其直系亲属所在单位和居住地社区了解，其家庭成员政治表现良好，遵纪守法，无影响其入党的问题。",
                ]
            ),
        )
    )
    blocks.append(("p", "四、审查结论。经审查，该同志政治审查合格。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, org.role(rec.date, "组织委员").name


# ---------------------------------------------------------------- 党风廉政
CASES = [
    "某区某局原副局长违规收受管理服务对象礼金、多次接受宴请被开除党籍的案例",
    "某县某局工作人员在窗口服务中吃拿卡要被严肃处理的案例",
    "某单位干部违规使用公车办私事受到党内警告处分的案例",
    "某局机关科长利用审批职权为亲属经营活动谋利被立案审查的案例",
    "某单位党员干部违规参与高消费娱乐活动受到处分的案例",
    "某市直单位违规发放津贴补贴被通报的案例",
]
JSJY_LINES = {
    "all": [
        "看到案例中的当事人从一顿饭、一张卡开始一步步滑向深渊，我深受震动，小节不守，终将大节不保。",
        "纪律意识要体现在日常，比如节假日期间不收礼、不吃请，这些都是最基本的要求。",
        "案例中不少人都是心存侥幸，以为别人不知道。其实纪律面前没有侥幸可言。",
    ],
    "business": [
        "这些案例警示我们，权力再小也是权力，审批岗位再普通也要守住底线。",
        "我们年轻党员多，今后的路还很长，一定要扣好廉洁从政的“第一粒扣子”。",
        "项目管理环节廉政风险点多，我们要把制度执行到位，不给别人可乘之机。",
    ],
    "service": [
        "我们窗口岗位直接面对群众，更要时刻警醒，不能让群众对我们的形象打折扣。",
        "群众送来的锦旗可以收，红包和购物卡一律不能收，这条线谁也不能碰。",
        "办事群众有时出于感谢要请吃饭，我们要婉言谢绝，讲清楚规矩。",
    ],
    "retired": [
        "我们老同志虽然退休了，但也要管好身边人，教育好子女，树立良好家风。",
        "退休了也不能放松要求，不能打着老领导的旗号去打招呼、办私事。",
        "看了这些案例很痛心，有的人快退休了还出问题，晚节不保，教训深刻。",
    ],
}


def compose_jsjy(org, rec, rng):
    y = rec.date.year
    th = T.YEARS[y]
    ctx = Ctx(rng)
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        "全体党员",
        sec,
        cm.get("纪检委员") or cm.get("组织委员") or sec,
        len(roster),
        len(roster) - len(absent),
        absent,
    )
    blocks.append(("field", "活动内容："))
    if rec.info.get("film"):
        blocks.append(
            (
                "p",
                f"支部组织全体党员集中观看了警示教育专题片{th['film']}。专题片通过一个个鲜活的案例，深刻揭示了违纪违法行为的严重危害，具有很强的警示作用。",
            )
        )
    else:
        cs = ctx.picks(CASES, 2)
        blocks.append(
            (
                "p",
                f"{(cm.get('纪检委员') or sec).name}同志通报了近期查处的典型案例，包括{cs[0]}和{cs[1]}，并对照相关党纪条款进行了剖析。",
            )
        )
    if y == 2024:
        blocks.append(
            (
                "p",
                "结合党纪学习教育，会上对照新修订的《中国共产党纪律处分条例》有关条款，逐一分析了案例中当事人违反的具体纪律。",
            )
        )
    if y == 2025:
        blocks.append(
            (
                "p",
                "结合深入贯彻中央八项规定精神学习教育，会上重点剖析了违规吃喝、违规收送礼品礼金等违反中央八项规定精神的问题，引导党员从中汲取教训。",
            )
        )
    blocks.append(("p", "交流讨论："))
    present = [p for p in roster if p not in [a for a, _ in absent]]
    for s in rng.sample(present, min(3, len(present))):
        blocks.append(("p", f"{s.name}：{ctx.pick(JSJY_LINES['all'] + JSJY_LINES[org.kind])}"))
    blocks.append(
        (
            "p",
            f"{sec.name}同志最后强调，要以案为鉴、以案促改，把纪律和规矩挺在前面，时刻绷紧廉洁自律这根弦，做到警钟长鸣。",
        )
    )
    return blocks, (cm.get("纪检委员") or sec).name


LZTH_POINTS = [
    "要严格遵守中央八项规定精神，节日期间不收受礼品礼金，不参加可能影响公正执行公务的宴请。",
    "要正确对待手中的权力，在审批、采购等环节严格按程序办事，不为请托人谋取不正当利益。",
    "要管好身边人，教育家属子女遵纪守法，树立良好家风。",
    "要慎交友，净化社交圈、生活圈、朋友圈，不与管理服务对象有不正当交往。",
    "要增强纪律意识，把纪律和规矩挺在前面，发现苗头性问题及时向组织报告。",
    "作为支委，要带头落实“一岗双责”，对分管工作中的廉政风险点心中有数。",
]
LZTH_REPLY = [
    "谈话对象表示，一定牢记组织的提醒，严格遵守各项纪律规定，自觉接受监督。",
    "谈话对象表示，感谢组织的关心和提醒，将以案为鉴，守住底线，干净做事。",
    "谈话对象结合岗位实际谈了对廉政风险的认识，表示将从严要求自己。",
]


def compose_lzth(org, rec, rng):
    cm = org.committee(rec.date)
    sec = cm["书记"]
    target = rec.info["target"]
    ctx = Ctx(rng)
    blocks = [("title", rec.title)]
    blocks.append(("field", f"谈话时间：{fmt_date(rec.date)}"))
    blocks.append(("field", f"谈话地点：{ctx.pick(['支部书记办公室', '局机关小会议室', '党员活动室'])}"))
    blocks.append(("field", f"谈话人：{sec.name}（支部书记）"))
    blocks.append(("field", f"谈话对象：{target.name}（{target.post}）"))
    blocks.append(("field", f"谈话类型：{rec.info['type']}"))
    blocks.append(("field", "谈话内容："))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    f"{sec.name}同志首先肯定了{target.name}同志近期的工作表现，随后就廉洁自律提出了以下几点要求：",
                    f"{sec.name}同志结合近期通报的典型案例，对{target.name}同志进行了廉政提醒：",
                ]
            ),
        )
    )
    pts = LZTH_POINTS if target in cm.values() else LZTH_POINTS[:-1]
    for i, pt in enumerate(ctx.picks(pts, 3), 1):
        blocks.append(("p", f"{i}. {pt}"))
    blocks.append(("p", ctx.pick(LZTH_REPLY)))
    blocks.append(("right", f"谈话人签字：{sec.name}　谈话对象签字：{target.name}"))
    return blocks, sec.name


def compose_zrs(org, year, d, rng):
    sec = org.committee(d)["书记"]
    ctx = Ctx(rng)
    blocks = [("title", f"{org.name}{year}年党风廉政建设责任书")]
    blocks.append(
        ("p", f"为认真落实全面从严治党主体责任，推进{year}年度党风廉政建设工作，机关党总支与{org.name}签订本责任书。")
    )
    blocks.append(("h1", "一、责任内容"))
    items = [
        "支部书记是本支部党风廉政建设第一责任人，对支部党风廉政建设负总责；支部委员按照“一岗双责”要求抓好分管范围内的党风廉政建设。",
        "认真组织党员学习党章党规党纪，每年至少开展两次警示教育。",
        "严格执行中央八项规定及其实施细则精神，持续纠治“四风”。",
        "在重要节日节点前开展廉政提醒，对苗头性、倾向性问题及时谈话提醒。",
        "落实党风廉政建设情况报告制度，每半年向机关党总支报告一次。",
    ]
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{i}. {it}"))
    blocks.append(("h1", "二、责任考核"))
    blocks.append(("p", "本责任书执行情况纳入支部年度考核，考核结果作为评先评优的重要依据。"))
    blocks.append(("p", "本责任书一式两份，机关党总支和支部各执一份，有效期自签订之日起至当年12月31日止。"))
    blocks.append(("right", f"机关党总支（盖章）　{org.name}书记（签字）：{sec.name}"))
    blocks.append(("right", fmt_date(d)))
    return blocks, sec.name


def compose_cns(org, year, d, rng):
    roster = org.roster(d)
    blocks = [("title", f"{org.name}党员廉洁自律承诺书（{year}年）")]
    blocks.append(("p", "作为一名共产党员，为进一步增强廉洁自律意识，本人郑重承诺："))
    items = [
        "坚定理想信念，严守政治纪律和政治规矩。",
        "严格执行中央八项规定精神，不违规收受礼品礼金，不违规参加宴请。",
        "不利用职务便利为本人或他人谋取私利。",
        "管好配偶、子女和身边工作人员。",
        "自觉接受组织和群众监督。",
    ]
    if org.kind == "retired":
        items[2] = "不利用原职务影响为本人或亲属谋取利益。"
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{i}. {it}"))
    blocks.append(("field", "承诺人签名："))
    rows = [["序号", "姓名", "签名", "日期"]]
    for i, p in enumerate(roster, 1):
        rows.append([str(i), p.name, p.name, f"{d.month}月{d.day}日"])
    blocks.append(("table", rows))
    return blocks, org.committee(d)["书记"].name


def compose_zc(org, year, d, rng):
    ctx = Ctx(rng)
    th = T.YEARS[year]
    blocks = [("title", f"{org.name}落实中央八项规定精神自查报告（{year}年）"), ("field", "机关党总支：")]
    lead = "按照深入贯彻中央八项规定精神学习教育的部署要求，" if year == 2025 else "按照机关党总支的通知要求，"
    blocks.append(("p", f"{lead}{org.name}对照中央八项规定及其实施细则精神，组织开展了自查。现将有关情况报告如下："))
    blocks.append(("h1", "一、自查工作开展情况"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "支部召开支委会专题研究自查工作，组织党员逐项对照检查，支委之间相互提醒，确保自查不走过场。",
                    "支部通过个人自查、支委审核、集中反馈的方式开展自查，重点检查公务接待、公车使用、会议活动、办公用房等方面的情况。",
                ]
            ),
        )
    )
    if year == 2025:
        blocks.append(
            (
                "p",
                "学习教育期间，支部组织党员原原本本学习中央八项规定及其实施细则，学习习近平总书记关于加强党的作风建设的重要论述，把学习成果作为自查的重要依据。",
            )
        )
    blocks.append(("h1", "二、自查发现的问题"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "经自查，支部党员未发现违规收送礼品礼金、违规吃喝、公车私用等问题。但在文风会风方面还存在一些不足，个别会议准备不够充分、时间偏长。",
                    "经自查，支部未发现违反中央八项规定精神的问题。但也存在个别党员对规定细节掌握不够准确的情况，如对哪些属于违规吃喝的具体情形认识不够清楚。",
                ]
            ),
        )
    )
    blocks.append(("h1", "三、整改措施"))
    blocks.append(
        (
            "p",
            "一是加强学习，组织党员再次学习中央八项规定及其实施细则；二是精简会议，严格控制会议时间和规模；三是在节假日前发送廉政提醒，持续纠治“四风”。",
        )
    )
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.committee(d)["书记"].name


# ---------------------------------------------------------------- 服务与关怀
ZYFW = {
    2020: [
        (
            "社区防控值守",
            [
                "根据{community}疫情防控工作需要，支部党员分批次到小区卡口参与值守，协助开展测温登记、扫码查验和出入管理。",
                "值守期间正值气温较低，党员们克服困难、坚守岗位，认真核对每一位出入人员的信息，对外地返回人员及时报告社区。",
            ],
        ),
        (
            "助力复工复产",
            [
                "支部党员深入服务对象开展走访，宣传复工复产扶持政策，帮助填写申报材料。",
                "对收集到的困难和问题，支部逐一登记，协调相关科室限期答复。",
            ],
        ),
    ],
    2021: [
        (
            "我为群众办实事",
            [
                "支部党员走进{community}，围绕居民关心的问题开展服务，帮助老年人学习使用智能手机，现场解答政策咨询。",
                "活动中收集到居民的意见建议，支部已列入为民办实事清单跟踪办理。",
            ],
        )
    ],
    2022: [
        (
            "核酸检测点秩序维护",
            [
                "按照社区安排，支部党员到{community}核酸检测点协助维护秩序，引导居民保持间距、提前准备健康码。",
                "党员们耐心细致的服务得到了居民的认可。",
            ],
        )
    ],
}
ZYFW_GENERIC = [
    (
        "情暖社区",
        [
            "支部党员到{community}开展志愿服务，为辖区独居老人打扫卫生、整理房间，陪老人聊天。",
            "活动结束后，党员们与社区工作人员交流，了解了下一步需要帮助的困难家庭情况。",
        ],
    ),
    (
        "政策宣讲进社区",
        [
            "支部组织党员在{community}设立政策咨询点，向居民宣传与群众生活密切相关的政策，发放宣传资料。",
            "不少居民现场咨询了办事流程，党员们一一耐心解答。",
        ],
    ),
    (
        "文明城市创建",
        [
            "支部党员到责任路段开展文明交通劝导和环境卫生整治，清理小广告和卫生死角。",
            "通过活动，党员们进一步增强了服务意识，也为文明城市创建贡献了力量。",
        ],
    ),
    (
        "学雷锋",
        [
            "在学雷锋纪念日前后，支部组织党员到{community}开展学雷锋志愿服务活动，为居民提供义务理发、家电维修、法律咨询等服务。",
            "活动现场气氛热烈，党员们用实际行动传承雷锋精神。",
        ],
    ),
    (
        "义务植树",
        [
            "支部组织党员参加全民义务植树活动，在指定地块栽种树苗。",
            "党员们分工合作，挖坑、扶苗、填土、浇水，共同为城市增添绿色。",
        ],
    ),
]
ZYFW_RETIRED = [
    (
        "银发先锋",
        [
            "支部组织身体条件允许的老党员参与{community}的邻里守望活动，协助社区调解邻里矛盾、宣传防范电信诈骗知识。",
            "老党员们经验丰富、威望较高，在居民中起到了很好的示范带动作用。",
        ],
    ),
    (
        "关心下一代",
        [
            "支部老党员走进社区假期托管班，为孩子们讲述革命故事和身边的奋斗故事。",
            "孩子们听得认真，不时提问，老同志们也感到很有意义。",
        ],
    ),
]


def zyfw_topic(org, rec, rng, used):
    y = rec.date.year
    pool = []
    if y in ZYFW and (y != 2020 or rec.date.month <= 6) and (y != 2022 or rec.date.month <= 11):
        pool = [z for z in ZYFW[y] if z[0] not in used]
        if y == 2020 and rec.date.month in (2, 3, 4):
            pool = [ZYFW[2020][0]] if ZYFW[2020][0][0] not in used else [ZYFW[2020][1]]
    gen = ZYFW_RETIRED if org.kind == "retired" else ZYFW_GENERIC
    gen = [g for g in gen if g[0] not in used] or gen
    if pool and rng.random() < 0.8:
        return rng.choice(pool)
    return rng.choice(gen)


def compose_zyfw(org, rec, rng):
    name, paras = rec.info["topic"], rec.info["paras"]
    ctx = Ctx(rng, dict(community=rec.info["community"]))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    k = min(len(roster), rng.randint(5, 10))
    people = rng.sample(roster, k)
    blocks = [("title", rec.title)]
    blocks.append(("field", f"活动名称：“{name}”志愿服务"))
    blocks.append(("field", f"活动时间：{fmt_date(rec.date)}"))
    blocks.append(("field", f"活动地点：{rec.info['community']}"))
    blocks.append(("field", f"组织人：{(cm.get('宣传委员') or cm['书记']).name}"))
    blocks.append(("field", f"参加人员：{'、'.join(p.name for p in people)}（共{k}人）"))
    blocks.append(("field", "活动内容："))
    for p in paras:
        blocks.append(("p", ctx.fill(p)))
    blocks.append(("field", "活动成效："))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "通过此次活动，进一步密切了党群关系，展示了机关党员的良好形象。",
                    "此次活动得到了社区和居民的好评，支部将把志愿服务作为常态化工作坚持下去。",
                    "活动中党员们亮身份、作表率，增强了服务群众的本领。",
                ]
            ),
        )
    )
    return blocks, (cm.get("宣传委员") or cm["书记"]).name


def compose_zwwh(org, rec, rng):
    cm = org.committee(rec.date)
    roster = org.roster(rec.date)
    old = sorted(roster, key=lambda p: p.birth)[: rng.randint(3, 5)]
    ctx = Ctx(rng)
    occ = rec.info["occasion"]
    blocks = [("title", rec.title)]
    blocks.append(("field", f"走访时间：{fmt_date(rec.date)}"))
    visitors = [cm["书记"]] + [p for p in cm.values() if p is not cm["书记"]][:1]
    blocks.append(("field", f"走访人员：{'、'.join(p.name for p in visitors)}"))
    blocks.append(("field", "走访对象："))
    rows = [["序号", "姓名", "年龄", "情况", "慰问内容"]]
    for i, p in enumerate(old, 1):
        age = rec.date.year - p.birth.year
        state = ctx.pick(
            [
                "身体状况良好",
                "患慢性病，需长期服药",
                "行动不便，长期居家",
                "近期住院治疗",
                "独居，子女在外地",
                "生活困难",
            ]
        )
        rows.append([str(i), p.name, str(age), state, ctx.pick(["慰问金和慰问品", "慰问品", "慰问金", "鲜花和慰问品"])])
    blocks.append(("table", rows))
    blocks.append(("field", "走访情况："))
    lead = {
        "春节前": "春节将至，",
        "“七一”前夕": "在中国共产党成立纪念日前夕，",
        "重阳节": "重阳节期间，",
        "年末": "年末岁尾，",
    }[occ]
    blocks.append(
        (
            "p",
            f"{lead}支部书记{cm['书记'].name}带领支委走访慰问了老党员和生活困难党员，为他们送去慰问金和慰问品，送上党组织的关心和问候。",
        )
    )
    if rec.date.year == 2021 and occ == "“七一”前夕":
        blocks.append(
            (
                "p",
                "走访中，支部为党龄满50年的老党员送上了“光荣在党50年”纪念章，老同志们激动地表示，这是党组织给予的最高荣誉。",
            )
        )
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "每到一户，走访人员都与老同志促膝谈心，详细询问他们的身体状况和生活情况，认真听取他们对支部工作的意见建议。",
                    "老同志们对组织的关心表示感谢，有的同志还主动谈起了自己对支部工作的想法和建议。",
                ]
            ),
        )
    )
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "走访结束后，支部对老同志反映的困难进行了梳理，对需要协调解决的问题已向老干部科反映。",
                    "对住院治疗的老同志，支部将安排专人持续关注，及时提供帮助。",
                ]
            ),
        )
    )
    return blocks, cm["书记"].name


# ---------------------------------------------------------------- 组织建设
def compose_hmc(org, d, rng):
    roster = org.roster(d)
    blocks = [("title", f"{org.name}党员花名册（{d.year}年）"), ("field", f"统计截至：{fmt_date(d)}")]
    rows = [
        [
            "序号",
            "姓名",
            "性别",
            "民族",
            "出生年月",
            "学历",
            "入党时间",
            "转正时间",
            "人员类别",
            "工作岗位",
            "所在党小组",
        ]
    ]
    for i, p in enumerate(roster, 1):
        st = p.status(d)
        rows.append(
            [
                str(i),
                p.name,
                p.sex,
                p.nation,
                _birth(p),
                p.edu,
                f"{p.join.year}.{p.join.month:02d}",
                f"{p.full.year}.{p.full.month:02d}" if st == "正式党员" else "",
                st,
                (p.note or p.post) if org.kind == "retired" else p.post,
                org.groups[p.group],
            ]
        )
    blocks.append(("table", rows))
    blocks.append(("field", f"合计：党员{len(roster)}名。"))
    return blocks, org.role(d, "组织委员").name


def _fee(p, kind, rng):
    if kind == "retired":
        base = rng.choice([3800, 4300, 4900, 5600, 6200, 7100])
        rate = 0.005 if base <= 5000 else 0.01
    else:
        base = rng.choice([3600, 4200, 4800, 5300, 6100, 6900, 7600, 8400])
        rate = 0.005 if base <= 3000 else 0.01 if base <= 5000 else 0.015 if base <= 10000 else 0.02
    return base, rate


def compose_df(org, year, d, rng):
    roster = org.roster(d)
    months = 12 if d.month == 12 else 6
    blocks = [("title", f"{org.name}{year}年党费收缴情况")]
    blocks.append(
        (
            "p",
            f"根据《关于中国共产党党费收缴、使用和管理的规定》，现将本支部{year}年{'全年' if months == 12 else '上半年'}党费收缴情况公布如下：",
        )
    )
    rows = [["序号", "姓名", "缴纳基数（元）", "缴纳比例", "月缴纳额（元）", f"{months}个月合计（元）"]]
    tot = 0.0
    for i, p in enumerate(roster, 1):
        base, rate = _fee(p, org.kind, rng)
        m = round(base * rate, 2)
        tot += m * months
        rows.append([str(i), p.name, str(base), f"{rate * 100:g}%", f"{m:.2f}", f"{m * months:.2f}"])
    rows.append(["", "合计", "", "", "", f"{tot:.2f}"])
    blocks.append(("table", rows))
    blocks.append(("p", "以上党费已按规定全额上缴机关党总支。如有疑问，请与支部组织委员联系。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


DUTIES = {
    "书记": "主持支部全面工作，召集支委会和党员大会，抓好支部班子自身建设，是支部党建工作和党风廉政建设第一责任人。",
    "副书记": "协助书记开展工作，书记不在时主持支部日常工作，负责青年党员工作。",
    "组织委员": "负责组织建设、党员发展、党员教育管理、党费收缴和党员信息管理，负责会议记录和党建档案管理。",
    "宣传委员": "负责宣传思想工作，制定学习计划，组织集中学习和主题党日活动，负责意识形态工作。",
    "纪检委员": "负责党风廉政建设和纪律检查工作，组织开展警示教育，监督党员遵守党纪。",
}


def compose_zwfg(org, d, rng):
    cm = org.committee(d)
    blocks = [("title", f"{org.name}支委分工及职责")]
    blocks.append(("p", f"经{fmt_date(d)}支部委员会研究，现将支部委员分工明确如下："))
    for role, p in cm.items():
        duty = DUTIES[role]
        if org.kind != "business" and role == "组织委员":
            duty += "兼任纪检委员，负责党风廉政建设和纪律检查工作。"
        blocks.append(("p", f"{p.name}：支部{role}。{duty}"))
    blocks.append(("p", "各委员要按照分工各司其职、密切配合，定期向支委会报告分管工作情况。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, cm["书记"].name


def compose_hj(org, d, meet_date, rng):
    cm = org.committee(d)
    roster = org.roster(meet_date)
    voters = [p for p in roster if p.status(meet_date) == "正式党员"]
    present = len(voters) - rng.randint(0, 2)
    blocks = [("title", f"关于{org.name}换届选举结果的报告"), ("field", "机关党总支：")]
    blocks.append(
        (
            "p",
            f"经机关党总支批复同意，{org.name}于{fmt_date(meet_date)}召开党员大会，进行支部委员会换届选举。应到会有选举权的党员{len(voters)}名，实到{present}名，符合规定人数。",
        )
    )
    blocks.append(
        (
            "p",
            f"大会采用无记名投票、差额选举的方式，选举产生了新一届支部委员会，{'、'.join(p.name for p in cm.values())}同志当选为支部委员会委员（按姓氏笔画为序）。",
        )
    )
    blocks.append(
        (
            "p",
            f"随后召开的支部委员会第一次会议选举{cm['书记'].name}同志为支部书记"
            + (f"，{cm['副书记'].name}同志为副书记" if "副书记" in cm else "")
            + "。",
        )
    )
    blocks.append(("p", "特此报告，请予审批。"))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, cm["书记"].name


def compose_zzgx(org, tr, rng):
    d, p, way, where = tr
    blocks = [("title", "")]
    if way == "in":
        blocks.append(
            (
                "p",
                f"{p.name}同志，{p.sex}，{_birth(p)}出生，{'中共正式党员' if p.status(d) == '正式党员' else '中共预备党员'}，因工作调动，组织关系由{where}转入{org.name}。",
            )
        )
        blocks.append(
            (
                "p",
                f"经核对，该同志党员组织关系介绍信、党费交纳证明等材料齐全，党费已交至{d.year}年{max(1, d.month - 1)}月。支部已将其编入{org.groups[p.group]}，并在全国党员管理信息系统中完成接转。",
            )
        )
    else:
        blocks.append(
            (
                "p",
                f"{p.name}同志，{p.sex}，{_birth(p)}出生，中共正式党员，因{'退休' if '离退休' in where else '工作调动'}，组织关系由{org.name}转至{where}。",
            )
        )
        blocks.append(
            (
                "p",
                f"支部已为其开具党员组织关系介绍信，党费交至{d.year}年{d.month}月，并提醒其在规定时间内到新单位党组织报到。",
            )
        )
    blocks.append(("field", f"经办人：{org.role(d, '组织委员').name}"))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


def compose_dntj(org, year, d, stats, rng):
    blocks = [("title", f"{org.name}{year}年度党内统计报表"), ("field", f"统计时点：{year}年12月31日")]
    rows = [["项目", "数量"]] + [[k, str(v)] for k, v in stats]
    blocks.append(("table", rows))
    blocks.append(("field", f"填报人：{org.role(d, '组织委员').name}　审核人：{org.committee(d)['书记'].name}"))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.role(d, "组织委员").name


# ---------------------------------------------------------------- 综合类
RULES = {
    "“三会一课”制度": [
        "第一条　为规范支部组织生活，根据《中国共产党支部工作条例（试行）》，结合本支部实际，制定本制度。",
        "第二条　支部党员大会一般每季度召开一次，由支部委员会召集，支部书记主持。讨论决定支部重要事项，听取和审查支部委员会工作报告。",
        "第三条　支部委员会会议一般每月召开一次，根据需要可以随时召开，研究落实上级部署和支部重要工作。",
        "第四条　党小组会一般每月召开一次，组织党员参加政治学习、谈心谈话、开展批评和自我批评等。",
        "第五条　党课每季度至少一次。支部书记每年至少讲一次党课，支部委员结合分工讲党课。",
        "第六条　“三会一课”应当有明确主题，做好会议记录，记录内容包括时间、地点、主持人、出席和缺席人员、议题、发言及决定事项。",
        "第七条　党员因故不能参加的，应当事先向支部书记或党小组组长请假，会后及时补学。",
        "第八条　本制度由支部委员会负责解释，自印发之日起施行。",
    ],
    "党员学习制度": [
        "第一条　为加强党员理论学习，提高党员思想政治素质，制定本制度。",
        "第二条　支部每年年初制定理论学习计划，明确学习内容、学习方式和时间安排。",
        "第三条　坚持集中学习与个人自学相结合。集中学习原则上每月一次，由支部书记或委员领学。",
        "第四条　党员应当认真做好学习笔记，每年撰写学习心得，支部定期组织交流。",
        "第五条　支部每半年对党员学习情况进行一次检查，检查结果作为民主评议党员的参考。",
        "第六条　本制度自印发之日起施行。",
    ],
    "党费收缴管理制度": [
        "第一条　为规范党费收缴、使用和管理，根据中央有关规定，制定本制度。",
        "第二条　党员应当按月交纳党费，特殊情况下经支部同意可以按季度交纳。",
        "第三条　每年第一季度由组织委员核定党员党费缴纳基数，报支部委员会审核。",
        "第四条　支部收缴的党费按规定及时足额上缴机关党总支，不得挪用。",
        "第五条　党费收缴情况每半年在支部范围内公布一次，接受党员监督。",
        "第六条　本制度自印发之日起施行。",
    ],
    "谈心谈话制度": [
        "第一条　为加强党员之间的思想交流，增进团结，制定本制度。",
        "第二条　支部书记与支委、支委之间、支委与党员之间每年至少开展一次谈心谈话。",
        "第三条　党员出现思想波动、家庭困难、工作变动等情况时，支部应当及时进行谈心谈话。",
        "第四条　谈心谈话应当坦诚相见、与人为善，做好谈话记录。",
        "第五条　本制度自印发之日起施行。",
    ],
}


def compose_zd(org, name, d, rng):
    blocks = [("title", f"{org.name}{name}")]
    for ln in RULES[name]:
        blocks.append(("p", ln))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.committee(d)["书记"].name


DSJ_TEXT = {
    "zwh": "召开第{no}次支委会。",
    "dydh": "召开第{no}次党员大会。",
    "ztdr": "开展“{topic}”主题党日活动。",
    "dk": "{speaker}讲专题党课《{topic}》。",
    "jsjy": "开展警示教育活动。",
    "zzshh": "召开年度组织生活会。",
    "fz_js": "公示拟接收{name}同志为中共预备党员。",
    "fz_zz": "公示{name}同志预备党员转正事项。",
    "zyfw": "组织党员开展“{topic}”志愿服务。",
    "zwwh": "开展{occasion}走访慰问。",
    "jzxx": "组织集中学习（{topic}）。",
}


def compose_dsj(org, year, d, recs, rng):
    blocks = [("title", f"{org.name}{year}年大事记")]
    for r in sorted(recs, key=lambda r: r.date):
        if r.kind not in DSJ_TEXT:
            continue
        if r.kind in ("zwh", "jzxx") and rng.random() < 0.5:
            continue
        kw = dict(
            no=r.info.get("no", ""),
            topic=r.info.get("topic", ""),
            occasion=r.info.get("occasion", ""),
            speaker=r.info["speaker"].name if r.info.get("speaker") else "",
            name=r.info["case"].person.name if r.info.get("case") else "",
        )
        blocks.append(("p", f"{r.date.month}月{r.date.day}日　" + DSJ_TEXT[r.kind].format(**kw)))
    blocks.append(("right", f"{org.name}　{fmt_date(d)}"))
    return blocks, org.role(d, "组织委员").name
