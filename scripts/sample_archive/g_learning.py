"""党课讲稿, 主题党日活动记录, 集中学习记录, 心得体会, 研讨发言, 学习计划."""

from . import themes as T
from .ctx import Ctx
from .g_meetings import _absent, header
from .model import fmt_date
from .names import COMMUNITIES, RED_SITES
from .pools_extra import DK_INTRO, RICH, XD_HEADS, reflect
from .themes import focus_at
from .xd import xd_pool

GENERIC_DK = [
    (
        "牢记宗旨、服务群众，做人民满意的机关干部",
        [
            "一、全心全意为人民服务是党的根本宗旨。党章明确规定，党除了工人阶级和最广大人民群众的利益，没有自己特殊的利益。对机关党员来说，坚持人民立场，就是要把群众满意不满意作为衡量工作的根本标准。",
            "二、为民服务要从每一件小事做起。群众来办事，最关心的是能不能办、什么时候办好、要跑几趟。这些看似简单的问题，恰恰最考验我们的宗旨意识。",
            "三、克服“门难进、脸难看、事难办”的顽疾。要对照检查自己有没有推诿扯皮、敷衍塞责的现象，有没有把群众的事当成“麻烦事”的想法。",
            "四、把为民服务的要求落实到制度上。要完善首问负责、一次告知、限时办结等制度，让群众办事更方便、更快捷。",
        ],
    ),
    (
        "学习党章、遵守党章，做一名合格党员",
        [
            "一、党章是党的根本大法。党章集中体现了党的性质和宗旨、党的理论和路线方针政策、党的重要主张，规定了党的重要制度和体制机制，是全党必须共同遵守的根本行为规范。",
            "二、对照党章看党员义务。党章规定了党员的八项义务，每一项都是具体的。我们要经常对照检查，看自己在学习、工作、纪律等方面是否履行到位。",
            "三、党员的权利和义务是统一的。每名党员既要依照党章行使好自己的权利，也要自觉履行党员义务，在组织中接受教育、管理和监督。",
            "四、把党章要求落实到日常言行中。学党章重在用党章，要做到平常时候看得出来、关键时刻站得出来。",
        ],
    ),
    (
        "锤炼过硬作风，在岗位上建功立业",
        [
            "一、作风建设永远在路上。作风问题本质上是党性问题。党的十八大以来，从中央八项规定破题，党风政风焕然一新，但“四风”问题树倒根在，必须常抓不懈。",
            "二、对照检查我们身边的作风问题。比如有的同志工作中等靠要，推一推动一动；有的满足于一般化，标准不高；有的材料写得多、实事办得少。",
            "三、以过硬作风推动工作落实。要大兴调查研究之风，大兴求真务实之风，少一些形式主义，多一些真抓实干。",
            "四、从自身做起、从小事做起。希望每名党员从准时参加组织生活做起，从认真办好每一件事做起，以良好作风树立机关党员形象。",
        ],
    ),
]
GENERIC_DK_RETIRED = [
    (
        "离岗不离党、退休不褪色",
        [
            "一、老党员是党的宝贵财富。在座的各位老同志，很多都有几十年的党龄，在各自岗位上为党和人民的事业贡献了青春和力量。虽然退休了，但共产党员的身份没有变。",
            "二、政治上要始终保持坚定。老同志要带头坚定理想信念，坚决拥护党的领导，在大是大非面前旗帜鲜明。",
            "三、思想上要跟上时代步伐。退休以后学习不能停，要通过读书看报、收听收看新闻等方式及时了解党的方针政策。",
            "四、行动上要继续发挥余热。希望老同志们在身体条件允许的情况下，积极参与社区建设、关心下一代等工作，讲好党的故事，传承红色基因。",
        ],
    ),
]
DK_OPEN = [
    "同志们：",
    "各位党员同志：",
]
DK_BRIDGE = [
    "这个问题，我想结合我们支部的实际多讲几句。",
    "这里我举一个身边的例子。去年有位群众为办一件事来回跑了几趟，后来我们一位党员主动帮他梳理材料，一次就办好了。群众专门送来了感谢信。事情不大，但道理很深。",
    "我们要经常问一问自己：入党时的誓言还记得吗？群众的期盼放在心上了吗？",
    "讲到这里，我想起一位老党员常说的一句话：“党员不是一个称号，而是一份责任。”",
    "大家可以对照一下，看看自己在日常工作中有没有类似的情况。",
    "学习不是目的，用好才是关键。",
]
DK_ELAB = {
    "A": [
        "习近平总书记多次强调，党员干部要把学习作为一种政治责任、一种精神追求、一种生活方式。学习不是一阵子的事，而是一辈子的事，要做到学而信、学而思、学而行。",
        "回顾我们党的历史，每到重要关头，都是靠坚定的理想信念凝聚人心、战胜困难。理想信念是共产党人精神上的“钙”，缺了钙就会得“软骨病”。",
        "对照这些要求，我们支部的工作还有不少差距。比如有的同志参加组织生活只是“带着耳朵来”，不愿意发言；有的同志学习笔记抄得很整齐，但联系实际的思考很少。这些都需要我们认真改进。",
        "群众是我们最好的老师。很多问题坐在办公室里想不明白，到群众中去走一走、问一问，答案往往就清楚了。",
        "作风建设是一个长期的过程，不可能一劳永逸。今天讲作风，不是说我们的同志作风不好，而是要防微杜渐，把好的作风保持下去、传承下去。",
        "我们支部有一个好传统，就是老同志带新同志、党员带群众。希望这个传统能继续保持下去，让每名党员都成为身边人的榜样。",
        "“明镜所以照形，古事所以知今。”学习历史、学习理论，是为了更好地认识今天、把握明天。我们要从中汲取经验和智慧，更好地指导实践。",
        "“治国必先治党，治党务必从严。”全面从严治党不仅是对领导干部的要求，也是对每一名普通党员的要求。",
        "有的同志可能会问，这些道理大家都懂，为什么还要反复讲？我的回答是，懂道理和做得到之间还有距离，反复讲就是为了把道理变成习惯。",
        "我们讲党性，不是抽象的。党性就体现在平时的一言一行中，体现在对待工作的态度上，体现在对待群众的感情上。",
        "“功成不必在我，功成必定有我。”每个人的岗位不同、分工不同，但只要每个人都把自己的事情做好，汇聚起来就是推动事业发展的强大力量。",
        "批评与自我批评是我们党的优良传统。一个支部如果听不到批评的声音，那就要警惕了。希望大家在组织生活中敢于红红脸、出出汗。",
    ],
    "W": [
        "理论上清醒，政治上才能坚定。我们有的同志觉得理论离自己很远，其实不然。我们每天处理的具体事务，背后都有政策的依据、理论的支撑，只有把道理弄明白了，工作才能干得更有底气。",
        "结合我们局的工作实际，我想讲一个具体的例子。去年我们在优化办事流程时，有位同志主动把办事指南重新梳理了一遍，把原来需要提交的十几份材料精简到了几份。这件事不大，但体现的正是一名党员的责任心。",
        "我们的岗位虽然平凡，但每一项工作都连着群众。一份文件办得快一点、一个电话回得及时一点，群众的感受就会好很多。",
        "年轻同志是支部的希望。希望大家在工作中敢于挑担子，在急难险重任务中磨练自己，在实践中长才干、壮筋骨。",
    ],
    "R": [
        "在座的老同志，很多人入党已经四五十年了。你们经历过艰苦的年代，见证了国家的发展，最有资格讲好党的故事。",
        "退休以后，老同志的身份变了，但共产党员的本色不能变。我们要继续关心党的事业，在社区里做政策的宣传员、矛盾的调解员、文明的示范员。",
        "身体健康是老同志最大的财富。支部也会继续做好服务，希望大家有困难及时向组织反映。",
    ],
}
DK_CLOSE = [
    "以上是我的一些学习体会，讲得不对的地方，请大家批评指正。",
    "今天的党课就讲到这里，希望大家结合自身实际认真思考，把学习成果转化为做好本职工作的实际行动。",
    "同志们，让我们以更加饱满的热情、更加务实的作风，把各项工作做实做好。",
]


