"""半年/年度党建工作总结, 党建工作计划 and 书记述职报告."""

import random

from . import themes as T
from .ctx import Ctx, clean, yishi
from .model import cn_date, fmt_date
from .pools_extra import RICH, SUM_EFFECT, SUM_LEAD

# ----------------------------------------------------------------- openings
OPEN = [
    "{P}，在机关党总支的正确领导下，{org}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻{focus}，{kindclause}，认真落实全面从严治党主体责任，较好地完成了各项党建工作任务。现将{Pshort}工作开展情况总结如下：",
    "{P}，{org}在机关党总支的领导下，紧紧围绕局党组中心工作，以党的政治建设为统领，{kindclause}，扎实推进支部标准化规范化建设，党建工作取得了新的成效。现将有关情况总结如下：",
    "{P}，{org}按照机关党总支年度工作部署，以学习贯彻{focus}为主线，{kindclause}，支部的政治功能和组织力不断增强。现将{Pshort}党建工作情况报告如下：",
    "{P}，{org}在机关党总支的正确领导和局党组的大力支持下，坚持围绕中心抓党建、抓好党建促发展，{kindclause}，各项工作有序推进。现将{Pshort}工作总结如下：",
    "{P}以来，{org}认真贯彻落实上级党组织各项决策部署，{kindclause}，坚持党建工作与中心工作同谋划、同部署、同落实，取得了一定成效。现将工作开展情况总结如下：",
]
KINDCLAUSE = {
    "business": [
        "推动党建工作与业务工作深度融合",
        "充分发挥党员在重点工作中的先锋模范作用",
        "以高质量党建引领业务工作高质量发展",
    ],
    "service": ["以党建引领窗口服务提质增效", "把党建工作落实到为民服务的每一个环节", "深化“党建+服务”工作模式"],
    "retired": [
        "坚持把思想政治建设放在首位，关心关爱老党员，引导老同志离岗不离党、退休不褪色",
        "以“老有所学、老有所为、老有所乐”为目标，不断加强老干部党支部建设",
        "坚持政治上关心、思想上关怀、生活上关照，引导老党员发挥余热",
    ],
}

SEC1_H1 = ["一、上半年工作主要情况", "一、主要工作开展情况", "一、上半年工作完成情况", "一、工作开展情况及成效"]
SEC1_Y = ["一、{y}年工作开展情况", "一、主要工作及成效", "一、全年主要工作完成情况", "一、工作开展情况"]
SEC2 = ["二、存在的问题", "二、存在的不足及原因", "二、存在的主要问题", "二、存在的问题和不足"]
SEC3_H1 = ["三、下一步工作打算", "三、下半年工作打算", "三、下一步工作思路和主要措施"]
SEC3_Y = ["三、{y1}年工作计划", "三、下一步工作打算", "三、{y1}年工作思路和主要措施"]

# ---------------------------------------------------- subsection headings
HEAD = {
    "study": [
        "（一）加强理论武装，筑牢思想根基。",
        "（一）突出政治建设，抓好理论学习。",
        "（一）坚持学字当头，强化思想引领。",
        "（一）聚焦首要政治任务，持续深化理论学习。",
    ],
    "org": [
        "（二）严格组织生活，夯实基层基础。",
        "（二）强基固本，突出抓好组织建设。",
        "（二）规范“三会一课”，提升组织生活质量。",
        "（二）加强支部建设，增强组织力。",
    ],
    "team": [
        "（三）加强党员教育管理，提高队伍素质。",
        "（三）严把发展党员质量关，优化党员队伍。",
        "（三）抓好党员队伍建设，激发队伍活力。",
    ],
    "special_business": [
        "（四）推动党建业务融合，服务中心工作。",
        "（四）党建引领“高赋能”，助推业务发展。",
        "（四）发挥先锋模范作用，服务全局大局。",
    ],
    "special_service": [
        "（四）擦亮服务窗口，践行为民宗旨。",
        "（四）党建引领服务，打造为民窗口。",
        "（四）深化志愿服务，密切党群关系。",
    ],
    "special_retired": [
        "（三）关心关爱老党员，增强支部凝聚力。",
        "（三）落实政治生活待遇，做好服务保障。",
        "（三）用心用情服务，让老党员感受组织温暖。",
    ],
    "clean": [
        "（五）从严正风肃纪，筑牢廉政防线。",
        "（五）加强党风廉政建设，营造风清气正氛围。",
        "（五）严明纪律规矩，推进全面从严治党。",
    ],
}

STUDY = [
    "坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，认真落实“第一议题”制度，支委会、党员大会首先学习习近平总书记最新重要讲话精神",
    "制定支部年度学习计划，采取集中学习、个人自学、专题辅导、交流研讨相结合的方式，推动理论学习常态化",
    "用好“学习强国”学习平台，定期通报党员学习积分情况，引导党员养成每日学习的习惯",
    "落实意识形态工作责任制，定期分析党员思想动态，牢牢掌握意识形态工作主动权",
    "围绕{focus}开展专题研讨，引导党员联系思想和工作实际谈认识、谈体会、谈打算",
    "支部书记带头学、带头讲，支委结合分管工作领学重点篇目，带动全体党员学深悟透",
]
STUDY_RETIRED = [
    "针对老党员居住分散、行动不便的实际，采取集中学、送学上门、电话传达等方式，确保每名老党员都能及时学习上级精神",
    "为老党员订阅党报党刊，定期发放学习资料，引导老同志跟上时代步伐、坚定理想信念",
    "组织老党员座谈交流，畅谈学习体会和新时代的发展变化，老同志们纷纷表示要听党话、跟党走",
]
CLAIM_JZXX = [
    "{P}组织集中学习{n}，学习内容涵盖党的创新理论、党章党规和业务知识",
    "{P}共组织集中学习{n}，做到有计划、有主题、有记录",
    "通过“三会一课”、主题党日等形式，{P}组织集中学习{n}",
]
CLAIM_XDTH = [
    "党员结合学习撰写心得体会{n}，部分优秀心得在局机关内网进行了交流",
    "引导党员把学习体会形成文字，{P}共撰写心得体会{n}",
    "支部收集整理党员心得体会{n}，择优推荐至机关党总支交流",
]

