"""会议记录: 支委会, 党员大会, 党小组会, 组织生活会; 民主评议党员, 谈心谈话."""

from datetime import timedelta

from . import themes as T
from .ctx import Ctx
from .model import fmt_date
from .names import COMMUNITIES, ROOMS, ROOMS_RETIRED
from .pools_extra import MEET_REMARKS, RICH
from .xd import xd_pool

TIMES_AM = ["上午9:00", "上午9:30", "上午8:30", "上午10:00"]
TIMES_PM = ["下午2:30", "下午3:00", "下午4:00", "下午2:00"]
ABSENT_REASONS = {
    "business": ["出差", "外出培训", "病假", "休年假", "参加局里专项工作"],
    "service": ["窗口值班", "病假", "外出培训", "轮休", "事假"],
    "retired": ["身体原因", "住院治疗", "随子女在外地居住", "行动不便", "家中有事"],
}


def header(ctx, org, rec, people, chair, recorder, expected, present, absent, extra=None, online=False):
    t = ctx.pick(TIMES_AM + TIMES_PM)
    room = "线上（视频会议）" if online else ctx.pick(ROOMS_RETIRED if org.kind == "retired" else ROOMS)
    lines = [
        ("field", f"时间：{fmt_date(rec.date)} {t}"),
        ("field", f"地点：{room}"),
        ("field", f"主持人：{chair.name}"),
        ("field", f"参加人员：{people}"),
    ]
    if extra:
        lines.append(("field", f"列席人员：{extra}"))
    lines.append(("field", f"应到人数：{expected}人　实到人数：{present}人"))
    if absent:
        lines.append(("field", "缺席人员及原因：" + "；".join(f"{p.name}（{r}）" for p, r in absent)))
    else:
        lines.append(("field", "缺席人员及原因：无"))
    lines.append(("field", f"记录人：{recorder.name}"))
    return lines