def dk_topic(org, rec, rng):
    y, m = rec.date.year, rec.date.month
    cands = [d for d in T.YEARS[y]["dk"] if m in d[0]]
    gen = GENERIC_DK_RETIRED + GENERIC_DK[:1] if org.kind == "retired" else GENERIC_DK
    if cands and rng.random() < 0.8:
        it = rng.choice(cands)
        return it[1], it[2]
    it = rng.choice(gen)
    return it[0], it[1]


def compose_dk(org, rec, rng):
    topic, sections = rec.info["topic"], rec.info["sections"]
    speaker = rec.info["speaker"]
    ctx = Ctx(rng)
    blocks = [("title", rec.title), ("subtitle", f"{speaker.name}（{org.name}{rec.info['role']}）")]
    blocks.append(("field", ctx.pick(DK_OPEN)))
    blocks.append(
        (
            "p",
            f"今天，我和大家一起学习交流的题目是《{topic}》。{ctx.pick(['讲得不对的地方，请大家批评指正。', '主要讲四个方面的内容。', '结合近期的学习，谈几点个人体会。'])}",
        )
    )
    blocks.append(("p", ctx.pick(DK_INTRO)))
    elab = DK_ELAB["A"] + DK_ELAB["R" if org.kind == "retired" else "W"]
    for i, s in enumerate(sections):
        head, body = s.split("。", 1) if "。" in s else (s, "")
        blocks.append(("h1", head + "。"))
        blocks.append(("p", body.strip()))
        if i < len(sections) - 1:
            for _ in range(RICH["level"]):
                x = ctx.pick_new(elab)
                if x:
                    blocks.append(("p", x))
        if i in (1, 2) and rng.random() < 0.6:
            blocks.append(("p", ctx.pick(DK_BRIDGE)))
        if i == 1 and rng.random() < 0.5:
            blocks.append(("p", ctx.pick(elab)))
    blocks.append(("p", ctx.pick(DK_CLOSE)))
    return blocks, speaker.name