ORG = [
    "坚持“第一议题”制度和支部委员会集体研究重要事项制度，对发展党员、党费收缴、主题党日安排等事项均经支委会集体讨论决定",
    "落实党务公开制度，按时足额收缴党费，每半年向党员通报一次党费收缴情况",
    "推进支部标准化规范化建设，对照标准梳理完善制度台账，党建档案做到专人管理、及时归档",
    "规范党员组织关系接转，及时更新党员信息，确保党员信息准确完整",
    "落实领导干部双重组织生活制度，局领导以普通党员身份参加支部组织生活",
    "严格执行请假报告制度，对因公未参加组织生活的党员及时安排补学",
]
CLAIM_ZWH_LIST = [
    "严格落实“三会一课”制度，{P}共召开{items}",
    "坚持按期开展组织生活，{P}召开{items}",
    "认真落实“三会一课”制度，{P}累计召开{items}",
]
CLAIM_DK = [
    "支部书记带头讲党课，{P}讲党课{n}",
    "坚持书记讲党课制度，{P}支部书记和委员讲党课{n}",
    "采取书记讲、委员讲、党员讲的方式，{P}讲党课{n}",
]
CLAIM_ZTDR = [
    "规范开展主题党日活动，{P}开展主题党日活动{n}，做到每次活动有主题、有记录、有实效",
    "坚持把主题党日作为党员教育的重要载体，{P}开展主题党日活动{n}",
    "结合重要时间节点，{P}组织开展主题党日活动{n}，增强了组织生活的吸引力",
]
CLAIM_ZZSHH = [
    "认真召开年度组织生活会{n}，会前广泛征求意见、开展谈心谈话，会上党员逐一对照检查，开展批评与自我批评",
    "高质量召开组织生活会{n}，同步开展民主评议党员，评议结果及时向党员反馈",
]

TEAM = [
    "坚持“控制总量、优化结构、提高质量、发挥作用”的总要求，严格履行发展党员工作程序，落实公示制度",
    "加强对入党积极分子的培养教育，为每名积极分子确定两名培养联系人，定期听取思想汇报",
    "注重从业务骨干和青年干部中发展党员，党员队伍结构进一步优化",
    "建立党员积分管理台账，从学习、工作、作风等方面对党员进行量化评价",
    "开展党员示范岗评比，发挥先进典型的示范带动作用",
]
CLAIM_DEV = [
    "{P}发展预备党员{n}",
    "{P}接收预备党员{n}，发展对象均按程序进行了政治审查和公示",
]
CLAIM_ZZ = ["按期转正预备党员{n}", "预备党员按期转正{n}"]
CLAIM_ACT = ["确定入党积极分子{n}", "培养入党积极分子{n}"]
STATE_MEMBERS = [
    "截至{asof}，支部共有党员{m}名",
    "目前支部共有党员{m}名，其中正式党员{f}名",
    "支部现有党员{m}名",
]
STATE_MEMBERS_ALLFULL = ["截至{asof}，支部共有党员{m}名", "支部现有党员{m}名，均为正式党员"]

SPECIAL = {
    "business": [
        "深化“党建+业务”融合，把支部建在项目上，党员在政策研究、规划编制等重点任务中挑大梁、当先锋",
        "开展“党员示范岗”创建活动，在审批服务、项目管理等关键岗位设立党员示范岗，亮身份、亮承诺、亮服务",
        "发挥年轻党员多的优势，组织开展“业务大讲堂”，由业务骨干轮流授课，以学促干提升履职能力",
        "组建青年理论学习小组，以理论水平和业务素质“双提升”为导向，每月开展一次学习交流",
        "围绕优化营商环境，组织党员梳理审批事项和办事流程，推动一批事项压缩办理时限",
        "支部委员带头到基层一线开展调研，形成调研报告，为局党组决策提供参考",
        "创建“攻坚先锋”党建品牌，围绕重点项目组建党员突击队，协调解决项目推进中的难点问题",
    ],
    "service": [
        "以“党员示范窗口”创建为抓手，在政务服务大厅设立党员先锋岗，推行首问负责、一次告知、限时办结",
        "开展“我陪群众走流程”活动，支部党员以办事群众身份体验办事流程，查找堵点难点并推动整改",
        "对接12345热线工单，党员带头认领疑难工单，做到件件有回复、事事有着落",
        "推行帮办代办服务，为老年人、残疾人等特殊群体开辟绿色通道，提供预约和上门服务",
        "创建“暖心窗口”服务品牌，窗口群众满意度保持在较高水平",
        "组织窗口党员开展业务练兵和服务礼仪培训，提升窗口服务标准化水平",
    ],
    "retired": [
        "邀请医院专家为老同志举办健康知识讲座，普及常见病预防和健康养生知识",
        "建立支委分片联系党员制度，通过电话问候、上门看望等方式及时掌握老同志的身体和生活情况",
        "对高龄、患病和行动不便的老党员落实送学上门，确保学习教育不落一人",
        "引导老党员发挥政治优势、经验优势，参与社区治理、关心下一代等工作，老有所为、发挥余热",
        "协助做好老干部政治生活待遇落实工作，及时传达上级有关文件精神",
        "组织老同志开展书画、摄影等文体活动，丰富老党员的精神文化生活",
    ],
}
CLAIM_ZYFW = {
    "business": ["组织青年党员到{community}开展志愿服务活动{n}，用实际行动践行为民服务宗旨"],
    "service": [
        "与{community}开展结对共建，组织党员开展志愿服务活动{n}，内容涵盖政策宣讲、环境整治、关爱老人等",
        "常态化开展“党员进社区”活动，{P}组织志愿服务{n}，党员累计服务群众200余人次",
    ],
    "retired": ["组织身体条件允许的老党员参加社区志愿服务活动{n}，发挥老党员的示范作用"],
}
CLAIM_ZWWH = [
    "在春节、“七一”、重阳节等重要节点走访慰问老党员和生活困难党员，{P}开展走访慰问{n}",
    "坚持节日走访和日常关心相结合，{P}走访慰问老党员{n}，把组织的关怀送到老同志心坎上",
]

CLEAN = [
    "认真落实党风廉政建设责任制，支部书记与党员签订廉洁自律承诺书，把“两个责任”落实到每名党员",
    "常态化学习党章党规和《中国共产党廉洁自律准则》，筑牢拒腐防变的思想防线",
    "严格执行中央八项规定精神，持续纠治“四风”，在重要节日节点前发送廉政提醒",
    "强化党内监督，坚持把纪律和规矩挺在前面，对苗头性、倾向性问题早提醒、早纠正",
    "开展作风纪律专项整治，教育引导党员破除工作陋习，改进工作作风",
]
CLAIM_JSJY = [
    "坚持用身边事教育身边人，{P}开展警示教育活动{n}",
    "{P}开展警示教育{n}，组织党员学习典型案例通报，做到以案为鉴、警钟长鸣",
]
CLAIM_JSJY_FILM = [
    "{P}开展警示教育{n}，组织党员观看警示教育片{film}，学习典型案例通报，做到以案为鉴、警钟长鸣",
]
CLAIM_LZTH = [
    "在重要节日和关键节点前，支部书记与支委、党员开展廉政谈话{n}，提醒大家守住底线",
    "落实谈心谈话制度，{P}开展廉政谈话{n}，做到早提醒、早预防",
]