def _absent(ctx, org, people, k_max, big=False):
    if big and org.kind == "retired":
        k = ctx.rng.randint(2, max(2, min(8, len(people) // 3)))
    elif big:
        k = ctx.rng.choice([0, 1, 1, 2, 2, 3])
    else:
        k = ctx.rng.choice([0, 0, 1, 1, 2, 3][: k_max + 2])
    k = min(k, max(k_max, k if big else 0), max(0, len(people) - 2))
    out = []
    for p in ctx.rng.sample(people, k):
        out.append((p, ctx.rng.choice(ABSENT_REASONS[org.kind])))
    return out


# ------------------------------------------------------------- agenda items
# (months, topic, speeches, decision).  speeches: list of (role, text); role
# may be 书记/副书记/组织委员/宣传委员/纪检委员 (falls back to 书记).
GENERIC_ZWH = [
    (
        (1, 2, 3),
        "研究制定支部{y}年党建工作计划和理论学习计划",
        [
            ("书记", "今年的计划要突出{focus}这条主线，既要完成上级规定动作，也要结合我们支部实际搞好自选动作。"),
            ("宣传委员", "学习计划初稿已经按月列出了学习专题，建议每季度安排一次交流研讨，避免只读不议。"),
            ("组织委员", "建议把组织生活的时间尽量固定下来，方便大家提前安排工作。"),
        ],
        "原则通过支部年度党建工作计划和学习计划，根据讨论意见修改后印发全体党员。",
    ),
    (
        (1, 2, 3),
        "核定{y}年度党员党费缴纳基数",
        [
            (
                "组织委员",
                "根据财务科提供的工资数据，对每名党员的党费缴纳基数进行了重新核定，个别同志工资调整后基数有变化。",
            ),
            ("书记", "党费基数核定要准确，核定结果要向本人确认，并在支部范围内公开。"),
        ],
        "通过本年度党费缴纳基数核定结果，由组织委员通知到每名党员。",
    ),
    (
        tuple(range(1, 13)),
        "研究本月主题党日活动安排",
        [
            ("书记", "这次主题党日要紧扣当前学习重点，活动形式可以更灵活一些，让大家都有参与感。"),
            ("宣传委员", "建议在学习之后安排交流环节，每人结合工作谈一点体会，时间控制在一个半小时左右。"),
            ("组织委员", "我负责通知和签到，请各党小组长提前统计参加人数。"),
        ],
        "确定本月主题党日活动的主题、时间和分工，由宣传委员拟定具体方案。",
    ),
    (
        tuple(range(1, 13)),
        "通报党费收缴情况",
        [
            ("组织委员", "截至目前，支部党员均已按时足额交纳党费，收缴的党费已按规定上缴机关党总支。"),
            ("书记", "党费收缴要坚持按月交纳，个别同志出差的要提醒及时补交。"),
        ],
        "党费收缴情况在党员大会上进行通报。",
    ),
    (
        tuple(range(1, 13)),
        "分析党员思想动态，研究意识形态工作",
        [
            ("书记", "从近期情况看，支部党员思想总体稳定，工作积极性较高，但也有个别同志工作压力较大。"),
            ("纪检委员", "要关注网络言行，提醒党员不信谣、不传谣，在网上发表言论要严守纪律。"),
            ("宣传委员", "建议支委结合分工，近期和联系的党员各谈一次心。"),
        ],
        "支委按分工与联系党员开展谈心谈话，及时掌握党员思想动态。",
    ),
    (
        (6, 7),
        "研究“七一”期间活动安排和上半年工作总结",
        [
            ("书记", "“七一”前后要组织好重温入党誓词和走访慰问，上半年工作总结要实事求是，把问题找准。"),
            ("组织委员", "建议对照年初计划逐项梳理完成情况，没有完成的要说明原因。"),
        ],
        "由组织委员牵头起草上半年党建工作总结，“七一”活动方案于下周报党总支。",
    ),
    (
        (11, 12),
        "研究召开年度组织生活会和开展民主评议党员工作",
        [
            ("书记", "按照党总支通知要求，组织生活会前要广泛征求意见，支委之间、支委和党员之间要普遍开展谈心谈话。"),
            ("组织委员", "民主评议党员拟采取个人自评、党员互评、民主测评相结合的方式，测评表已准备好。"),
            ("纪检委员", "对照检查材料要突出问题查摆，避免泛泛而谈。"),
        ],
        "确定组织生活会召开时间，会前完成征求意见和谈心谈话，民主评议党员同步开展。",
    ),
    (
        (12,),
        "研究年度党建工作总结起草工作",
        [
            ("书记", "总结要用数据说话，成绩讲够，问题讲透，明年打算要具体。"),
            ("组织委员", "我把全年的会议记录和活动记录整理一下，统计好相关数据。"),
        ],
        "由组织委员起草年度党建工作总结，下次支委会审议。",
    ),
    (
        (3, 4, 5, 9, 10, 11),
        "研究党建档案整理归档工作",
        [
            ("组织委员", "对照标准化建设要求，支部档案还有部分活动记录没有及时归档。"),
            ("书记", "党建档案要专人负责、及时整理，每项活动结束后一周内归档。"),
        ],
        "由组织委员负责，月底前完成本年度已开展活动材料的整理归档。",
    ),
]
KIND_ZWH = {
    "business": [
        (
            tuple(range(1, 13)),
            "研究党员示范岗创建和党建业务融合工作",
            [
                ("书记", "今年局里的重点项目多，支部要把党员示范岗设在项目一线，让党员在攻坚中亮身份。"),
                ("副书记", "建议各党小组结合科室业务各认领一个攻坚任务，年底进行评比。"),
            ],
            "在重点项目中设立党员示范岗，由各党小组组长负责推进。",
        ),
        (
            (3, 4, 5, 9, 10),
            "研究青年党员培养工作",
            [
                ("书记", "支部年轻同志多，要给他们压担子，也要加强理论学习和群众工作能力的培养。"),
                ("宣传委员", "建议由青年党员轮流担任集中学习的领学人。"),
            ],
            "建立青年党员轮流领学机制，由宣传委员负责安排。",
        ),
    ],
    "service": [
        (
            tuple(range(2, 13)),
            "研究志愿服务活动安排",
            [
                ("书记", "与{community}的共建要常态化，服务内容要对接居民需求，不能搞形式。"),
                ("宣传委员", "社区反映老年人需要智能手机使用和政策咨询方面的帮助，建议作为下次服务重点。"),
            ],
            "确定下次志愿服务的时间、地点和人员安排，由宣传委员与社区对接。",
        ),
        (
            tuple(range(1, 13)),
            "研究窗口服务质量提升工作",
            [
                ("书记", "近期群众对高峰时段排队时间有意见，党员要带头做好分流引导。"),
                ("组织委员", "建议在窗口继续推行党员示范岗挂牌服务，接受群众监督。"),
            ],
            "在窗口设立党员先锋岗，高峰时段由党员带头增开弹性窗口。",
        ),
    ],
    "retired": [
        (
            (1, 6, 9, 10, 12),
            "研究走访慰问老党员工作",
            [
                ("书记", "节前要把高龄、患病和生活困难的老党员走访到位，把组织的关心送到家里。"),
                ("组织委员", "慰问名单已经和老干部科核对，共有几位同志近期住院，要优先安排看望。"),
            ],
            "确定走访慰问名单和分组，支委分片负责，走访情况及时报告。",
        ),
        (
            tuple(range(1, 13)),
            "研究送学上门工作",
            [
                ("宣传委员", "目前还有几位老同志因身体原因不能参加集中学习，建议由党小组长定期上门送学。"),
                ("书记", "送学上门要把学习材料讲清楚，同时了解老同志的身体和生活情况。"),
            ],
            "由各党小组长负责对行动不便的老党员送学上门，每月至少一次。",
        ),
    ],
}

DEV_ZWH = {
    "act": (
        "讨论确定{name}同志为入党积极分子",
        [
            (
                "组织委员",
                "{name}同志于{apply}向党组织递交入党申请书，支部已按规定派人与其谈话。经党员推荐和群团组织推优，所在党小组认为该同志政治立场坚定，工作积极主动。",
            ),
            ("书记", "确定为积极分子后，要落实培养联系人，定期听取思想汇报，加强培养教育。"),
        ],
        "同意确定{name}同志为入党积极分子，指定{i1}、{i2}同志为培养联系人，报机关党总支备案。",
    ),
    "cand": (
        "讨论确定入党积极分子{name}同志为发展对象",
        [
            (
                "组织委员",
                "{name}同志经过一年以上的培养教育和考察，培养联系人和党小组均认为其基本具备党员条件，已听取党小组、培养联系人和党员群众意见。",
            ),
            ("纪检委员", "同意列为发展对象，政治审查要严格按照规定进行。"),
        ],
        "同意将{name}同志列为发展对象，报机关党总支备案，按规定开展政治审查并参加集中培训。",
    ),
    "pre_in": (
        "讨论发展对象{name}同志入党有关事项",
        [
            (
                "组织委员",
                "{name}同志的政治审查已经完成，结论合格，集中培训已结业，入党志愿书已填写，入党介绍人为{i1}、{i2}同志。",
            ),
            ("书记", "材料要再认真审核一遍，确保程序完整、材料齐全。"),
        ],
        "同意提交支部党员大会讨论，会前在支部范围内进行公示。",
    ),
    "pre_full": (
        "讨论预备党员{name}同志转为正式党员的问题",
        [
            ("组织委员", "{name}同志预备期即将届满，本人已提交转正申请，入党介绍人和党小组对其预备期表现给予肯定。"),
            ("书记", "预备期的表现要实事求是地评价，转正前按规定公示。"),
        ],
        "同意提交党员大会讨论{name}同志的转正问题，会前公示。",
    ),
    "elect": (
        "研究支部委员会换届选举筹备工作",
        [
            ("书记", "本届支委会任期即将届满，要按照规定程序做好换届选举工作，换届方案报党总支审批。"),
            ("组织委员", "候选人推荐采取“两推一选”的方式，拟差额推荐。"),
        ],
        "通过支部换届选举工作方案，报机关党总支审批。",
    ),
}

GENERIC_DYDH = [
    (
        (1, 2, 3),
        "审议{y}年党建工作计划",
        [("书记", "今年支部工作要围绕{focus}，重点抓好理论学习、组织生活规范和党员队伍建设。")],
        "与会党员对工作计划提出了修改意见，会议原则通过支部年度党建工作计划。",
    ),
    (
        (7, 8),
        "通报上半年党建工作情况",
        [("书记", "上半年支部各项工作总体按计划推进，但也存在一些不足，下半年要对照问题抓好整改。")],
        "与会党员对下半年工作提出了意见建议，支委会将认真研究吸收。",
    ),
    (
        tuple(range(1, 13)),
        "传达学习{focus}",
        [
            ("书记", "今天主要学习{focus}，大家要联系工作实际谈体会，把学习成果落实到具体工作中。"),
            ("宣传委员", "学习材料已提前发到党员微信群，请大家会后继续深入自学。"),
        ],
        "会后每名党员结合学习撰写学习笔记，支部适时组织交流。",
    ),
    (
        tuple(range(1, 13)),
        "通报党费收缴和党员发展情况",
        [("组织委员", "本阶段党费收缴均已完成，收缴情况已在支部公开栏公示；发展党员工作按计划推进。")],
        "党员对通报情况无异议。",
    ),
]

DEV_DYDH = {
    "in": (
        "讨论接收{name}同志为中共预备党员",
        [
            "发展对象{name}同志汇报了对党的认识、入党动机、本人履历、家庭和主要社会关系情况，以及对自己的优缺点的认识。",
            "入党介绍人{i1}、{i2}同志介绍了{name}同志的情况，认为该同志政治立场坚定，工作认真负责，群众基础较好，同意介绍其入党。",
            "组织委员代表支部委员会报告了对{name}同志的审查情况：政治审查合格，集中培训考试合格，公示期间未收到反映意见。",
            "与会党员进行了充分讨论，认为该同志基本具备党员条件，同时也指出其在理论学习深度方面还需加强。",
        ],
        "采取无记名投票方式进行表决。有表决权的正式党员应到{voters}名，实到{vpresent}名，超过应到会有表决权党员的半数。表决结果：赞成{vpresent}票，反对0票，弃权0票。会议通过接收{name}同志为中共预备党员的决议，报机关党总支审批。",
    ),
    "full": (
        "讨论预备党员{name}同志转为正式党员的问题",
        [
            "预备党员{name}同志宣读了转正申请书，汇报了预备期间的思想、工作和学习情况。",
            "入党介绍人{i1}同志介绍了{name}同志预备期的表现，认为其能够认真履行党员义务，在工作中发挥了先锋模范作用。",
            "与会党员进行了讨论，一致认为该同志已具备正式党员条件。",
        ],
        "采取举手表决方式进行表决，有表决权的正式党员实到{vpresent}名，全体同意。会议通过{name}同志按期转为中共正式党员的决议，报机关党总支审批。",
    ),
    "elect": (
        "选举产生新一届支部委员会",
        [
            "组织委员宣读了机关党总支关于同意支部换届选举的批复和候选人预备人选名单，会议通过了选举办法。",
            "会议推选了监票人和计票人，全体党员以无记名投票方式进行了选举。",
        ],
        "应到会有选举权的党员{voters}名，实到{vpresent}名，选举有效。{elected}同志当选为新一届支部委员会委员，选举结果报机关党总支审批。",
    ),
}

DXZH = [
    (
        "学习讨论{focus}",
        [
            "{a}：我谈一点体会。{xd}",
            "{b}：{xd}",
            "{c}：结合我们科室的工作，我觉得关键是要落到行动上，不能学归学、做归做。",
        ],
    ),
    (
        "征求对支部工作的意见建议",
        [
            "{a}：建议支部活动时间能提前通知，方便大家安排工作。",
            "{b}：希望多组织一些外出参观学习，效果比在会议室里学要好。",
            "{c}：建议在学习中多联系业务实际，结合案例来学。",
        ],
    ),
    (
        "交流近期思想和工作情况",
        [
            "{a}：最近手头工作比较多，但学习没有放松，每天坚持在“学习强国”上学习。",
            "{b}：近期参加了业务培训，收获很大，准备在组里分享一下。",
            "{c}：我在工作中遇到的一些难题，希望组里的同志多帮助。",
        ],
    ),
]
DXZH_RETIRED = [
    (
        "学习讨论{focus}",
        [
            "{a}：虽然退下来了，但学习不能停。{xd}",
            "{b}：我们老同志要带头讲好身边的故事，传递正能量。",
            "{c}：建议支部把学习材料印成大字版，方便眼神不好的同志阅读。",
        ],
    ),
    (
        "交流近期身体和生活情况",
        [
            "{a}：近期身体还可以，每天坚持散步锻炼。",
            "{b}：前段时间住了几天院，感谢支部的同志来看望。",
            "{c}：建议支部组织一次体检知识讲座，大家都很关心。",
        ],
    ),
]


def _xd_line(ctx, d, kind):
    return (
        ctx.pick_new(xd_pool(d.year, d.month, kind), community=ctx.rng.choice(COMMUNITIES))
        or "我赞同大家的发言，会后还要再认真读一读原文。"
    )


def _role_name(org, d, role):
    return org.role(d, role).name


def compose_zwh(org, rec, rng, theme_agenda):
    y, m = rec.date.year, rec.date.month
    th = T.YEARS[y]
    ctx = Ctx(rng, dict(y=y, focus=T.focus_at(rec.date), community=rng.choice(COMMUNITIES)))
    cm = org.committee(rec.date)
    members = list(cm.values())
    absent = _absent(ctx, org, members[1:], 1)
    present = [p for p in members if p not in [a for a, _ in absent]]
    chair = cm["书记"]
    recorder = cm.get("组织委员") or cm.get("宣传委员")
    items = []
    for what, case in rec.info.get("dev", []):
        t, sp, dec = DEV_ZWH[what]
        items.append(
            (
                t,
                sp,
                dec,
                dict(name=case.person.name, apply=fmt_date(case.apply), i1=case.introducers[0], i2=case.introducers[1]),
            )
        )
    if rec.info.get("elect"):
        t, sp, dec = DEV_ZWH["elect"]
        items.append((t, sp, dec, {}))
    pool = [a for a in theme_agenda if m in a[0]]
    if pool and len(items) < 2 and rng.random() < 0.75:
        a = ctx.pick(pool)
        items.append((a[1], [("书记", a[2])], "会议同意上述安排，由支委按分工抓好落实。", {}))
    gen = [g for g in GENERIC_ZWH + KIND_ZWH[org.kind] if m in g[0]]
    want = 2 + (rng.random() < 0.4) + (RICH["level"] > 1) + (RICH["level"] > 2)
    while len(items) < want and len(items) < 5:
        g = ctx.pick(gen)
        items.append((g[1], g[2], g[3], {}))
    online = y == 2020 and m in (2, 3)
    extra = None
    if any(w == "act" for w, _ in rec.info.get("dev", [])) and rng.random() < 0.5:
        extra = "入党申请人所在党小组组长"
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        "支部委员" + "、".join(p.name for p in members),
        chair,
        recorder,
        len(members),
        len(present),
        absent,
        extra,
        online,
    )
    blocks.append(("field", "议题："))
    for i, it in enumerate(items, 1):
        blocks.append(("field", f"{i}. {ctx.fill(it[0], **it[3])}"))
    blocks.append(("field", "会议内容："))
    if rng.random() < 0.6 or RICH["level"] > 1:
        blocks.append(
            (
                "p",
                f"{chair.name}同志主持会议，首先带领支委学习了{ctx.slots['focus']}的有关内容，随后按议题逐项进行了研究。",
            )
        )
        pts = [b for d in th["dk"] if m in d[0] for b in d[2]]
        if pts and rng.random() < 0.5 * RICH["level"]:
            for b in ctx.picks(pts, min(len(pts), RICH["level"])):
                blocks.append(("p", "学习中指出：" + (b.split("。", 1)[1].strip() if "。" in b else b)))
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{'一二三四五'[i - 1]}、{ctx.fill(it[0], **it[3])}"))
        spoke = set()
        for role, text in it[1]:
            p = cm.get(role) or chair
            if p not in present:
                p = chair
            spoke.add(p.name)
            blocks.append(("p", f"{p.name}：{ctx.fill(text, **it[3])}"))
        others = [p for p in present if p.name not in spoke]
        for _ in range(RICH["level"]):
            x = ctx.pick_new(MEET_REMARKS["all"] + MEET_REMARKS[org.kind])
            if others and x and rng.random() < 0.45:
                q = others.pop(rng.randrange(len(others)))
                blocks.append(("p", f"{q.name}：{x}"))
    blocks.append(("field", "会议决定："))
    for i, it in enumerate(items, 1):
        blocks.append(("p", f"{i}. {ctx.fill(it[2], **it[3])}"))
    blocks.append(("right", f"记录人：{recorder.name}"))
    return blocks, recorder.name


def compose_dydh(org, rec, rng):
    y, m = rec.date.year, rec.date.month
    th = T.YEARS[y]
    ctx = Ctx(rng, dict(y=y, focus=T.focus_at(rec.date)))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    chair = cm["书记"]
    recorder = cm.get("组织委员") or cm.get("宣传委员")
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    present = [p for p in roster if p not in [a for a, _ in absent]]
    voters = [p for p in roster if p.status(rec.date) == "正式党员"]
    vpresent = [p for p in voters if p in present]
    items = []
    for what, case in rec.info.get("dev", []):
        items.append((what, case))
    if rec.info.get("elect"):
        items.append(("elect", None))
    gen = [g for g in GENERIC_DYDH if m in g[0]]
    if not items or rng.random() < 0.5:
        items.insert(0, ("gen", ctx.pick(gen)))
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        "全体党员",
        chair,
        recorder,
        len(roster),
        len(present),
        absent,
        online=(y == 2020 and m in (2, 3)),
    )
    topics = []
    for what, x in items:
        if what == "gen":
            topics.append(ctx.fill(x[1]))
        else:
            nm = x.person.name if x else ""
            topics.append(ctx.fill(DEV_DYDH[what][0], name=nm))
    blocks.append(("field", "议题："))
    for i, t in enumerate(topics, 1):
        blocks.append(("field", f"{i}. {t}"))
    blocks.append(("field", "会议内容："))
    blocks.append(("p", f"{chair.name}同志主持会议，宣布到会人数符合规定，会议有效。"))
    decisions = []
    for (what, x), t in zip(items, topics):
        blocks.append(("p", f"（{'一二三四'[len(decisions)]}）{t}"))
        if what == "gen":
            for role, text in x[2]:
                p = cm.get(role) or chair
                blocks.append(("p", f"{p.name}：{ctx.fill(text)}"))
            others = [p for p in present if p not in cm.values()]
            for _ in range(RICH["level"]):
                line = ctx.pick_new(xd_pool(y, m, org.kind), community=rng.choice(COMMUNITIES))
                if others and line and rng.random() < 0.6:
                    q = others.pop(rng.randrange(len(others)))
                    blocks.append(("p", f"{q.name}：{line}"))
            decisions.append(ctx.fill(x[3]))
        else:
            _, lines, dec = DEV_DYDH[what]
            if what == "elect":
                elected = "、".join(p.name for p in org.committee(rec.date + timedelta(days=1)).values())
                kw = dict(voters=len(voters), vpresent=len(vpresent), elected=elected)
            else:
                kw = dict(
                    name=x.person.name,
                    i1=x.introducers[0],
                    i2=x.introducers[1],
                    voters=len(voters),
                    vpresent=len(vpresent),
                )
            for ln in lines:
                blocks.append(("p", ctx.fill(ln, **kw)))
            decisions.append(ctx.fill(dec, **kw))
    blocks.append(("field", "会议决定："))
    for i, dsc in enumerate(decisions, 1):
        blocks.append(("p", f"{i}. {dsc}"))
    if rec.fmt == "docx" and rng.random() < 0.5:
        blocks.append(("field", "附：参会人员签到表"))
        rows = [["序号", "姓名", "签到", "备注"]]
        absent_map = {p.name: r for p, r in absent}
        for i, p in enumerate(roster, 1):
            rows.append([str(i), p.name, "" if p.name in absent_map else p.name, absent_map.get(p.name, "")])
        blocks.append(("table", rows))
    blocks.append(("right", f"记录人：{recorder.name}"))
    return blocks, recorder.name


def compose_dxzh(org, rec, rng):
    y = rec.date.year
    th = T.YEARS[y]
    ctx = Ctx(rng, dict(y=y, focus=T.focus_at(rec.date)))
    g = rec.info["group"]
    members = [p for p in org.roster(rec.date) if p.group == g]
    if len(members) < 3:
        members = org.roster(rec.date)[:6]
    leader = members[0]
    absent = _absent(ctx, org, members[1:], 2)
    present = [p for p in members if p not in [a for a, _ in absent]]
    pool = DXZH_RETIRED if org.kind == "retired" else DXZH
    items = ctx.picks(pool, min(len(pool), 1 + RICH["level"]))
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        f"{org.groups[g]}全体党员",
        leader,
        members[1] if members[1] in present else leader,
        len(members),
        len(present),
        absent,
    )
    blocks.append(("field", "议题：" + "；".join(ctx.fill(t) for t, _ in items)))
    blocks.append(("field", "会议内容："))
    blocks.append(("p", f"党小组组长{leader.name}同志主持会议。"))
    speakers = [p for p in present if p is not leader] or [leader]
    for t, lines in items:
        blocks.append(("p", ctx.fill(t) + "。"))
        for i, ln in enumerate(lines):
            a = speakers[i % len(speakers)].name
            blocks.append(("p", ctx.fill(ln, a=a, b=a, c=a, xd=_xd_line(ctx, rec.date, org.kind))))
    blocks.append(("p", f"{leader.name}：今天大家谈得很实在，意见建议我汇总后报支部委员会。"))
    return blocks, (members[1] if members[1] in present else leader).name