GENERIC_ZTDR = [
    (
        "重温入党誓词、牢记党员身份",
        [
            "活动开始，全体党员面向党旗，在支部书记的领誓下重温入党誓词。随后，组织委员为本月过“政治生日”的党员送上了政治生日贺卡。",
            "过政治生日的党员代表作了发言，回顾了自己的入党经历，表示要不忘入党时的誓言，在本职岗位上发挥好党员作用。",
        ],
    ),
    (
        "学党章、守党规",
        [
            "支部组织党员集中学习《中国共产党章程》总纲和第一章“党员”，宣传委员结合典型案例进行了解读。",
            "大家对照党章规定的党员义务逐条自查，谈了自己在学习、工作中存在的差距和改进措施。",
        ],
    ),
    (
        "党员亮身份、岗位作表率",
        [
            "支部为窗口和一线岗位的党员统一配发了党员徽章和党员示范岗标识，要求党员在工作中亮身份、亮承诺。",
            "党员代表结合岗位职责作了公开承诺，承诺内容在支部公开栏进行了公示，接受群众监督。",
        ],
    ),
    (
        "清洁家园、美化环境",
        [
            "支部组织党员到{community}开展环境卫生整治活动，清理楼道杂物和卫生死角。",
            "活动中，党员们分工协作、干劲十足，得到了社区居民的称赞。",
        ],
    ),
]
GENERIC_ZTDR_RETIRED = [
    (
        "老党员话初心",
        [
            "支部组织老党员座谈，请几位党龄较长的老同志讲述自己的入党故事和工作经历。",
            "老同志们讲得朴实生动，大家表示要继续发挥老党员的作用，做到离岗不离党、退休不褪色。",
        ],
    ),
    (
        "健康知识讲座进支部",
        [
            "支部邀请医院的医生为老党员开展健康知识讲座，讲解了高血压、糖尿病等常见病的预防和日常保健知识。",
            "讲座结束后，医生还为老同志们免费测量了血压，解答了大家关心的健康问题。",
        ],
    ),
]
ZTDR_STEPS = [
    "活动开始前，组织委员清点了到会人数，通报了上月党费交纳情况。",
    "宣传委员领学了{focus}的有关内容，为本次活动作了学习铺垫。",
    "活动中还为本月过“政治生日”的党员赠送了政治生日贺卡。",
    "支部书记{sec}结合当前重点工作，对近期党员学习和工作提出了具体要求。",
    "活动安排了自由交流环节，党员们围绕工作中遇到的问题互相出主意、想办法。",
]
ZTDR_STEPS_RETIRED = [
    "活动开始前，支部为行动不便未能到场的老党员安排了电话连线，让他们“云参加”活动。",
    "活动中为本月过“政治生日”的老党员送上了生日贺卡和鲜花。",
    "支部书记{sec}向大家通报了近期上级有关老干部工作的政策。",
    "活动结束后，支委分头将学习材料送到了几位因病未能参加的老党员家中。",
]
ZTDR_CLOSE = [
    "活动最后，支部书记{sec}作了小结，要求大家把活动中受到的教育转化为做好本职工作的实际行动。",
    "支部书记{sec}对活动进行了点评，并对下一阶段的学习和工作提出了要求。",
    "活动结束后，支部对活动情况进行了整理，相关照片和材料已存档。",
]