# ----------------------------------------------------------------- problems
PROBLEMS = {
    "learn": [
        "理论学习的深度还不够。部分党员满足于读原文、记笔记，联系实际思考不够，学用结合不紧密，运用理论指导实践的能力有待提高。",
        "学习的系统性和实效性有待增强。有的党员学习停留在“读了、听了、记了”，对重要论述理解不深不透，学用“两张皮”的现象仍不同程度存在。",
        "理论学习仍有“重形式、轻实效”的倾向。集中学习以领读文件为主，研讨交流不够充分，个别党员学习笔记内容单薄。",
    ],
    "life": [
        "组织生活的质量有待提升。“三会一课”有时存在程序化倾向，主题党日活动形式比较单一，对党员的吸引力不够强。",
        "组织生活形式创新不够。支部活动仍以开会学习为主，结合业务实际开展的活动较少，个别党员参与的积极性不高。",
        "“三会一课”落实的质量还需提高。有的会议议题准备不够充分，讨论不够深入，会议记录还不够规范。",
    ],
    "fuse": [
        "党建与业务融合还不够紧密。有的党员认为党建是支部委员的事，抓党建与抓业务“两张皮”的问题还没有完全解决。",
        "党建引领业务的作用发挥还不充分。支部服务中心工作的载体和抓手不多，党建工作成效在业务工作中体现得还不够明显。",
        "党建和业务工作结合的深度不够，党建品牌的特色还不鲜明，党员示范岗作用发挥不平衡。",
    ],
    "busy": [
        "工学矛盾比较突出。支部党员大多是业务骨干，日常工作任务繁重，集中学习和活动有时难以保证全员参加。",
        "受业务工作繁忙影响，部分党员参加支部活动的时间难以保证，个别活动出现请假人数较多的情况。",
        "业务工作与支部活动时间冲突的问题仍然存在，有的党员因出差、加班缺席集中学习，补学跟进不够及时。",
    ],
    "cmte": [
        "支部委员履职能力有待提高。支委都是各科室负责人，业务工作较多，投入支部工作的精力有限，有的支委对分管工作研究不够。",
        "支委班子作用发挥还不够充分。个别支委对党务工作不够熟悉，工作主要依靠支部书记推动，主动谋划不足。",
        "支部委员分工负责落实得还不够到位，支委之间的沟通协调有待加强，支委会研究问题的深度还不够。",
    ],
    "model": [
        "个别党员的先锋模范意识有待增强，把自己等同于一般干部，在急难险重任务面前主动担当不够。",
        "少数党员的党员意识还不够强，在工作中亮身份、作表率做得还不够，标杆作用不明显。",
        "部分党员争先创优的劲头不足，满足于完成本职工作，主动作为、勇挑重担的精神还需进一步激发。",
    ],
    "dev": [
        "发展党员工作还需加强。入党积极分子的培养教育方式比较单一，培养联系人的作用发挥不够。",
        "对入党积极分子的培养考察还不够细致，思想汇报督促不及时，培养教育的针对性有待增强。",
    ],
    "files": [
        "党建基础工作还不够规范。部分会议记录不够完整，党建资料归档不够及时。",
        "党建档案资料管理有待规范，有的活动记录过于简略，部分材料存在事后补记的情况。",
        "台账资料的规范化程度还不高，个别会议记录要素不全，材料归档存在滞后现象。",
    ],
    "age": [
        "老党员年龄普遍偏大，部分同志身体状况欠佳、行动不便，参加集中学习和组织生活存在困难。",
        "支部党员平均年龄较大，高龄、患病党员较多，集中组织活动的难度逐年加大。",
        "受年龄和身体状况影响，部分老党员难以按时参加集中活动，送学上门的覆盖面还需扩大。",
    ],
    "digital": [
        "运用信息化手段开展学习的能力不足，部分老同志不会使用智能手机，线上学习难以全面覆盖。",
        "部分老党员对智能手机、学习平台使用不熟练，线上学习参与率不高，信息传达主要依靠电话通知。",
    ],
    "elder_role": [
        "发挥老党员作用的平台还不多，老同志参与社区治理、关心下一代等工作的渠道有待拓宽。",
        "老党员发挥余热的载体比较少，部分老同志有参与意愿但缺乏合适的活动平台。",
    ],
    "volunteer": [
        "志愿服务的常态化机制还不健全，活动多集中在节假日和重要节点，服务内容与群众需求对接不够精准。",
        "志愿服务活动的持续性不够，服务项目较为零散，尚未形成有影响力的服务品牌。",
    ],
    "window": [
        "窗口服务质量还有提升空间，个别工作人员服务意识不强，群众对办事等候时间仍有意见。",
        "窗口服务标准化水平还需提高，高峰时段群众等候时间较长，个别事项一次性告知不够到位。",
    ],
    "youth": [
        "青年党员比例较高，理论功底和群众工作经验相对欠缺，在复杂问题面前的处置能力有待提高。",
        "年轻党员思想活跃、业务能力强，但理论学习的主动性和系统性不够，斗争本领还需在实践中锤炼。",
    ],
}
PROBLEM_FAMILIES = {
    "business": ["learn", "life", "fuse", "busy", "cmte", "model", "dev", "files", "youth"],
    "service": ["learn", "life", "fuse", "busy", "cmte", "model", "files", "volunteer", "window"],
    "retired": ["learn", "life", "cmte", "files", "age", "digital", "elder_role"],
}
REASONS = [
    "分析原因，主要是支部对党建工作的重要性认识还不够到位，抓工作的方法创新不够，制度执行还不够严格。",
    "究其原因，既有党员年龄结构、工作性质等客观因素，也有支部工作谋划不够、督促检查不够到位等主观因素。",
    "产生这些问题的原因，主要在于支部班子对新形势下党建工作研究不够深入，日常管理偏软，考核激励机制还不健全。",
]