ZZSHH_SELF = [
    "理论学习的主动性不够强，往往是任务驱动式学习，系统学习、深入思考不够",
    "面对复杂问题有时存在畏难情绪，开拓创新的劲头不足",
    "深入基层、深入群众不够，了解群众需求不够全面",
    "有时满足于完成任务，工作标准不够高，精益求精不够",
    "先锋模范作用发挥得不够充分，对身边同志的带动不够",
    "对一些小节问题重视不够，自我要求不够严格",
    "批评与自我批评的勇气不足，有时碍于情面不愿指出问题",
]
ZZSHH_SELF_RET = [
    "退休后学习有所放松，对新理论、新政策的学习不够及时",
    "关心支部工作不够主动，参加支部活动有时以身体原因请假",
    "发挥余热不够，参与社区公益活动较少",
    "对子女和家属的教育提醒还需加强",
    "看新闻、读报纸多，系统学习原文少，理解不够深入",
    "对身边的不良现象有时抱着“事不关己”的态度，没有主动劝导",
]
ZZSHH_CRIT = {
    "all": [
        "希望你在学习上再深入一些，多联系实际思考。",
        "你平时发言不多，希望在组织生活中多谈想法。",
        "建议你把学习笔记写得更扎实一些，不要只是摘抄。",
    ],
    "business": [
        "希望你在工作中多注意劳逸结合，业务工作再忙也要按时参加支部学习。",
        "建议你在业务工作之外，多参与支部的活动组织工作。",
        "你工作很认真，但有时与同事沟通不够，建议多交流。",
        "希望你在带新同志方面多发挥作用。",
    ],
    "service": [
        "你在窗口服务中耐心细致，但遇到急事时态度还要更平和一些。",
        "建议你把窗口工作中的好做法多总结，给新同志做个示范。",
        "希望你轮休时也多关注支部群里的学习内容，不要落下。",
    ],
    "retired": [
        "希望你在身体允许的情况下，多参加支部的集中活动。",
        "你在小区里威望高，建议多参与邻里调解这些事情，发挥老党员作用。",
        "建议你学会用手机看学习材料，有不会的可以找支部的同志帮忙。",
        "希望你多保重身体，同时也要关心支部的工作，多提意见。",
    ],
}
SELF_FRAMES = [
    "{name}：对照检查，我存在的主要问题是{x}。今后要对照问题逐项整改。",
    "{name}：我先谈自己的问题。一是{x}；二是{y}。恳请大家批评帮助。",
    "{name}：结合征求到的意见，我感到自身最突出的问题是{x}。我将列出整改清单，请同志们监督。",
    "{name}：回顾一年来的表现，我{x}，这是需要认真改进的地方。",
]