def ztdr_topic(org, rec, rng, used):
    y, m = rec.date.year, rec.date.month
    cands = [z for z in T.YEARS[y]["ztdr"] if m in z[0] and z[1] not in used]
    gen = GENERIC_ZTDR_RETIRED + GENERIC_ZTDR[:2] if org.kind == "retired" else GENERIC_ZTDR
    gen = [g for g in gen if g[0] not in used]
    if cands and (rng.random() < 0.85 or not gen):
        z = rng.choice(cands)
        return z[1], z[2]
    g = rng.choice(gen or GENERIC_ZTDR)
    return g[0], g[1]


def compose_ztdr(org, rec, rng):
    name, paras = rec.info["topic"], rec.info["paras"]
    ctx = Ctx(rng, dict(community=rng.choice(COMMUNITIES), red_site=rng.choice(RED_SITES)))
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    present = len(roster) - len(absent)
    online = rec.date.year == 2020 and rec.date.month in (2, 3)
    blocks = [("title", rec.title), ("field", f"活动主题：{name}")]
    blocks += header(
        ctx,
        org,
        rec,
        "全体党员" + ("、入党积极分子" if org.dev and rng.random() < 0.4 else ""),
        sec,
        cm.get("宣传委员") or sec,
        len(roster),
        present,
        absent,
        online=online,
    )
    blocks.append(("field", "活动内容："))
    steps = ZTDR_STEPS_RETIRED if org.kind == "retired" else ZTDR_STEPS
    if rng.random() < 0.6:
        blocks.append(("p", ctx.pick(steps, sec=sec.name, focus=focus_at(rec.date))))
    for p in paras:
        blocks.append(("p", ctx.fill(p)))
    if rng.random() < 0.5:
        blocks.append(("p", ctx.pick(steps, sec=sec.name, focus=focus_at(rec.date))))
    if rng.random() < 0.8:
        speakers = rng.sample(roster, min(1 + RICH["level"], len(roster)))
        for s in speakers:
            x = ctx.pick_new(xd_pool(rec.date.year, rec.date.month, org.kind), community=ctx.rng.choice(COMMUNITIES))
            if x:
                blocks.append(("p", f"{s.name}：{x}"))
    blocks.append(("p", ctx.pick(ZTDR_CLOSE, sec=sec.name)))
    return blocks, (cm.get("宣传委员") or sec).name


JZXX_INTRO = [
    "{lead}同志领学了{material}的有关内容，并结合工作实际进行了解读。",
    "会上，{lead}同志带领大家原原本本学习了{material}，重点学习了其中的核心要义和实践要求。",
    "本次学习采取领学与交流相结合的方式。{lead}同志领学{material}，其他党员结合工作谈学习体会。",
]
JZXX_SUM = [
    "{sec}同志作小结：这次学习内容很重要，大家会后要继续深入自学，把学习成果转化为推动工作的具体措施。",
    "{sec}同志指出，学习贵在坚持、重在运用，要把学习和解决工作中的实际问题结合起来。",
    "{sec}同志要求，每名党员要认真做好学习笔记，支部将适时组织检查交流。",
]