# ----------------------------------------------------------------- next steps
NEXT = {
    "study": [
        (
            "（一）持续强化理论武装。",
            [
                "坚持“第一议题”制度，及时跟进学习习近平总书记最新重要讲话精神",
                "严格落实年度学习计划，推动集中学习和个人自学相结合，提高学习的针对性和实效性",
                "组织开展专题研讨，引导党员把学习成果转化为推动工作的实际成效",
            ],
        ),
        (
            "（一）坚持不懈抓好学习教育。",
            [
                "以党的创新理论为重点，制定学习计划，持续组织好集中学习",
                "丰富学习形式，用好线上平台和身边的红色资源，增强学习的吸引力",
                "推动党员学用结合，把学习成效体现在解决实际问题上",
            ],
        ),
    ],
    "org": [
        (
            "（二）进一步提高组织生活质量。",
            [
                "严格落实“三会一课”、主题党日、谈心谈话等制度，确保组织生活经常化、规范化",
                "精心设计主题党日活动，增强组织生活的政治性、时代性、原则性、战斗性",
                "规范会议记录和活动台账，做到资料齐全、归档及时",
            ],
        ),
        (
            "（二）持续夯实支部基础工作。",
            [
                "按照支部标准化规范化建设要求，查漏补缺、完善制度",
                "加强支委班子建设，明确委员分工和责任清单，提高支委履职能力",
                "规范党费收缴管理和党员信息维护工作",
            ],
        ),
    ],
    "clean": [
        (
            "（四）持续加强党风廉政建设。",
            [
                "严格落实全面从严治党主体责任，把纪律和规矩挺在前面",
                "坚持在重要节点前开展廉政提醒，持续纠治“四风”",
                "教育党员严守政治纪律和政治规矩，营造风清气正的良好氛围",
            ],
        ),
        (
            "（四）从严从实抓好作风纪律建设。",
            [
                "认真落实中央八项规定精神，坚决反对形式主义、官僚主义",
                "加强对党员的日常教育管理和监督，做到抓早抓小",
                "推动党风廉政建设各项任务落到实处",
            ],
        ),
    ],
    "special_business": [
        (
            "（三）推动党建与业务深度融合。",
            [
                "围绕局党组中心工作谋划党建活动，深化党员示范岗创建",
                "发挥党员先锋队在重点项目中的攻坚作用",
                "加强青年党员培养，为青年干部成长搭建平台",
            ],
        ),
    ],
    "special_service": [
        (
            "（三）持续深化为民服务。",
            [
                "深化“党员示范窗口”创建，推动窗口服务标准化、规范化、便利化",
                "推动志愿服务常态化，打造特色服务项目",
                "畅通群众意见反馈渠道，及时回应群众关切",
            ],
        ),
    ],
    "special_retired": [
        (
            "（三）做好老党员服务管理。",
            [
                "坚持节日走访和日常关心相结合，及时了解老同志的身体和生活情况",
                "扩大送学上门覆盖面，帮助老同志学会使用手机学习",
                "搭建老党员发挥作用的平台，引导老同志在社区治理中发挥余热",
            ],
        ),
    ],
}
# concrete commitments, checked against the next period's records
PROMISE = {
    "jsjy": [
        "组织开展一次警示教育活动，用身边事教育身边人",
        "结合典型案例开展警示教育，引导党员知敬畏、存戒惧、守底线",
    ],
    "lzth": ["在重要节日前由支部书记开展廉政谈话，提醒党员守住底线"],
    "zyfw": ["组织党员到结对社区开展志愿服务", "继续开展“党员进社区”志愿服务活动"],
    "zwwh": ["做好节日期间走访慰问老党员和生活困难党员工作"],
    "zzshh": ["认真开好年度组织生活会，开展民主评议党员"],
    "dk": ["由支部书记围绕学习重点讲一次专题党课"],
    "fz_js": ["做好发展对象{dev_name}同志的接收工作，严格履行发展程序"],
    "fz_zz": ["做好预备党员{zz_name}同志的转正工作"],
    "fz_act": ["从递交入党申请书的同志中择优确定入党积极分子"],
    "elect": ["按期做好支部委员会换届选举工作"],
}
UNKEPT = [
    "组织党员到红色教育基地开展一次现场教学",
    "开展一次党务知识测试，以考促学",
    "推动建设支部党员活动阵地，完善活动室功能",
    "开展“身边的榜样”评选活动，选树一批先进典型",
    "建立党员志愿服务积分制度",
    "编印支部党建工作手册",
]

CLOSE = [
    "下一步，{org}将在机关党总支的坚强领导下，坚持问题导向，补短板、强弱项，推动支部建设不断迈上新台阶。",
    "{org}将以更加昂扬的精神状态、更加务实的工作作风，推动各项党建工作落地见效。",
    "",
    "",
]


def _count_phrase(ctx, n, unit="次"):
    return ctx.num(n, unit)


# ------------------------------------------------- how else branches write it
# Chosen with a generator of their own (``_variety``), so that the claims each summary
# makes, and every other random choice of the archive, stay what they were.
#
# The count before the activity (组织了10次集中学习, 为2名预备党员办理转正手续).
VARIANTS = {
    "集中学习": ["{P}先后组织了{n}集中学习，学习内容紧扣党的创新理论和业务知识"],
    "心得体会": ["党员结合学习共撰写了{n}心得体会，支部择优在内网刊发"],
    "党课": ["{P}支部书记结合学习重点带头讲了{n}专题党课"],
    "主题党日": ["围绕重要时间节点，{P}组织了{n}主题党日活动，做到一次一主题"],
    "警示教育": ["以案为鉴、以案促改，{P}组织党员开展了{n}警示教育"],
    "转正": ["按程序为{n}预备党员办理了转正手续"],
    "入党积极分子": ["将{n}青年骨干确定为入党积极分子"],
}
# Figures that are not work done in the period: a plan, a rule, a stock, a change.
DECOY_H1 = [
    "下半年计划再召开{k}次支委会，重点研究发展党员和支部换届工作",
    "下半年计划组织党员赴红色教育基地开展现场教学{k2}次",
]
DECOY_Y = ["{y1}年计划召开支委会{k}次，专题研究党建重点工作", "{y1}年拟组织党员赴红色教育基地开展现场教学{k2}次"]
DECOY_ANY = [
    "坚持每月至少召开1次支委会，遇重要事项随时召开",
    "截至{asof}，支部累计建成党员示范岗{k2}个",
    "主题党日活动的参与人数较上年同期增加{k3}人次",
]


def _variety(org, year, half):
    return random.Random(f"summary-variety|{org.name}|{year}|{half}")