def compose_zzshh(org, rec, rng):
    y = rec.date.year
    th = T.YEARS[y]
    ctx = Ctx(rng, dict(y=y))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    chair = cm["书记"]
    recorder = cm.get("组织委员") or cm.get("宣传委员")
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 2, big=True)
    present = [p for p in roster if p not in [a for a, _ in absent]]
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        "全体党员",
        chair,
        recorder,
        len(roster),
        len(present),
        absent,
        extra="机关党总支委员" + ctx.rng.choice(["", "（督导）"]),
    )
    theme = th["theme"]
    blocks.append(
        ("field", f"会议主题：{'围绕' + theme + '，' if y in (2019, 2021, 2023, 2024) else ''}对照检查、批评与自我批评")
    )
    blocks.append(("field", "会议议程："))
    for i, s in enumerate(
        [
            "支部书记通报会前准备情况和支部委员会对照检查情况",
            "党员逐一进行个人对照检查发言，开展批评与自我批评",
            "开展民主评议党员",
            "支部书记作总结讲话",
        ],
        1,
    ):
        blocks.append(("field", f"{i}. {s}"))
    blocks.append(("field", "会议内容："))
    blocks.append(
        (
            "p",
            f"{chair.name}同志通报了会前准备情况：支部采取发放征求意见表、个别访谈等方式广泛征求意见，支委之间、支委与党员之间普遍开展了谈心谈话，每名党员认真撰写了对照检查材料。随后代表支部委员会进行了对照检查。",
        )
    )
    pool = ZZSHH_SELF_RET if org.kind == "retired" else ZZSHH_SELF
    speakers = rng.sample(present, min(len(present), 4))
    crit = ZZSHH_CRIT["all"] + ZZSHH_CRIT[org.kind]
    for p in speakers:
        frame = ctx.pick(SELF_FRAMES, name=p.name, x="{x}", y="{y}")
        x = ctx.pick(pool)
        y = ctx.pick(pool) if "{y}" in frame else ""
        blocks.append(("p", frame.format(x=x, y=y)))
        other = rng.choice([q for q in present if q is not p] or [p])
        blocks.append(("p", f"{other.name}（批评意见）：{ctx.pick(crit)}"))
    blocks.append(
        (
            "p",
            "其他党员依次进行了对照检查发言，并开展了相互批评。批评意见坦诚中肯，自我批评深刻具体，达到了红脸出汗、排毒治病的效果。",
        )
    )
    blocks.append(("p", "会议采取无记名方式对党员进行了民主测评，具体结果在民主评议党员情况报告中另行报告。"))
    blocks.append(
        (
            "p",
            f"{chair.name}作总结讲话，要求大家对会上查摆的问题和相互提出的批评意见认真梳理，列出整改清单，明确整改时限，切实抓好整改落实。",
        )
    )
    blocks.append(("right", f"记录人：{recorder.name}"))
    return blocks, recorder.name


