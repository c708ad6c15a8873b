"""The campaign of the demo county as it stands on the demo day, 2014-05-15.

``build(index, root, accounts, members)`` runs once a county's accounts exist. For the
first county it sets up the campaign (three phases, nine wave plans, the speech's eight
requirements) and freezes the portal's date; for every county it writes the units'
submitted items with their versions and history, and the supervision groups' activities,
all in bulk.

Each item is stepped in memory by ``Sim``, which changes exactly the fields the review
services (``campaign.review.services``) change and writes the history rows they write, so
the bulk rows are the ones the services would have written. On the demo day wave 1
(county organs) is deep in phase 2, wave 2 (towns) finishing phase 1, and wave 3
(villages, enterprises) just starting.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from campaign.history.models import HistoryEntry
from campaign.org.models import UnitKind
from campaign.review.models import (
    ACCEPTANCE_CHECKS,
    Level,
    Reason,
    ReviewItem,
    ReviewVersion,
    State,
)

BATCH = 1000
TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date
TODAY = D(2014, 5, 15)  # the portal's "today" in the demo (Campaign.frozen_on)
LAST_DAY = D(2014, 5, 14)  # nothing in the demo happens later than the evening before
CAMPAIGN_NAME = "垦利县党的群众路线教育实践活动"
STARTS_ON, ENDS_ON = D(2014, 2, 28), D(2014, 9, 30)
SET_UP_AT = datetime.datetime(2014, 2, 27, 16, 30, tzinfo=TZ)
PLANS = {
    (1, 1): (D(2014, 3, 1), D(2014, 4, 15)),
    (2, 1): (D(2014, 4, 10), D(2014, 6, 10)),
    (3, 1): (D(2014, 6, 1), D(2014, 8, 31)),
    (1, 2): (D(2014, 3, 20), D(2014, 5, 5)),
    (2, 2): (D(2014, 5, 1), D(2014, 6, 30)),
    (3, 2): (D(2014, 6, 20), D(2014, 9, 10)),
    (1, 3): (D(2014, 5, 1), D(2014, 6, 15)),
    (2, 3): (D(2014, 6, 10), D(2014, 7, 31)),
    (3, 3): (D(2014, 7, 20), D(2014, 9, 25)),
}
ACCEPTANCE_TITLE = "学习教育、听取意见环节验收申请"

DRAFT, IN_REVIEW, SENT_BACK, PASSED = (s.value for s in State)
HEAD, GROUP, OFFICE = Level.HEAD.value, Level.GROUP.value, Level.OFFICE.value
# The requirements setup_campaign makes, by their Requirement.order.
STUDY, COVERAGE, OPINIONS, MATERIAL, MEETING = range(5)
PHASE_ONE = (STUDY, COVERAGE, OPINIONS)
ACCEPTANCE = "acceptance"


class Spec(NamedTuple):
    """Where an item stands on the demo day: its state, the level it waits at, the levels
    it was sent back at (in order), and the revisions since the last send-back (or, for a
    draft, since it was created)."""

    state: str
    level: str = ""
    backs: tuple = ()
    revised: int = 0


def passed(*backs):
    return Spec(PASSED, "", backs)


def waiting(level, *backs):
    return Spec(IN_REVIEW, level, backs)


def sent_back(*backs, revised=0):
    return Spec(SENT_BACK, "", backs, revised)


def draft(revised=0):
    return Spec(DRAFT, "", (), revised)


# Wave 2, town by town: phase 1 mostly signed off or in review, a few overdue with nothing
# submitted, acceptance requested by two. 胜坨镇 (the demo secretary's town, group 1) has
# one of each: signed off, sent back, waiting at the group, waiting at its head, not begun.
TOWNS = {
    "垦利街道": {STUDY: passed(), COVERAGE: passed(), OPINIONS: passed(GROUP), MATERIAL: draft()},
    "兴隆街道": {STUDY: passed(), COVERAGE: passed(), OPINIONS: waiting(GROUP)},
    "胜坨镇": {
        STUDY: passed(GROUP),
        COVERAGE: waiting(GROUP),
        OPINIONS: sent_back(HEAD, GROUP),
        MATERIAL: waiting(HEAD),
    },
    "郝家镇": {STUDY: passed(), COVERAGE: waiting(GROUP), OPINIONS: waiting(HEAD, HEAD)},
    "永安镇": {STUDY: passed(), COVERAGE: passed(), OPINIONS: passed(), MATERIAL: draft(1)},
    "黄河口镇": {STUDY: passed(), COVERAGE: waiting(GROUP)},
    "董集乡": {STUDY: waiting(GROUP, HEAD)},
}
TOWN_ACCEPTANCES = {"垦利街道": waiting(GROUP), "永安镇": waiting(GROUP)}

# Wave 1: 72 % of the organs finished phase 1 cleanly; the rest drag on one item or more.
PHASE_ONE_DONE = 0.72
PHASE_ONE_CLEAN = [(88, passed()), (8, passed(GROUP)), (4, passed(HEAD))]
PHASE_ONE_DRAGGING = [
    (45, passed()),
    (15, waiting(HEAD)),
    (15, waiting(GROUP)),
    (10, waiting(GROUP, GROUP)),
    (8, sent_back(GROUP)),
    (7, sent_back(HEAD, revised=1)),
]
ACCEPTANCE_SPECS = [
    (80, passed()),
    (4, passed(GROUP)),
    (9, waiting(OFFICE)),
    (3, waiting(GROUP)),
    (2, sent_back(GROUP)),
    (2, None),
]
WAVE_THREE = [(64, None), (12, draft()), (10, waiting(HEAD)), (13, waiting(GROUP))]
WAVE_THREE.append((1, sent_back(HEAD)))


def pick(rng, table):
    """One value of ``table`` [(weight, value), ...], drawn by weight."""
    r, total = rng.random() * sum(w for w, _ in table), 0
    for weight, value in table:
        total += weight
        if r < total:
            return value
    return table[-1][1]


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), TZ)


def moments(rng, lo, hi, n):
    """``n`` strictly increasing datetimes in office hours on the days ``lo``..``hi``."""
    hi = max(lo, min(hi, LAST_DAY))
    span = (hi - lo).days
    slots = set()
    while len(slots) < n:
        slots.add((rng.randint(0, span), rng.randrange(8 * 60 + 30, 17 * 60 + 50, 5)))
    return [at(lo + datetime.timedelta(days=d), m // 60, m % 60) for d, m in sorted(slots)]


def steps_to(spec, levels):
    """The steps that bring a new item to ``spec``: create, revise, submit, pass, back."""
    steps = ["create"]
    if spec.state == DRAFT:
        return steps + ["revise"] * spec.revised
    for n, level in enumerate(spec.backs):
        steps += ["revise"] * bool(n) + ["submit"] + ["pass"] * levels.index(level) + ["back"]
    if spec.state == SENT_BACK:
        return steps + ["revise"] * spec.revised
    steps += ["revise"] * bool(spec.backs) + ["submit"]
    last = len(levels) if spec.state == PASSED else levels.index(spec.level)
    return steps + ["pass"] * last


def cn(day):
    return f"{day.month}月{day.day}日"


# ---------------------------------------------------------------------------------------
# What the units write: the speech's manifestations of the four winds (四风), by kind.

WINDS = ["形式主义", "官僚主义", "享乐主义", "奢靡之风"]
PROBLEMS = {
    UnitKind.LEADERSHIP: [
        [
            "应景的事干得多,打基础利长远的事干得少",
            "下基层流于形式,访贫问苦热一阵子",
            "汇报工作用“大概”“差不多”来敷衍",
        ],
        [
            "习惯当“甩手掌柜”,把发号施令等同于落实",
            "有的搞“一言堂”,受不了群众监督",
            "抓落实光踩油门不挂档,口号响、行动慢",
        ],
        [
            "满足于现状,缺乏危机感、紧迫感",
            "闯劲不足,干事情瞻前顾后、想这怕那",
            "吃不了苦、担不了责,碰到困难就叫苦",
        ],
        [
            "办事要场面、要档次,花钱大手大脚",
            "忙于迎来送往,热衷于约场子、赶酒局",
            "婚丧嫁娶中执行规定让位于人情往来",
        ],
    ],
    UnitKind.DEPARTMENT: [
        [
            "制度讲在嘴上、挂在墙上,没有落到行动上",
            "工作年年一个样,满足于过得去、不垫底",
            "以会议落实会议、以文件落实文件",
        ],
        [
            "贯彻上级部署“砍砍价”“打个折”、搞变通",
            "对民生热线反映的问题答复多、解决慢",
            "本位主义严重,对自己没利的事往外推",
        ],
        [
            "凡事“等领导指示”,习惯把矛盾上交",
            "管理松懈,有的在位不在岗、迟到早退",
            "上班时间上网购物、看视频",
        ],
        [
            "以种种名义到企业乱摊派、乱收费",
            "公务接待把关不严,存在超标准现象",
            "公务用车管理不规范,节假日偶有私用",
        ],
    ],
    UnitKind.WINDOW: [
        [
            "门好进了、脸好看了,但事仍然难办",
            "一次性告知落实不到位,群众跑了又跑",
            "服务挂在嘴边,管理得多、服务得少",
        ],
        [
            "只会用政策把关,不会帮群众过关",
            "进人不放权、受理不办理",
            "拿“按规定”“走程序”作挡箭牌",
        ],
        [
            "快干慢干一个样,拖拖拉拉、效率低下",
            "生人按程序,熟人看脸面",
            "“挤牙膏”“踢皮球”,不愿多担一份责",
        ],
        [
            "个别人员不给好处不办事",
            "执法不严,存在选择性执法、人情执法",
            "接受管理服务对象宴请时有发生",
        ],
    ],
    UnitKind.TOWN: [
        [
            "号召多、应付多、做表面文章多",
            "满足于当“邮递员”“传话筒”",
            "守着区位优势和资源不会用",
        ],
        [
            "指导工作指手划脚、高高在上",
            "对联系的村靠手机指挥,群众见不到人",
            "落实惠民政策缩水走样,低保分指标",
        ],
        [
            "存在“走读”现象,在基层呆不住",
            "忙闲不等、苦乐不均,有人无所事事",
            "身在基层不懂基层,不会说群众语言",
        ],
        [
            "对财政贡献大的项目热,对农业项目冷",
            "公务接待和公车使用把关不严",
            "村级招待费用管理不规范",
        ],
    ],
}
EXAMPLES = {
    UnitKind.LEADERSHIP: [
        "去年下半年班子成员到基层调研42次,半数当天往返,与群众座谈不足10次",
        "去年重点项目推进会上,个别同志对进度只讲“大概”“差不多”",
        "黄河口生态旅游项目论证会开了3次,至今仍停留在规划阶段",
        "去年春节前后班子成员参加各类招待活动较多,影响了正常工作",
    ],
    UnitKind.DEPARTMENT: [
        "去年民生热线转办的23件诉求中有6件超期办结",
        "去年9月明察暗访中,2名干部上班时间上网购物被通报",
        "去年本单位召开各类会议46次,三分之一是以会议落实会议",
        "去年对企业的检查有4次未事先告知,企业反映打扰了正常生产",
    ],
    UnitKind.WINDOW: [
        "今年1月一名群众办理营业执照,因一次性告知不到位往返4趟",
        "进驻政务服务大厅的事项中仍有3项需回单位审批,群众两头跑",
        "去年一名窗口人员态度生硬被投诉,处理不够及时",
        "去年一宗审批因互为前置拖了两个多月,影响了项目开工",
    ],
    UnitKind.TOWN: [
        "去年低保评审中有2个村按户数平均分名额,群众意见较大",
        "班子成员联系的村中有3个去年全年走访不足4次",
        "去年发生的1起越级上访,起因是征地补偿答复不及时",
        "去年有1个农业合作项目因手续推诿拖了半年未落地",
    ],
}


@dataclass
class UnitInfo:
    """A unit as the texts see it: names, kind and member figures."""

    unit: object  # the Unit row
    org: str  # the name of its party organisation (胜坨镇党委)
    group_name: str
    problems_kind: str
    members: Counter
    opinions: int = 0  # opinions collected (征求意见建议), once drawn

    @property
    def team(self):
        """Members of the leadership team (班子成员) attending study and meetings."""
        if self.unit.kind == UnitKind.LEADERSHIP:
            return self.members["total"]
        return max(3, self.members["committee"])

    @property
    def democratic(self):
        """Leadership teams hold a democratic life meeting, branches an organisational one."""
        return self.unit.kind in (UnitKind.LEADERSHIP, UnitKind.TOWN) or self.unit.depth == 2


def org_name(unit):
    if unit.name.endswith(("党委", "党支部", "党总支", "党组", "班子")):
        return unit.name
    if unit.kind == UnitKind.TOWN:
        return unit.name + "党委"
    if unit.kind in (UnitKind.VILLAGE, UnitKind.ENTERPRISE):
        return unit.name + "党支部"
    return unit.name + "党组"


def title_for(info, order):
    org = info.org
    team = "" if org.endswith("班子") else "领导班子"
    meeting = "民主生活会" if info.democratic else "组织生活会"
    titles = {
        STUDY: f"{org}{team}集中学习情况报告",
        COVERAGE: f"{org}党员学习全覆盖情况报告",
        OPINIONS: f"{org}征求意见建议情况报告",
        MATERIAL: f"{org}{team}对照检查材料",
        MEETING: f"{org}专题{meeting}情况报告",
        ACCEPTANCE: ACCEPTANCE_TITLE,
    }
    return titles[order]


# Why items are sent back, and what the reviewer writes (不能搞照顾性过关).
COMMENTS = {
    Reason.NO_EXAMPLES: [
        "查摆问题不具体,缺少具体事例,请补充1-2个典型事例。",
        "问题表述笼统,每个问题请列举1-2个具体事例。",
    ],
    Reason.NOT_FOCUSED: [
        "问题查摆不聚焦,没有紧扣“四风”,请对照四面镜子重新梳理。",
        "意见建议未按“四风”分类梳理,问题不聚焦,请分类汇总后重新报送。",
    ],
    Reason.NOT_DEEP: [
        "原因剖析停留在客观因素,未从理想信念、宗旨意识上找根源,请深入剖析。",
        "剖析避重就轻,请从党性修养上查找根源。",
    ],
    Reason.OPINIONS: ["对征求到的意见建议未正面回应,请逐条说明办理情况。"],
    Reason.MEASURES: ["整改措施笼统,缺少责任人和完成时限,请细化。"],
    Reason.INCOMPLETE: [
        "记录不完整,缺少人人发言记录和督导组列席签到,请补齐。",
        "年老体弱和流动党员的送学情况未说明,请补充具体人数和方式。",
        "征求意见范围不全,缺少服务对象和基层党员的意见,请补充。",
        "会议记录未写明批评意见的内容和对象,请补充。",
    ],
    Reason.OTHER: [
        "集中学习时间不足3天,专家辅导报告不能计入,请补学后重新报送。",
        "学习内容未联系本单位实际,请补充专题讨论情况。",
        "批评与自我批评辣味不足,请补充相互批评的具体内容。",
    ],
}
# Per kind of item: the reasons a reviewer gives (the first one most often), and the
# index of the comment each reason takes.
REASONS = {
    STUDY: [(Reason.INCOMPLETE, 0), (Reason.OTHER, 0)],
    COVERAGE: [(Reason.INCOMPLETE, 1), (Reason.OTHER, 1)],
    OPINIONS: [(Reason.NOT_FOCUSED, 1), (Reason.INCOMPLETE, 2)],
    MATERIAL: [
        (Reason.NO_EXAMPLES, 0),
        (Reason.NOT_DEEP, 0),
        (Reason.OPINIONS, 0),
        (Reason.MEASURES, 0),
        (Reason.NOT_FOCUSED, 0),
    ],
    MEETING: [(Reason.INCOMPLETE, 3), (Reason.OTHER, 2)],
}
# The four "not let go" a group may find wanting in a phase acceptance.
ACCEPTANCE_NOTES = {
    "satisfied": "部分群众对意见建议办理情况不知情,满意度测评尚未开展。",
    "focused": "征求的意见建议梳理不聚焦,未突出“四风”问题。",
}
PASS_COMMENTS = {
    HEAD: ["", "", "同意报送。", "已审阅,同意报督导组审核。"],
    GROUP: ["", "同意,报县委活动办审核。", "材料基本符合要求,同意上报。"],
    "signed_off": ["", "", "符合要求,予以签收。", "同意签收。"],
    ACCEPTANCE: ["", "四个不放过均已做到,同意验收,报县委活动办。"],
}


class Texts:
    """The versions of one item's content and its reviewers' words. Version n is the
    first version plus one addition per fix made since (a revision answers the reasons
    it was sent back for: examples, a deeper analysis, answers to the opinions...)."""

    def __init__(self, rng, info, order, supervisor, day):
        self.rng, self.info, self.order = rng, info, order
        self.supervisor, self.day = supervisor, day
        self.fixes = []
        self.base = getattr(self, f"_{KEY[order]}")()

    def body(self):
        return self.base + "".join(self._fix(reason) for reason in self.fixes)

    def reasons(self, round_):
        """The reasons of the ``round_``-th send-back: the usual one first, then others."""
        pool = [r for r, _ in REASONS[self.order] if r not in self.fixes]
        first = pool[0] if round_ == 0 and self.rng.random() < 0.7 else self.rng.choice(pool)
        return [str(first)]

    def comment(self, reasons):
        index = dict(REASONS[self.order])
        return "".join(COMMENTS[r][index[r]] for r in reasons)

    def pass_comment(self, key):
        return self.rng.choice(PASS_COMMENTS[key])

    def _study(self):
        info, rng = self.info, self.rng
        team = info.team
        present = team - (rng.random() < 0.3)
        start, end = self.day - datetime.timedelta(days=2), self.day
        return (
            f"{cn(start)}至{cn(end)},{info.org}班子集中学习3天,采取轮读原文、人人发言、"
            "研讨交流的方式,学习了《论群众路线——重要论述摘编》和习近平总书记系列重要讲话。"
            f"班子成员应到{team}人、实到{present}人,交流发言{present * 2}人次,"
            f"{self.info.group_name}{self.supervisor.full_name}同志列席。专家辅导报告未计入学习时间。"
        )

    def _coverage(self):
        m, org = self.info.members, self.info.org
        flags = [
            f"{label}{m[key]}名"
            for key, label in (
                ("retired", "离退休党员"),
                ("frail", "年老体弱党员"),
                ("migrant", "流动党员"),
                ("frontline", "一线职工党员"),
            )
            if m[key]
        ]
        kinds = f",其中{'、'.join(flags)}" if flags else ",均为在职党员"
        return (
            f"{org}共有党员{m['total']}名{kinds}。采取集中轮训、书记讲党课、分散自学相结合的方式,"
            f"书记讲党课{self.rng.randint(1, 3)}次,集中轮训{self.rng.randint(2, 4)}期。"
            "对年老体弱党员送学上门,对流动党员通过电话、短信和邮寄学习资料送学。"
        )

    def _opinions(self):
        info, rng = self.info, self.rng
        first, second = rng.sample(range(4), 2)
        problems = PROBLEMS[info.problems_kind]
        return (
            f"{info.org}通过走出去听、请进来提、沉下去找,召开座谈会{rng.randint(3, 12)}场,"
            f"发放征求意见表{rng.randint(8, 40) * 10}份,设立意见箱{rng.randint(2, 8)}个,"
            f"走访群众{rng.randint(6, 60) * 5}户,共征求意见建议{info.opinions}条,"
            f"梳理为{rng.randint(5, 9)}类。群众反映较集中的问题:"
            f"{rng.choice(problems[first])};{rng.choice(problems[second])}。"
        )

    def _material(self):
        info = self.info
        team = "" if info.org.endswith("班子") else "领导班子"
        self.chosen = [self.rng.choice(problems) for problems in PROBLEMS[info.problems_kind]]
        parts = "".join(
            f"{numeral}是{wind}方面,{problem}。"
            for numeral, wind, problem in zip("一二三四", WINDS, self.chosen, strict=True)
        )
        return (
            f"对照“四面镜子”,{info.org}{team}在“四风”方面主要存在以下问题:{parts}"
            "班子将坚持即知即改、立行立改,逐项制定整改措施。"
        )

    def _meeting(self):
        info, rng = self.info, self.rng
        team = info.team
        name = "专题民主生活会" if info.democratic else "专题组织生活会"
        return (
            f"{cn(self.day)},{info.org}召开{name},应到{team}人、实到{team}人,"
            f"{self.info.group_name}{self.supervisor.full_name}同志到会指导。"
            f"会前开展谈心谈话{team * (team - 1) // 2 + rng.randint(2, 9)}人次,"
            "做到“三个必谈”“五个谈透”。会上主要负责人代表班子作对照检查,班子成员逐一"
            f"作个人对照检查,开展批评与自我批评,提出批评意见{team * rng.randint(3, 5)}条。"
        )

    def _acceptance(self):
        return (
            f"{self.info.org}学习教育、听取意见环节规定动作已全部完成:领导班子集中学习3天、"
            "党员学习全覆盖、征求意见建议情况报告均已签收,"
            f"共征求意见建议{self.info.opinions}条,已梳理归类并向群众反馈。特申请环节验收。"
        )

    def _fix(self, reason):
        rng, info = self.rng, self.info
        if self.order == ACCEPTANCE:
            return (
                f"补充:已召开群众代表座谈会{rng.randint(2, 5)}场通报意见建议办理情况,"
                f"满意度测评满意率{rng.randint(88, 97)}%。"
            )
        return getattr(self, f"_fix_{reason}")(rng, info)

    def _fix_no_examples(self, rng, info):
        first, second = rng.sample(EXAMPLES[info.problems_kind], 2)
        return f"具体事例:{first};{second}。"

    def _fix_not_deep(self, rng, info):
        return (
            "根源剖析:一是理想信念有所弱化,放松了世界观改造;二是宗旨意识有所淡化,"
            "群众观点树得不牢;三是党性修养有所放松,执行纪律不够严格。"
        )

    def _fix_opinions(self, rng, info):
        done = rng.randint(info.opinions // 4, info.opinions // 2)
        return (
            f"对征求到的{info.opinions}条意见建议逐条回应,已即知即改{done}条,"
            f"其余{info.opinions - done}条列入整改台账。"
        )

    def _fix_measures(self, rng, info):
        return (
            "整改措施:5月底前建立班子成员联系点制度,6月底前完成“庸懒散”专项治理,"
            "每项明确责任人和时限。"
        )

    def _fix_not_focused(self, rng, info):
        if self.order == OPINIONS:
            shares = sorted(rng.sample(range(1, info.opinions), 4))
            counts = [b - a for a, b in zip([0, *shares], shares, strict=False)]
            winds = "、".join(f"{w}{n}条" for w, n in zip(WINDS, counts, strict=True))
            return f"按“四风”归类:{winds},其余{info.opinions - shares[-1]}条为民生诉求,已转办。"
        wind = rng.randrange(4)
        extra = [p for p in PROBLEMS[info.problems_kind][wind] if p not in self.chosen]
        return f"经班子再议,将{WINDS[wind]}列为最突出问题,补充:{extra[0]}。"

    def _fix_incomplete(self, rng, info):
        texts = {
            STUDY: "补充:附人人发言记录和督导组列席签到表,缺席同志已补学。",
            COVERAGE: (
                f"补充:送学上门{info.members['frail'] + rng.randint(1, 4)}人次,"
                f"邮寄学习资料{info.members['migrant'] + rng.randint(1, 6)}份,附送学登记表,"
                "实现无死角、全覆盖。"
            ),
            OPINIONS: (
                f"补充:向服务对象和基层党员发放征求意见表{rng.randint(5, 20) * 10}份,"
                f"新征求意见建议{rng.randint(5, 30)}条,已纳入汇总。"
            ),
            MEETING: "补充:附每条批评意见的提出人、对象和内容,以及自我批评要点。",
        }
        return texts[self.order]

    def _fix_other(self, rng, info):
        texts = {
            STUDY: "补充:又集中学习1天,专题研讨“四风”问题,累计集中学习4天。",
            COVERAGE: f"补充:围绕“四风”问题开展专题讨论{rng.randint(2, 4)}次,党员人人谈体会。",
            MEETING: "补充:班子成员相互批评点问题、举事例,不讲成绩、不绕弯子。",
        }
        return texts[self.order]


KEY = {
    STUDY: "study",
    COVERAGE: "coverage",
    OPINIONS: "opinions",
    MATERIAL: "material",
    MEETING: "meeting",
    ACCEPTANCE: "acceptance",
}


# ---------------------------------------------------------------------------------------
# The review chain, stepped in memory exactly as campaign.review.services steps it.


class Sim:
    """One item: each method changes the fields and writes the history row of the
    service function of the same name (create_item, revise_item, submit_item, pass_item,
    send_back_item, check_acceptance)."""

    def __init__(self, ctx, unit, kind, title, requirement=None, phase_id=None):
        self.ctx = ctx
        self.item = ReviewItem(
            unit_id=unit.pk,
            kind=kind,
            requirement_id=requirement.pk if requirement else None,
            phase_id=requirement.phase_id if requirement else phase_id,
            title=title.strip()[:200],
            levels=list(ctx.levels[kind]),
        )
        self.created_at = self.changed_at = None
        self.versions, self.entries = [], []  # (row, time) pairs

    def create(self, when, actor, body):
        self.item.created_by_id = actor.pk
        self.created_at = self.changed_at = when
        self._version(when, actor, body)
        self._record(when, actor, "created", (None, None))

    def revise(self, when, actor, body):
        item = self.item
        assert item.state in (DRAFT, SENT_BACK), item.state
        seen = (item.state, item.level)
        self._version(when, actor, body)
        self.changed_at = when
        self._record(when, actor, "revised", seen)

    def submit(self, when, actor):
        item = self.item
        seen = (item.state, item.level)
        item.levels = list(self.ctx.levels[item.kind])
        item.state, item.level = IN_REVIEW, item.levels[0]
        item.submitted_by_id, item.submitted_at = actor.pk, when
        self.changed_at = when
        self._record(when, actor, "submitted", seen)

    def pass_(self, when, actor, comment="", **extra):
        item = self.item
        seen = (item.state, item.level)
        position = item.levels.index(item.level)
        if position + 1 < len(item.levels):
            item.level, step = item.levels[position + 1], "passed"
        else:
            version = self.versions[-1][0]
            item.signed_snapshot = {
                "version": version.number,
                "title": version.title,
                "body": version.body,
                "signed_at": when.astimezone(datetime.UTC).isoformat(),
                "signed_by": actor.display_name,
            }
            item.state, item.level, item.passed_at, item.reopened = PASSED, "", when, False
            step = "signed_off"
        self.changed_at = when
        self._record(when, actor, step, seen, reason=comment, **extra)

    def send_back(self, when, actor, reasons, comment, **extra):
        item = self.item
        seen = (item.state, item.level)
        item.state, item.level = SENT_BACK, ""
        item.send_back_count += 1
        item.last_reasons, item.last_comment, item.last_level = list(reasons), comment, seen[1]
        self.changed_at = when
        self._record(when, actor, "sent_back", seen, reason=comment, reasons=list(reasons), **extra)

    def check_acceptance(self, when, actor, failed=(), comment=""):
        """The group's four checks: any failed key sends the acceptance back."""
        checks = {
            key: {"yes": key not in failed, "note": ACCEPTANCE_NOTES.get(key, "") * (key in failed)}
            for key, _label, _reason in ACCEPTANCE_CHECKS
        }
        reasons = [str(reason) for key, _label, reason in ACCEPTANCE_CHECKS if key in failed]
        if reasons:
            text = comment.strip() or "；".join(n["note"] for n in checks.values() if n["note"])
            self.send_back(when, actor, reasons, text, checks=checks)
        else:
            self.pass_(when, actor, comment, checks=checks)

    def _version(self, when, actor, body):
        item = self.item
        item.version += 1
        row = ReviewVersion(
            number=item.version, title=item.title, body=body.strip(), created_by_id=actor.pk
        )
        self.versions.append((row, when))

    def _record(self, when, actor, step, seen, reason="", **extra):
        item = self.item
        changes = {"state": [seen[0], item.state], "level": [seen[1], item.level]}
        changes["version"] = item.version
        changes.update(extra)
        entry = HistoryEntry(
            actor_id=actor.pk,
            code=f"review.item.{step}",
            content_type_id=self.ctx.item_type.pk,
            object_repr=item.title[:200],
            changes=changes,
            reason=reason,
        )
        self.entries.append((entry, when))