def _meetings_text(vrng, meetings, nums, written, default):
    """The meetings held, as branches write them: 召开支委会6次、党员大会2次 (``default``) /
    召开了6次支委会、2次党员大会 / 召开支委会、党员大会各2次 (when the counts agree).
    ``written`` are the counts as words (6次, 两次)."""
    r = vrng.random()
    if len(meetings) > 1 and len(set(nums)) == 1 and len(set(written)) == 1 and r < 0.6:
        return default.split("召开")[0] + f"召开{'、'.join(meetings)}各{written[0]}"
    if r < 0.35:
        return default.split("召开")[0] + "召开了" + "、".join(w + m for w, m in zip(written, meetings))
    return default


def _decoy(ctx, vrng, annual, year):
    if vrng.random() < 0.3:
        return None
    pool = (DECOY_Y if annual else DECOY_H1) + DECOY_ANY
    return ctx.fill(
        vrng.choice(pool),
        k=vrng.randint(4, 8),
        k2=vrng.randint(2, 4),
        k3=vrng.randint(10, 40),
        y1=year + 1,
        asof="年底" if annual else "6月底",
    )


def compose_summary(
    org, year, half, counts, claim_set, next_recs, problems, asof_roster, summary_date, rng, promises_out, facts=None
):
    """Blocks of a 半年/年度总结.

    counts: {indicator: number to claim}; claim_set: indicators to claim.
    next_recs: records of the next period (for commitments).
    problems: list of (family, variant) chosen for this summary.
    """
    annual = half is None
    facts = facts or {}
    P = f"{year}年" if annual else "上半年"
    P_full = f"{year}年" if annual else f"{year}年上半年"
    th = T.YEARS[year]
    focus = th["focus"][2] if annual and th["focus"].get(2) else th["focus"][1]
    from .names import COMMUNITIES, RED_SITES

    ctx = Ctx(
        rng,
        dict(
            org=org.name,
            P=P_full,
            Pshort="全年" if annual else "上半年",
            focus=focus,
            community=rng.choice(COMMUNITIES),
            red_site=rng.choice(RED_SITES),
            film=th["film"],
            y=year,
            y1=year + 1,
        ),
    )
    ctx.slots["kindclause"] = ctx.pick(KINDCLAUSE[org.kind])
    Pp = "全年" if annual else "上半年"
    blocks = [("title", f"{org.name}{year}年{'度' if annual else '上半年'}党建工作总结")]
    blocks.append(("p", ctx.pick(OPEN)))
    blocks.append(("h1", ctx.fill(ctx.pick(SEC1_Y if annual else SEC1_H1))))
    claims = set(claim_set)
    vrng = _variety(org, year, half)

    def claim(ind, pool, unit="次", **kw):
        if ind in claims and counts.get(ind):
            claims.discard(ind)
            n = ctx.num(counts[ind], unit)
            text = ctx.pick(pool, n=n, P=Pp, **kw)
            if ind in VARIANTS and vrng.random() < 0.4:
                text = ctx.fill(vrng.choice(VARIANTS[ind]), n=n, P=Pp, **kw)
            return text
        return None

    rich = RICH["level"]

    def sect(head, dom, items):
        lead = ctx.pick(SUM_LEAD[dom]) if (rich > 1 or rng.random() < 0.6) else ""
        eff = ctx.pick(SUM_EFFECT[dom]) if (rich > 1 or rng.random() < 0.5) else ""
        if vrng.random() < 0.25:
            head = head.rstrip("。") + " "  # （一）加强理论武装 一是……: the heading runs on after a space
        return clean(head + lead + yishi(items) + eff)

    def arrange(cl, fill, lo=3 + (RICH["level"] > 1)):
        out = []
        fill = list(fill)
        if fill and rng.random() < 0.45:
            out.append(fill.pop(0))
        out += cl
        while fill and len(out) < max(lo, 2) and len(out) < 5:
            out.append(fill.pop(0))
        return out

    # (一) study
    theme_sent = (th["sum"][2] + th["sum"][1][:1]) if (annual and th["sum"][2]) else th["sum"][1]
    parts = ctx.picks(theme_sent, 2 if len(theme_sent) > 1 else 1)
    base = STUDY + (STUDY_RETIRED if org.kind == "retired" else [])
    c = claim("集中学习", CLAIM_JZXX)
    parts.append(ctx.pick(base) + ("，" + c if c else ""))
    c = claim("心得体会", CLAIM_XDTH, "篇")
    if c:
        parts.append(ctx.pick(base) + "，" + c)
    if rich > 1:
        parts.append(ctx.pick(base))
    blocks.append(("p", sect(ctx.pick(HEAD["study"]), "study", parts)))

    # (二) organisation
    cl = []
    items, meetings, written = [], [], []
    for ind in ("支委会", "党员大会", "党小组会"):
        if ind in claims and counts.get(ind):
            written.append(ctx.num(counts[ind]))
            items.append(ind + written[-1])
            meetings.append(ind)
            claims.discard(ind)
    if items:
        default = ctx.pick(CLAIM_ZWH_LIST, items="、".join(items), P=Pp)
        cl.append(_meetings_text(vrng, meetings, [counts[m] for m in meetings], written, default))
    for ind, pool, unit in (
        ("党课", CLAIM_DK, rng.choice(["次", "人次"])),
        ("主题党日", CLAIM_ZTDR, "次"),
        ("组织生活会", CLAIM_ZZSHH, "次"),
    ):
        c = claim(ind, pool, unit)
        if c:
            cl.append(c)
    head = ctx.pick(HEAD["org"])  # (before the fill: the order of random draws is the archive's)
    fill = ctx.picks(ORG, 3)
    items = arrange(cl, fill)
    decoy = _decoy(ctx, vrng, annual, year)
    if decoy:
        items.insert(vrng.randint(1, len(items)), decoy)
    blocks.append(("p", sect(head, "org", items)))

    # (三) team (not for the retired branch)
    if org.kind != "retired":
        devs = []
        for ind, pool in (("发展预备党员", CLAIM_DEV), ("转正", CLAIM_ZZ), ("入党积极分子", CLAIM_ACT)):
            c = claim(ind, pool, "名")
            if c:
                devs.append(c)
        cl = [ctx.pick(TEAM[:1]) + "，" + "，".join(devs)] if devs else []
        roster = asof_roster
        full = sum(1 for p in roster if p.status(summary_date) == "正式党员")
        fill = ctx.picks(TEAM[1:], 2)
        fill.insert(
            1,
            ctx.pick(
                STATE_MEMBERS if full < len(roster) else STATE_MEMBERS_ALLFULL,
                asof="6月底" if not annual else "年底",
                m=len(roster),
                f=full,
            ),
        )
        blocks.append(("p", sect(ctx.pick(HEAD["team"]), "team", arrange(cl, fill))))
    # special
    cl = []
    c = claim("走访慰问", CLAIM_ZWWH)
    if c:
        cl.append(c)
    c = claim("志愿服务", CLAIM_ZYFW[org.kind])
    if c:
        cl.append(c)
    fill = ctx.picks(SPECIAL[org.kind], 3)
    if org.kind == "retired":
        fill.insert(1, ctx.pick(STATE_MEMBERS_ALLFULL, asof="6月底" if not annual else "年底", m=len(asof_roster)))
    blocks.append(
        (
            "p",
            sect(
                ctx.pick(HEAD["special_" + org.kind]),
                "special_retired" if org.kind == "retired" else "special",
                arrange(cl, fill),
            ),
        )
    )
    # clean
    cl = []
    c = claim("警示教育", CLAIM_JSJY_FILM if facts.get("film") else CLAIM_JSJY)
    if c:
        cl.append(c)
    c = claim("廉政谈话", CLAIM_LZTH)
    if c:
        cl.append(c)
    fill = ctx.picks(CLEAN, 3)
    if year in (2024, 2025):
        fill.insert(0, ctx.pick(th["sum"][1]))
    hc = ctx.pick(HEAD["clean"])
    if org.kind == "retired":
        hc = hc.replace("（五）", "（四）")
    blocks.append(("p", sect(hc, "clean", arrange(cl, fill))))
    assert not claims, f"unplaced claims {claims}"

    # 二、problems
    blocks.append(("h1", ctx.pick(SEC2)))
    for i, (fam, v) in enumerate(problems):
        blocks.append(("p", f"{'一二三四'[i]}是{PROBLEMS[fam][v]}"))
    if rng.random() < 0.35:
        blocks.append(("p", ctx.pick(REASONS)))

    # 三、next
    blocks.append(("h1", ctx.fill(ctx.pick(SEC3_Y if annual else SEC3_H1))))
    kinds_next = {r.kind for r in next_recs}
    promises = []
    for k in ("jsjy", "zyfw", "zwwh", "zzshh", "dk", "lzth"):
        if k in kinds_next and rng.random() < 0.5:
            promises.append((k, ctx.pick(PROMISE[k]), True))
    dev_js = [r for r in next_recs if r.kind == "fz_js"]
    if dev_js and rng.random() < 0.8:
        promises.append(("fz_js", ctx.fill(PROMISE["fz_js"][0], dev_name=dev_js[0].info["case"].person.name), True))
    dev_zz = [r for r in next_recs if r.kind == "fz_zz"]
    if dev_zz and rng.random() < 0.6:
        promises.append(("fz_zz", ctx.fill(PROMISE["fz_zz"][0], zz_name=dev_zz[0].info["case"].person.name), True))
    if any(r.kind == "elect" for r in next_recs):
        promises.append(("elect", PROMISE["elect"][0], True))
    if rng.random() < 0.6:
        promises.append(("unkept", ctx.pick(UNKEPT), False))
    for k in ("jsjy", "zyfw", "zwwh"):
        if (
            k not in kinds_next
            and rng.random() < 0.25
            and (k != "zwwh" or org.kind == "retired")
            and (k != "zyfw" or org.kind == "service")
        ):
            promises.append((k, ctx.pick(PROMISE[k]), False))
    promises_out.extend(promises)
    by_sec = {"study": [], "org": [], "special": [], "clean": []}
    for k, text, _ in promises:
        sec = {
            "jsjy": "clean",
            "lzth": "clean",
            "zyfw": "special",
            "zwwh": "special",
            "zzshh": "org",
            "dk": "study",
            "fz_js": "org",
            "fz_zz": "org",
            "elect": "org",
            "unkept": rng.choice(["org", "special"]),
        }.get(k, "org")
        by_sec[sec].append(text)
    nxt_theme = th["next"][2 if annual else 1]
    secs = [
        ("study", NEXT["study"]),
        ("org", NEXT["org"]),
        ("special", NEXT["special_" + org.kind]),
        ("clean", NEXT["clean"]),
    ]
    for i, (sec, pool) in enumerate(secs):
        head, sents = ctx.pick(pool)
        head = "（" + "一二三四"[i] + "）" + head.split("）", 1)[1]
        body = list(sents)
        rng.shuffle(body)
        body = body[:2]
        if sec == "study" and nxt_theme:
            body.insert(0, nxt_theme[0])
        body += by_sec[sec]
        blocks.append(("p", clean(head + "；".join(body) + "。")))
    cl = ctx.pick(CLOSE)
    if cl:
        blocks.append(("p", cl))
    blocks.append(("right", org.name))
    blocks.append(("right", cn_date(summary_date) if rng.random() < 0.35 else fmt_date(summary_date)))
    return blocks