def compose_mzpy(org, rec, rng):
    y = rec.date.year
    roster = org.roster(rec.date)
    n = len(roster)
    ex = max(2, round(n * rng.uniform(0.15, 0.25)))
    ok = n - ex
    ctx = Ctx(rng, dict(y=y))
    blocks = [("title", rec.title)]
    blocks.append(
        (
            "p",
            f"按照机关党总支关于开展{y}年度民主评议党员工作的通知要求，{org.name}结合年度组织生活会，于{rec.date.month}月组织开展了民主评议党员工作。现将有关情况报告如下：",
        )
    )
    blocks.append(("h1", "一、基本情况"))
    blocks.append(
        ("p", f"支部现有党员{n}名，参加评议{n}名。评议采取个人自评、党员互评、民主测评和组织评定相结合的方式进行。")
    )
    blocks.append(("h1", "二、评议结果"))
    blocks.append(
        ("p", f"经民主测评和支部委员会研究，评定优秀党员{ex}名，合格党员{ok}名，基本合格党员0名，不合格党员0名。")
    )
    rows = [["序号", "姓名", "评定等次"]]
    exc = set(p.name for p in rng.sample(roster, ex))
    for i, p in enumerate(roster, 1):
        rows.append([str(i), p.name, "优秀" if p.name in exc else "合格"])
    if rec.fmt == "docx":
        blocks.append(("table", rows))
    blocks.append(("h1", "三、主要做法"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "评议前，支部召开支委会专题研究，制定评议方案，向党员发放学习材料，讲清评议的目的和要求。",
                    "评议前，支部组织党员集中学习党章和党员标准，明确评议内容，为评议工作打好思想基础。",
                ]
            ),
        )
    )
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "评议中，每名党员对照党员标准进行自评，党员之间开展互评，做到实事求是、客观公正。",
                    "评议中，坚持标准、发扬民主，党员之间互相提出意见建议，评议过程严肃认真。",
                ]
            ),
        )
    )
    blocks.append(
        ("p", "评议后，支部将评议结果向党员本人反馈，对党员提出的意见建议进行了梳理，纳入下一年度工作改进内容。")
    )
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(rec.date)))
    return blocks, org.role(rec.date, "组织委员").name