def jzxx_topic(rec, rng, used):
    y, m = rec.date.year, rec.date.month
    cands = [j for j in T.YEARS[y]["jzxx"] if m in j[0] and j[1] not in used]
    if not cands:
        cands = [j for j in T.YEARS[y]["jzxx"] if m in j[0]] or T.YEARS[y]["jzxx"]
    j = rng.choice(cands)
    return j[1], j[2]


def compose_jzxx(org, rec, rng):
    topic, material = rec.info["topic"], rec.info["material"]
    ctx = Ctx(rng)
    roster = org.roster(rec.date)
    cm = org.committee(rec.date)
    sec = cm["书记"]
    lead = cm.get("宣传委员") or sec
    absent = _absent(ctx, org, [p for p in roster if p not in cm.values()], 3, big=True)
    blocks = [("title", rec.title)]
    blocks += header(
        ctx,
        org,
        rec,
        "全体党员",
        sec,
        lead,
        len(roster),
        len(roster) - len(absent),
        absent,
        online=rec.date.year == 2020 and rec.date.month in (2, 3),
    )
    blocks.append(("field", f"学习内容：{material}"))
    blocks.append(("field", "学习情况："))
    blocks.append(("p", ctx.pick(JZXX_INTRO, lead=lead.name, material=material)))
    pts = [
        b.split("。", 1)[1].strip()
        for d in T.YEARS[rec.date.year]["dk"]
        if rec.date.month in d[0]
        for b in d[2]
        if "。" in b
    ]
    pts += [x + "。" for x in T.YEARS[rec.date.year]["plan_task"][:0]]
    if pts:
        k = min(len(pts), RICH["level"] + (1 if rng.random() < 0.5 else 0))
        for i, b in enumerate(
            ctx.picks(pts, k) if RICH["level"] == 1 else [x for x in (ctx.pick_new(pts) for _ in range(k)) if x]
        ):
            blocks.append(("p", ("学习要点：" if i == 0 else "") + b))
    blocks.append(("p", "交流发言："))
    present = [p for p in roster if p not in [a for a, _ in absent]]
    pool = xd_pool(rec.date.year, rec.date.month, org.kind)
    if RICH["level"] > 2:
        pool = pool + reflect("R" if org.kind == "retired" else "W", "insight")
    for s in rng.sample(present, min(len(present), rng.randint(2, 3) + RICH["level"] - 1)):
        x = ctx.pick_new(pool, community=rng.choice(COMMUNITIES))
        if x:
            blocks.append(("p", f"{s.name}：{x}"))
    blocks.append(("p", ctx.pick(JZXX_SUM, sec=sec.name)))
    return blocks, lead.name