def choose_claims(rng, counts, forced, kind):
    """5–10 indicators with a positive count (fewer only if fewer exist), always including forced ones."""
    avail = [k for k, v in counts.items() if v > 0]
    prio = [
        "支委会",
        "党员大会",
        "主题党日",
        "集中学习",
        "党课",
        "党小组会",
        "组织生活会",
        "警示教育",
        "发展预备党员",
        "心得体会",
        "转正",
        "入党积极分子",
        "志愿服务",
        "走访慰问",
        "廉政谈话",
    ]
    chosen = set(k for k in forced if k in counts)
    pool = [k for k in prio if k in avail and k not in chosen]
    want = min(len(pool) + len(chosen), rng.randint(6, 9))
    skipped = []
    for k in pool:
        if len(chosen) >= want:
            break
        if rng.random() < 0.8:
            chosen.add(k)
        else:
            skipped.append(k)
    for k in skipped:
        if len(chosen) >= max(5, want - 1):
            break
        chosen.add(k)
    return chosen


def pick_problems(rng, kind, prev):
    """2–4 problems; carry over one or two from the previous period, reworded."""
    fams = PROBLEM_FAMILIES[kind]
    k = rng.randint(2, 4)
    out = []
    if prev:
        carry = [p for p in prev if rng.random() < 0.65][:2]
        for fam, v in carry:
            nv = [i for i in range(len(PROBLEMS[fam])) if i != v]
            out.append((fam, rng.choice(nv)))
    rest = [f for f in fams if f not in {f for f, _ in out} and f not in {f for f, _ in (prev or [])}]
    rng.shuffle(rest)
    while len(out) < k and rest:
        f = rest.pop()
        out.append((f, rng.randrange(len(PROBLEMS[f]))))
    rng.shuffle(out)
    return out