TXTH_TOPICS = ["思想和工作情况", "对支部工作的意见建议", "个人存在的不足和改进方向", "家庭和生活情况"]
TXTH_LINES = [
    "谈话对象表示近期工作任务较重，但能够合理安排时间，坚持参加支部学习。",
    "谈话对象对支部工作提出建议，希望组织生活形式更加多样，多结合业务开展活动。",
    "谈话对象坦诚谈了自己在学习上的不足，表示今后将坚持每天抽出时间学习。",
    "谈话人肯定了谈话对象一年来的工作成绩，同时提醒其注意工作方法，加强与同事的沟通。",
    "谈话人提醒谈话对象要严格遵守中央八项规定精神，节假日期间守住底线。",
    "谈话对象反映家中老人身体不好，支部表示将在力所能及的范围内给予关心。",
    "谈话对象表示将以组织生活会为契机，认真查找自身不足，抓好整改。",
    "谈话对象谈到，今年参与的重点工作任务较多，有时对支部活动投入不够，今后会合理安排。",
    "谈话人指出，谈话对象在业务上是骨干，希望在带新同志方面多发挥作用。",
    "双方就支部明年的学习安排交换了意见，谈话对象建议多组织现场教学。",
    "谈话对象对支委工作提出意见，认为个别活动通知较晚，希望提前安排。",
    "谈话人提醒谈话对象注意身体，劳逸结合，有困难及时向组织反映。",
]