XD_OPEN = [
    "近期，围绕“{topic}”这个主题，我认真学习了相关材料，也参加了支部组织的交流研讨，深受教育、很受启发。下面谈几点粗浅的体会。",
    "结合“{topic}”，我对自己的思想和{work}进行了一次认真梳理，对很多问题有了新的认识。现将几点体会汇报如下。",
    "按照支部要求，现将我关于“{topic}”的学习体会整理如下，请组织和同志们批评指正。",
    "“{topic}”是近期支部学习的重点。通过一段时间的学习和思考，我在思想上受到了一次深刻洗礼，有以下几点感悟。",
]
XD_KIND = {
    "business": [
        "作为一名业务科室的党员，我平时接触最多的是政策文件和项目材料。过去总觉得理论学习和业务工作是两码事，现在越来越体会到，理论学得透，业务才能看得远。",
        "结合我负责的项目工作，我认为关键是要树立系统观念，把每一个环节都当作服务群众的窗口，不能只盯着自己手上这一段。",
        "年轻党员要敢于挑重担。前段时间参与重点项目攻坚，加班是常事，但看到项目顺利推进，我觉得很值得。",
    ],
    "service": [
        "我在窗口岗位工作，每天面对的是一个个具体的群众。有的群众材料不全，有的情绪急躁，这时候党员的耐心和责任心就显得格外重要。",
        "在窗口工作中，我体会最深的是“换位思考”四个字。把群众的事当成自己的事，很多矛盾就能化解在萌芽状态。",
        "参加社区志愿服务，让我走出办公室，听到了很多群众的心里话，也让我更加明白为民服务不是一句空话。",
    ],
    "retired": [
        "我退休多年了，但一直觉得党员的身份不能退休。每次参加支部学习，都感到自己的思想又得到了一次充实。",
        "年纪大了，眼睛不太好，但我坚持每天看新闻联播、读党报，有时让孙子帮我在手机上找学习材料。",
        "作为一名老党员，我能做的就是管好自己、带好家人，在小区里多讲讲党的好政策，传递正能量。",
    ],
}
XD_CLOSE = [
    "今后，我将以这次学习为新的起点，坚持学以致用、知行合一，在本职岗位上努力作出新的成绩。",
    "总之，学习永远在路上。我将继续加强学习，不断提高自身素质，以实际行动践行共产党员的初心使命。",
    "以上是我的一些学习体会，不当之处，请组织和同志们批评指正。",
    "我将把这次学习的收获转化为干事创业的动力，努力做一名合格的共产党员。",
]


def xdth_topic(rec, rng):
    y, m = rec.date.year, rec.date.month
    cands = [x for x in T.YEARS[y]["xdth"] if m in x[0]]
    if not cands:
        cands = [(None, "学习" + T.focus_at(rec.date))]
    return rng.choice(cands)[1]


def compose_xdth(org, rec, rng, title_word="心得体会"):
    topic, author = rec.info["topic"], rec.info["author"]
    y = rec.date.year
    rich = RICH["level"]
    who = "R" if org.kind == "retired" else "W"
    ctx = Ctx(
        rng,
        dict(
            topic=topic.replace("“", "‘").replace("”", "’"),
            community=rng.choice(COMMUNITIES),
            red_site=rng.choice(RED_SITES),
            work="生活" if who == "R" else "工作",
        ),
    )
    blocks = [("title", rec.title), ("subtitle", f"{org.name}　{author.name}")]
    blocks.append(("p", ctx.pick(XD_OPEN)))
    theme = ctx.picks(xd_pool(y, rec.date.month, org.kind), 2)
    kind_lines = XD_KIND[org.kind]
    if rng.random() < 0.6:
        heads = ctx.pick(XD_HEADS[who])
        blocks.append(("p", heads[0] + theme[0]))
        if len(theme) > 1:
            blocks.append(("p", theme[1]))
        for _ in range(rich):
            x = ctx.pick_new(reflect(who, "insight"))
            if x:
                blocks.append(("p", x))
        blocks.append(("p", heads[1] + ctx.pick(reflect(who, "gap"))))
        for _ in range(rich - 1):
            x = ctx.pick_new(reflect(who, "gap"))
            if x:
                blocks.append(("p", x))
        blocks.append(("p", heads[2] + ctx.pick(kind_lines)))
        for _ in range(rich):
            x = ctx.pick_new(reflect(who, "act"))
            if x:
                blocks.append(("p", x))
    else:
        body = list(theme) + [x for x in (ctx.pick_new(reflect(who, "insight")) for _ in range(rich)) if x]
        body.append(ctx.pick(reflect(who, "gap")))
        body.append(ctx.pick(kind_lines))
        body += [x for x in (ctx.pick_new(reflect(who, "act")) for _ in range(rich)) if x]
        blocks += [("p", b) for b in body]
    blocks.append(("p", ctx.pick(XD_CLOSE)))
    if rng.random() < 0.5:
        blocks.append(("right", author.name))
        blocks.append(("right", fmt_date(rec.date)))
    return blocks, author.name