# ------------------------------------------------------------------ plans
PLAN_OPEN = [
    "为深入贯彻落实机关党总支{y}年党建工作要点，进一步加强支部建设，充分发挥支部战斗堡垒作用和党员先锋模范作用，结合支部实际，制定本计划。",
    "根据机关党总支工作部署，结合{org}实际，现就{y}年党建工作制定如下计划。",
    "为扎实做好{y}年支部党建工作，推动党建工作与中心工作深度融合，特制定本工作计划。",
]
PLAN_GOALS = [
    "全年计划召开支委会不少于{zwh}次、党员大会不少于{dydh}次，支部书记全年至少讲一次党课，结合重要时间节点开展主题党日活动。",
    "坚持“三会一课”制度，计划召开支委会{zwh}次以上、党员大会{dydh}次以上；组织集中学习每月不少于一次；按要求召开组织生活会、开展民主评议党员。",
    "确保支部组织生活规范有序，按期召开支委会和党员大会，全年组织集中学习不少于{jzxx}次，根据工作需要适时召开党小组会。",
]
PLAN_GOALS_DEV = [
    "计划培养入党积极分子一至两名，做好发展对象的培养考察工作，确保发展党员质量。",
    "严格按照程序做好发展党员工作，成熟一个、发展一个，不搞突击发展。",
]
PLAN_GOALS_RET = [
    "确保每名老党员每月至少参加一次组织生活或接受一次送学上门，重要节日走访慰问覆盖全体高龄党员和生活困难党员。",
]
PLAN_TASK = {
    "study": (
        "（一）加强思想政治建设",
        [
            "坚持把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，落实“第一议题”制度。",
            "制定年度学习计划，明确每月学习主题，支部书记、支委轮流领学。",
            "用好“学习强国”等学习平台，推动党员日常学习常态化。",
            "落实意识形态工作责任制，每半年分析一次党员思想动态。",
        ],
    ),
    "org": (
        "（二）加强支部组织建设",
        [
            "严格落实“三会一课”、主题党日、组织生活会、民主评议党员、谈心谈话等制度。",
            "推进支部标准化规范化建设，完善党建工作台账，及时整理归档党建资料。",
            "按时足额收缴党费，每半年公示一次党费收缴情况。",
            "加强支委班子自身建设，明确委员分工，定期研究支部工作。",
        ],
    ),
    "team": (
        "（三）加强党员队伍建设",
        [
            "坚持发展党员工作标准和程序，加强对入党积极分子的培养教育。",
            "加强党员日常教育管理，落实党员积分管理制度。",
            "关心关爱党员，做好困难党员、老党员的走访慰问工作。",
        ],
    ),
    "clean": (
        "（四）加强党风廉政建设",
        [
            "认真落实党风廉政建设责任制，签订党风廉政建设责任书和廉洁自律承诺书。",
            "结合典型案例开展警示教育，在重要节点前开展廉政提醒。",
            "严格执行中央八项规定精神，坚决纠治“四风”。",
        ],
    ),
    "special_business": (
        "（五）推动党建业务融合",
        [
            "深化党员示范岗创建，在重点项目中组建党员先锋队。",
            "组织开展“业务大讲堂”，提升党员干部履职能力。",
            "加强青年党员培养，搭建青年干部成长平台。",
        ],
    ),
    "special_service": (
        "（五）打造为民服务品牌",
        [
            "深化“党员示范窗口”创建，推行首问负责、一次告知、限时办结。",
            "与结对社区开展共建，常态化开展志愿服务活动。",
            "对接群众诉求，推动解决一批群众反映集中的问题。",
        ],
    ),
    "special_retired": (
        "（五）做好老党员服务管理",
        [
            "坚持节日走访和日常关心相结合，及时了解老同志身体和生活情况。",
            "对行动不便的老党员落实送学上门。",
            "组织健康讲座和文体活动，丰富老同志精神文化生活。",
            "搭建平台，引导老党员在社区治理、关心下一代等方面发挥余热。",
        ],
    ),
}
PLAN_GUARANTEE = [
    "（一）加强组织领导。支部书记履行第一责任人职责，支委按照分工抓好落实，形成一级抓一级、层层抓落实的工作格局。",
    "（二）强化督促检查。支部每季度对照计划检查一次工作进展，对落实不到位的及时督促整改。",
    "（三）注重宣传引导。及时总结推广支部工作中的好经验好做法，选树先进典型，营造比学赶超的良好氛围。",
    "（四）加强经费保障。按规定用好党费和党建工作经费，为支部活动开展提供必要保障。",
]


def compose_plan(org, year, plan_date, rng, expected):
    th = T.YEARS[year]
    ctx = Ctx(rng, dict(org=org.name, y=year))
    blocks = [("title", f"{org.name}{year}年党建工作计划"), ("p", ctx.pick(PLAN_OPEN))]
    blocks.append(("h1", "一、指导思想"))
    blocks.append(("p", ctx.pick(th["guide"])))
    blocks.append(("h1", "二、工作目标"))
    g = ctx.pick(PLAN_GOALS, zwh=expected.get("zwh", 6), dydh=expected.get("dydh", 2), jzxx=expected.get("jzxx", 6))
    extra = ctx.pick(PLAN_GOALS_RET if org.kind == "retired" else PLAN_GOALS_DEV)
    blocks.append(("p", g + extra))
    blocks.append(("h1", "三、主要任务"))
    keys = ["study", "org", "team", "clean", "special_" + org.kind]
    if org.kind == "retired":
        keys.remove("team")
    theme_tasks = ctx.picks(th["plan_task"], 2)
    for i, k in enumerate(keys):
        head, sents = PLAN_TASK[k]
        head = "（" + "一二三四五六"[i] + "）" + head.split("）", 1)[1]
        body = ctx.picks(sents, min(3, len(sents)))
        if k == "study":
            body = theme_tasks[:1] + body
        if k == "org" and len(theme_tasks) > 1:
            body.append(theme_tasks[1])
        blocks.append(("h2", head))
        blocks.append(("p", "".join(body)))
    blocks.append(("h1", "四、保障措施"))
    for g in ctx.picks(PLAN_GUARANTEE, 3):
        blocks.append(("p", g))
    blocks.append(("right", org.name))
    blocks.append(("right", fmt_date(plan_date)))
    # renumber guarantee paragraphs
    n = 0
    for i, b in enumerate(blocks):
        if b[0] == "p" and b[1][:1] == "（" and b[1][2:3] == "）" and blocks_index_after(blocks, i, "四、保障措施"):
            b2 = "（" + "一二三四"[n] + "）" + b[1][3:]
            blocks[i] = ("p", b2)
            n += 1
    return blocks