def compose_txth(org, rec, rng):
    cm = org.committee(rec.date)
    roster = [p for p in org.roster(rec.date) if p not in cm.values()]
    ctx = Ctx(rng)
    blocks = [("title", rec.title)]
    blocks.append(
        (
            "p",
            f"为开好{rec.date.year}年度组织生活会，按照机关党总支要求，支部书记与支委、支委与支委、支委与党员之间开展了谈心谈话。现将部分谈话情况记录如下。",
        )
    )
    pairs = []
    sec = cm["书记"]
    for role, p in cm.items():
        if p is not sec:
            pairs.append((sec, p))
    for p in rng.sample(roster, min(3, len(roster))):
        pairs.append((rng.choice(list(cm.values())), p))
    for a, b in pairs[:4]:
        blocks.append(
            (
                "field",
                f"谈话人：{a.name}　谈话对象：{b.name}　时间：{fmt_date(rec.date - timedelta(days=rng.randint(0, 10)))}",
            )
        )
        blocks.append(("field", f"谈话主要内容：{ctx.pick(TXTH_TOPICS)}"))
        blocks.append(("p", ctx.pick(TXTH_LINES) + (ctx.pick(TXTH_LINES) if rng.random() < 0.5 else "")))
    blocks.append(("right", f"记录人：{(cm.get('组织委员') or sec).name}"))
    return blocks, sec.name