def compose_ytfy(org, rec, rng):
    topic, author = rec.info["topic"], rec.info["author"]
    y = rec.date.year
    ctx = Ctx(rng, dict(topic=topic, community=rng.choice(COMMUNITIES), red_site=rng.choice(RED_SITES)))
    blocks = [("title", rec.title), ("subtitle", author.name)]
    blocks.append(("p", f"按照支部安排，我围绕{topic}谈几点认识和打算，不妥之处请大家批评指正。"))
    blocks.append(("h1", "一、学习的主要收获"))
    blocks += [("p", b) for b in ctx.picks(xd_pool(y, rec.date.month, org.kind), 2)]
    blocks.append(("h1", "二、查找的差距和不足"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "对照学习要求，我在理论学习上还存在碎片化的问题，系统学习不够；在工作中有时满足于按部就班，主动谋划不够。",
                    "对照先进典型，我在担当作为上还有差距，遇到难题有时先想到困难，再想办法；在服务群众上，耐心和细致还需加强。",
                ]
            ),
        )
    )
    blocks.append(("h1", "三、下一步的努力方向"))
    blocks.append(("p", ctx.pick(XD_KIND[org.kind])))
    blocks.append(("p", ctx.pick(XD_CLOSE)))
    return blocks, author.name


def compose_xxjh(org, year, d, rng):
    th = T.YEARS[year]
    ctx = Ctx(rng)
    blocks = [("title", f"{org.name}{year}年理论学习计划")]
    blocks.append(
        ("p", f"为深入学习贯彻{th['focus'][1]}，持续加强支部党员的理论武装，结合支部实际，制定本年度理论学习计划。")
    )
    blocks.append(("h1", "一、学习内容"))
    rows = [["月份", "学习专题", "主要学习材料", "领学人"]]
    cm = org.committee(d)
    leads = list(cm.values())
    months = list(range(1, 13)) if year < 2025 else list(range(1, 7))
    generic = [
        ("学习《中国共产党章程》", "《中国共产党章程》"),
        ("学习习近平总书记最新重要讲话精神", "习近平总书记最新重要讲话和重要文章"),
        ("学习《中国共产党廉洁自律准则》", "《中国共产党廉洁自律准则》"),
        ("学习《中国共产党支部工作条例（试行）》", "《中国共产党支部工作条例（试行）》"),
        ("学习意识形态工作有关要求", "上级关于意识形态工作的有关文件"),
        ("学习党内法规", "《关于新形势下党内政治生活的若干准则》"),
        ("学习习近平总书记重要文章", "《求是》杂志刊发的习近平总书记重要文章"),
        ("学习党史", "《中国共产党简史》有关章节"),
        ("学习《中国共产党纪律处分条例》", "《中国共产党纪律处分条例》"),
        ("学习先进典型事迹", "全国优秀共产党员、时代楷模先进事迹"),
        ("结合上级部署开展专题学习", "根据上级部署确定"),
    ]
    used = set()
    for i, m in enumerate(months):
        # a plan can only name what is known when it is written
        c = [j for j in th["jzxx"] if m in j[0] and j[1] not in used and min(j[0]) <= d.month + 1]
        if c:
            j = c[0]
            topic, material = j[1], j[2]
        else:
            g = [x for x in generic if x[0] not in used] or generic
            topic, material = g[i % len(g)]
        used.add(topic)
        rows.append([f"{m}月", topic, material, leads[i % len(leads)].name])
    blocks.append(("table", rows))
    blocks.append(("p", "以上安排如遇上级新的部署要求，适时调整学习内容。"))
    blocks.append(("h1", "二、学习方式"))
    blocks.append(
        (
            "p",
            "采取集中学习与个人自学相结合、专题辅导与交流研讨相结合、线上学习与线下学习相结合的方式。集中学习原则上每月一次，由支委轮流领学。",
        )
    )
    blocks.append(("h1", "三、有关要求"))
    blocks.append(
        (
            "p",
            ctx.pick(
                [
                    "每名党员要准备学习笔记本，认真做好学习记录；支部每半年检查一次学习笔记。",
                    "党员因公不能参加集中学习的，要向支部书记请假，并在一周内完成补学。",
                ]
            ),
        )
    )
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(d)))
    return blocks