def blocks_index_after(blocks, i, heading):
    for j in range(i, -1, -1):
        if blocks[j][0] == "h1":
            return blocks[j][1] == heading
    return False


# ------------------------------------------------------------------ 述职报告
SZ_PARTS = {
    "duty": [
        "本人作为支部书记，始终牢记抓党建是第一责任，坚持把党建工作与业务工作同谋划、同部署、同检查，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。",
        "一年来，本人认真履行党建工作第一责任人职责，带头落实“三会一课”制度，带头讲党课，带头参加双重组织生活，带头开展谈心谈话。",
        "坚持以上率下，在学习上带头、在工作上带头、在遵规守纪上带头，推动支部各项工作落到实处。",
    ],
    "work": [
        "在思想建设方面，坚持把政治建设摆在首位，组织党员深入学习{focus}，推动学习常态化、制度化。",
        "在组织建设方面，严格落实支部工作条例，规范组织生活，认真做好党员发展、党费收缴、党员信息管理等基础工作。",
        "在作风建设方面，严格执行中央八项规定精神，带头转变作风，支部党员服务意识明显增强。",
        "在融合发展方面，围绕中心工作开展党建活动，引导党员在重点工作中当先锋、作表率。",
        "全年按时足额收缴党费，党费收缴和使用情况按规定向党员公开。",
    ],
    "problem": [
        "一是抓党建的精力投入还不够。作为支部书记，本人同时承担业务工作，有时存在重业务、轻党建的倾向，对支部工作研究谋划不够深入。",
        "二是创新意识不够强。组织生活的形式还比较传统，在运用新媒体开展党员教育方面探索不够。",
        "三是对党员的日常管理还不够精细。与党员谈心谈话的针对性有待加强，对党员思想动态的掌握还不够及时。",
        "二是履行“一岗双责”还有差距。对党员的教育提醒多停留在会议上，日常监督不够经常。",
    ],
    "next": [
        "一是进一步压实责任，把抓党建作为最大的政绩，每季度专题研究一次支部工作。",
        "二是进一步创新方法，丰富组织生活形式，提高党员教育的吸引力和实效性。",
        "三是进一步加强队伍建设，加强对支委和党员的教育管理，带出一支过硬的党员队伍。",
        "三是进一步强化监督，坚持抓早抓小，营造风清气正的良好氛围。",
    ],
}


SZ_RETIRED = {
    "duty": [
        "本人作为离退休干部党支部书记，虽已退休多年，但始终牢记党员身份，把为老党员服务、带领老同志跟党走作为自己的责任。",
        "一年来，本人坚持带头参加组织生活，带头讲党课，带头走访慰问老党员，认真履行支部书记职责。",
    ],
    "work": [
        "在思想建设方面，坚持组织老党员学习{focus}，对行动不便的同志落实送学上门。",
        "在组织建设方面，按期召开支委会、党员大会，规范开展主题党日活动，做好党费收缴和党员信息管理工作。",
        "在服务管理方面，坚持节日走访和日常关心相结合，及时了解老同志的身体和生活情况。",
        "全年按时足额收缴党费，党费收缴情况按规定向党员公开。",
    ],
    "problem": [
        "一是受年龄和身体原因影响，本人深入党员家中走访的次数还不够多，对部分居住较远的老同志了解不够及时。",
        "二是组织生活形式比较单一，运用信息化手段开展学习的能力不足。",
        "三是发挥老党员作用的平台还不多，引导老同志参与社区治理做得还不够。",
    ],
    "next": [
        "一是进一步加强学习，带领老同志跟上时代步伐。",
        "二是进一步做好服务，把组织的关心送到每一名老党员身边。",
        "三是进一步搭建平台，引导老党员发挥余热。",
    ],
}


def compose_shuzhi(org, year, d, secretary, rng):
    th = T.YEARS[year]
    ctx = Ctx(rng, dict(org=org.name, focus=th["focus"][2] or th["focus"][1]))
    if org.kind == "retired":
        blocks = [
            ("title", f"{org.name}书记{year}年度抓基层党建工作述职报告"),
            ("subtitle", f"{org.name}书记 {secretary}"),
        ]
        blocks.append(("p", f"按照机关党总支的安排，现将本人{year}年度履行支部书记职责情况报告如下，请予评议。"))
        blocks.append(("h1", "一、履行职责情况"))
        blocks += [("p", ctx.fill(x)) for x in SZ_RETIRED["duty"] + SZ_RETIRED["work"]]
        blocks.append(("p", ctx.pick(th["sum"][2] or th["sum"][1]) + "。"))
        blocks.append(("h1", "二、存在的问题"))
        blocks += [("p", x) for x in SZ_RETIRED["problem"]]
        blocks.append(("h1", "三、下一步打算"))
        blocks += [("p", x) for x in SZ_RETIRED["next"]]
        blocks.append(("right", f"述职人：{secretary}"))
        blocks.append(("right", fmt_date(d)))
        return blocks
    blocks = [("title", f"{org.name}书记{year}年度抓基层党建工作述职报告"), ("subtitle", f"{org.name}书记 {secretary}")]
    blocks.append(("p", f"按照机关党总支的安排，现将本人{year}年度履行基层党建工作责任制情况报告如下，请予评议。"))
    blocks.append(("h1", "一、履行抓党建工作责任情况"))
    blocks += [("p", s) for s in ctx.picks(SZ_PARTS["duty"], 2)]
    blocks += [("p", ctx.fill(s)) for s in ctx.picks(SZ_PARTS["work"], 3)]
    blocks.append(("p", ctx.pick(th["sum"][2] or th["sum"][1]) + "。"))
    blocks.append(("h1", "二、存在的问题及原因"))
    probs = [SZ_PARTS["problem"][0]] + ctx.picks(SZ_PARTS["problem"][1:], 2)
    probs[1] = "二" + probs[1][1:]
    probs[2] = "三" + probs[2][1:]
    blocks += [("p", s) for s in probs]
    blocks.append(("h1", "三、下一步工作思路"))
    nx = [SZ_PARTS["next"][0], SZ_PARTS["next"][1], ctx.pick(SZ_PARTS["next"][2:])]
    blocks += [("p", s) for s in nx]
    blocks.append(("right", f"述职人：{secretary}"))
    blocks.append(("right", fmt_date(d)))
    return blocks
