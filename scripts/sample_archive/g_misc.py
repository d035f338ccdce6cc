"""发展党员材料, 党风廉政, 组织建设 and the remaining 综合类 documents,
plus 志愿服务 and 走访慰问 records."""

from datetime import timedelta

from .ctx import Ctx
from .g_meetings import _absent, header
from .model import cn_date, fmt_date, next_workday
from .pools import pools
from .themes import THEMES as T
from .themes import focus_at
from .xd import reflect, xd_pool

PROSE, NAMES = pools("misc"), pools("names")

PHONE = "0000-0000000"


def _birth(p):
    return f"{p.birth.year}年{p.birth.month}月"


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
    blocks.append(("p", PROSE.app_oath))
    blocks.append(
        (
            "p",
            ctx.pick(PROSE.app_party)
            + ctx.pick(
                [
                    "党的十八大以来，以习近平同志为核心的党中央团结带领全国各族人民取得了举世瞩目的成就，这更加坚定了我加入党组织的决心。",
                    "近年来我国经济社会发展取得的巨大成就，让我更加深刻地认识到，只有坚持党的领导才能实现中华民族伟大复兴。",
                ]
            ),
        )
    )
    blocks.append(("p", ctx.pick(PROSE.app_understand)))
    blocks.append(("p", ctx.pick(PROSE.app_family)))
    blocks.append(("p", ctx.pick(PROSE.app_why) + _app_extra(rec.date)))
    blocks.append(("p", ctx.pick(PROSE.app_short)))
    blocks.append(("p", ctx.pick(PROSE.app_close)))
    blocks.append(("field", "此致"))
    blocks.append(("field", "敬礼！"))
    blocks.append(("right", f"申请人：{p.name}"))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, p.name


def compose_report(org, rec, rng):
    c = rec.info["case"]
    y = rec.date.year
    th = T.years[y]
    ctx = Ctx(rng, dict(focus=focus_at(rec.date), theme=th["theme"]))
    ctx.slots["xd"] = ctx.pick(xd_pool(y, rec.date.month, org.kind), community=rng.choice(NAMES.communities))
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
    blocks.append(("p", ctx.pick(PROSE.report_paras["learn"])))
    blocks.append(("p", ctx.pick(PROSE.report_paras["work"])))
    blocks.append(("p", ctx.pick(PROSE.report_life)))
    if rng.random() < 0.6:
        blocks.append(("p", ctx.pick(reflect("W", "insight"))))
    blocks.append(("p", ctx.pick(PROSE.report_paras["short"])))
    blocks.append(("p", ctx.pick(PROSE.report_paras["resolve"])))
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


def compose_jsjy(org, rec, rng):
    y = rec.date.year
    th = T.years[y]
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
        cs = ctx.picks(PROSE.cases, 2)
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
        blocks.append(("p", f"{s.name}：{ctx.pick(PROSE.jsjy_lines['all'] + PROSE.jsjy_lines[org.kind])}"))
    blocks.append(
        (
            "p",
            f"{sec.name}同志最后强调，要以案为鉴、以案促改，把纪律和规矩挺在前面，时刻绷紧廉洁自律这根弦，做到警钟长鸣。",
        )
    )
    return blocks, (cm.get("纪检委员") or sec).name


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
    pts = PROSE.lzth_points if target in cm.values() else PROSE.lzth_points[:-1]
    for i, pt in enumerate(ctx.picks(pts, 3), 1):
        blocks.append(("p", f"{i}. {pt}"))
    blocks.append(("p", ctx.pick(PROSE.lzth_reply)))
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
    th = T.years[year]
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


def zyfw_topic(org, rec, rng, used):
    y = rec.date.year
    pool = []
    if y in PROSE.zyfw and (y != 2020 or rec.date.month <= 6) and (y != 2022 or rec.date.month <= 11):
        pool = [z for z in PROSE.zyfw[y] if z[0] not in used]
        if y == 2020 and rec.date.month in (2, 3, 4):
            pool = [PROSE.zyfw[2020][0]] if PROSE.zyfw[2020][0][0] not in used else [PROSE.zyfw[2020][1]]
    gen = PROSE.zyfw_retired if org.kind == "retired" else PROSE.zyfw_generic
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


def compose_zwfg(org, d, rng):
    cm = org.committee(d)
    blocks = [("title", f"{org.name}支委分工及职责")]
    blocks.append(("p", f"经{fmt_date(d)}支部委员会研究，现将支部委员分工明确如下："))
    for role, p in cm.items():
        duty = PROSE.duties[role]
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


def compose_zd(org, name, d, rng):
    blocks = [("title", f"{org.name}{name}")]
    for ln in PROSE.rules[name]:
        blocks.append(("p", ln))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks, org.committee(d)["书记"].name


def compose_dsj(org, year, d, recs, rng):
    blocks = [("title", f"{org.name}{year}年大事记")]
    for r in sorted(recs, key=lambda r: r.date):
        if r.kind not in PROSE.dsj_text:
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
        blocks.append(("p", f"{r.date.month}月{r.date.day}日　" + PROSE.dsj_text[r.kind].format(**kw)))
    blocks.append(("right", f"{org.name}　{fmt_date(d)}"))
    return blocks, org.role(d, "组织委员").name
