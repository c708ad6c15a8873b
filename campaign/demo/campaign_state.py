"""The campaign of the demo county as it stands on the demo day (2014-05-15 on the
reference timeline; ``timeline`` moves every date here onto the demo's).

``build(index, root, accounts, members)`` runs once a county's accounts exist. For the
first county it sets up the campaign (three phases, nine wave plans, the speech's eight
requirements) and freezes the portal's date on the demo day (unless that is today); for
every county it plans the units' items and the supervision groups' activities, then makes
them.

Each item is planned by ``Sim``, which keeps in memory where the item stands (so the plan
knows its level, its last reasons, when it passed) and a script of steps with their
times. The study activities its reports rest on are recorded first (``study_state``);
then ``Replay`` runs every step of every item through the portal's services (writing,
acceptance, review), in time order with ``at=``, and the groups' activities go through
``record_activity``: the demo holds only what the portal itself would have written. On
the demo day wave 1 (county organs) is deep in phase 2, wave 2 (towns) finishing phase 1,
and wave 3 (villages, enterprises) just starting.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from campaign.acceptance import services as acceptance_services
from campaign.acceptance.models import PhaseAcceptance
from campaign.acceptance.services import CHECKS as ACCEPTANCE_CHECKS
from campaign.documents.models import TextDocument
from campaign.org.models import Role, Unit, UnitKind, User
from campaign.phases.models import Campaign, Requirement, SupervisionActivity, WavePlan
from campaign.phases.services import record_activity, save_requirement, setup_campaign
from campaign.review import kinds as review_kinds
from campaign.review import services as review_services
from campaign.review import writing
from campaign.review.models import (
    ChainConfig,
    Level,
    Reason,
    ReviewItem,
    State,
)
from campaign.study.models import StudyReport

from . import study_state, timeline
from .study_state import STUDY_KINDS

BATCH = 1000
TZ = ZoneInfo("Asia/Shanghai")
D = datetime.date
CAMPAIGN_NAME = "垦利县党的群众路线教育实践活动"
# The dates below are on the reference timeline (the demo day is timeline.REFERENCE_DAY,
# 2014-05-15); set_up_campaign moves them onto the demo's, and everything else follows
# from the campaign's rows.
STARTS_ON, ENDS_ON = timeline.REFERENCE_START, D(2014, 9, 30)
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
MEETINGS_FROM = D(2014, 5, 5)  # wave 1's first democratic (organisational) life meetings
MATERIAL_DAYS = 40  # after the start of phase 2: due 2014-05-20 for wave 1
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

# Wave 1: 75 % of the organs finished phase 1 cleanly; the rest drag on one item or more.
PHASE_ONE_DONE = 0.75
PHASE_ONE_CLEAN = [(88, passed()), (8, passed(GROUP)), (4, passed(HEAD))]
PHASE_ONE_DRAGGING = [
    (50, passed()),
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
WAVE_THREE = [(68, None), (8, draft()), (7, waiting(HEAD)), (16, waiting(GROUP))]
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


def moments(rng, lo, hi, n, last):
    """``n`` strictly increasing datetimes in office hours on the days ``lo``..``hi``,
    none after the day ``last``."""
    hi = max(lo, min(hi, last))
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
        "{sep_last_year}明察暗访中,2名干部上班时间上网购物被通报",
        "去年本单位召开各类会议46次,三分之一是以会议落实会议",
        "去年对企业的检查有4次未事先告知,企业反映打扰了正常生产",
    ],
    UnitKind.WINDOW: [
        "{january}一名群众办理营业执照,因一次性告知不到位往返4趟",
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

# The months the examples name (on the reference timeline, 2014-05-15 the demo day).
EXAMPLE_MONTHS = {"sep_last_year": D(2013, 9, 15), "january": D(2014, 1, 15)}


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


def team_word(org):
    return "" if org.endswith("班子") else "领导班子"


def title_for(info, order):
    org = info.org
    team = team_word(org)
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
        "送学上门和流动党员学习情况缺少台账,请补充具体人次和方式。",
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
# The service joins the notes with "；" into the comment, so they end without a stop.
ACCEPTANCE_NOTES = {
    "satisfied": "部分群众对意见建议办理情况不知情,满意度测评尚未开展",
    "focused": "征求的意见建议梳理不聚焦,未突出“四风”问题",
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

    def __init__(self, rng, info, order, supervisor, day, line):
        self.rng, self.info, self.order = rng, info, order
        self.supervisor, self.day, self.line = supervisor, day, line
        self.fixes, self.additions = [], []
        self.base = getattr(self, f"_{KEY[order]}")()

    def revise(self, reasons):
        """The next version answers ``reasons``; returns its content."""
        for reason in reasons:
            self.fixes.append(reason)
            self.additions.append(self._fix(reason))
        return self.body()

    def body(self):
        return self.base + "".join(self.additions)

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
            f"{cn(start)}至{cn(end)},{info.org}{team_word(info.org)}集中学习3天,采取轮读原文、人人发言、"
            "研讨交流的方式,学习了《论群众路线——重要论述摘编》和习近平总书记系列重要讲话。"
            f"班子成员应到{team}人、实到{present}人,交流发言{present * 2}人次,"
            f"{self.info.group_name}{self.supervisor.full_name}同志列席。专家辅导报告未计入学习时间。"
        )

    def _coverage(self):
        m, rng = self.info.members, self.rng
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
        reach = [
            text
            for key, text in (
                ("frail", "对年老体弱党员送学上门"),
                ("migrant", "对流动党员通过电话、短信和邮寄学习资料送学"),
                ("frontline", "对一线职工党员利用班前班后时间组织学习"),
            )
            if m[key]
        ] or ["在职党员以支部为单位集中学习,做到人人参学"]
        return (
            f"{self.info.org}共有党员{m['total']}名{kinds}。围绕《论群众路线——重要论述摘编》"
            "和党章,采取集中轮训、书记讲党课、分散自学相结合的方式,"
            f"书记讲党课{rng.randint(1, 3)}次,集中轮训{rng.randint(2, 4)}期,"
            f"人人撰写心得体会。{','.join(reach)}。"
        )

    def _opinions(self):
        info, rng = self.info, self.rng
        first, second = rng.sample(range(4), 2)
        problems = PROBLEMS[info.problems_kind]
        opinions = info.opinions
        return (
            f"{info.org}通过走出去听、请进来提、沉下去找,"
            f"召开座谈会{rng.randint(2, max(3, opinions // 25))}场,"
            f"发放征求意见表{max(2, opinions * rng.randint(2, 4) // 10) * 10}份,"
            f"设立意见箱{rng.randint(1, 2 + opinions // 60)}个,"
            f"走访群众{max(2, opinions * rng.randint(5, 15) // 50) * 5}户,"
            f"共征求意见建议{opinions}条,"
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
            f"共征求意见建议{self.info.opinions}条,已梳理归类并向群众反馈;班子成员走访群众"
            f"{self.rng.randint(4, 30) * 10}户,即知即改群众反映的具体问题"
            f"{self.rng.randint(3, 20)}件。特申请环节验收。"
        )

    def _fix(self, reason):
        rng, info = self.rng, self.info
        if self.order == ACCEPTANCE:
            if reason == Reason.PUBLIC:
                return (
                    f"补充:已召开群众代表座谈会{rng.randint(2, 5)}场通报意见建议办理情况,"
                    f"满意度测评满意率{rng.randint(88, 97)}%。"
                )
            return "补充:已按“四风”对意见建议重新梳理归类,形成突出问题清单。"
        return getattr(self, f"_fix_{reason}")(rng, info)

    def _fix_no_examples(self, rng, info):
        first, second = rng.sample(EXAMPLES[info.problems_kind], 2)
        months = {key: self.line.month(day) for key, day in EXAMPLE_MONTHS.items()}
        return f"具体事例:{first.format(**months)};{second.format(**months)}。"

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
        month = self.line.demo_day.month  # this month and the next
        return (
            f"整改措施:{month}月底前建立班子成员联系点制度,"
            f"{month % 12 + 1}月底前完成“庸懒散”专项治理,每项明确责任人和时限。"
        )

    def _fix_not_focused(self, rng, info):
        if self.order == OPINIONS:
            livelihood = round(info.opinions * rng.uniform(0.3, 0.45))
            winds = info.opinions - livelihood
            shares = [rng.uniform(*share) for share in ((25, 35), (30, 40), (15, 25), (10, 20))]
            counts = [int(winds * share / sum(shares)) for share in shares[:3]]
            counts.append(winds - sum(counts))
            text = "、".join(f"{w}{n}条" for w, n in zip(WINDS, counts, strict=True))
            return f"按“四风”归类:{text},其余{livelihood}条为民生诉求,已转有关部门办理。"
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
    """One item, planned: each method changes in memory the fields the review service of
    the same name would change (so the plan knows where the item stands: its level, its
    last reasons, when it passed) and adds the step to the item's script. ``replay`` then
    runs every script through the services (``campaign.review``, ``writing``,
    ``acceptance``), in time order: the rows are the ones the portal writes."""

    def __init__(self, ctx, unit, kind, title, requirement=None, phase_id=None):
        self.ctx = ctx
        self.unit = unit
        self.requirement = requirement
        self.phase_id = requirement.phase_id if requirement else phase_id
        self.item = ReviewItem(
            unit_id=unit.pk,
            kind=kind,
            requirement_id=requirement.pk if requirement else None,
            phase_id=self.phase_id,
            title=title.strip()[:200],
            levels=list(ctx.levels[kind]),
        )
        self.created_at = self.submitted_at = None
        self.script = []  # (time, step, arguments)
        self.real = None  # the ReviewItem the services made, once replayed

    def create(self, when, actor, body):
        self.created_at = when
        self.script.append((when, "create", {"actor": actor, "body": body}))

    def revise(self, when, actor, body):
        item = self.item
        assert item.state in (DRAFT, SENT_BACK), item.state
        item.version += 1
        self.script.append((when, "revise", {"actor": actor, "body": body}))

    def submit(self, when, actor):
        item = self.item
        item.levels = list(self.ctx.levels[item.kind])
        item.state, item.level = IN_REVIEW, item.levels[0]
        self.submitted_at = self.submitted_at or when
        self.script.append((when, "submit", {"actor": actor}))

    def pass_(self, when, actor, comment=""):
        item = self.item
        position = item.levels.index(item.level)
        if position + 1 < len(item.levels):
            item.level = item.levels[position + 1]
        else:
            item.state, item.level, item.passed_at = PASSED, "", when
        self.script.append((when, "pass_", {"actor": actor, "comment": comment}))

    def send_back(self, when, actor, reasons, comment):
        item = self.item
        item.state, item.level = SENT_BACK, ""
        item.send_back_count += 1
        item.last_reasons = list(reasons)
        self.script.append(
            (when, "send_back", {"actor": actor, "reasons": list(reasons), "comment": comment})
        )

    def check_acceptance(self, when, actor, failed=(), comment=""):
        """The group's four checks: any failed key sends the acceptance back."""
        answers = {
            c.key: (c.key not in failed, ACCEPTANCE_NOTES.get(c.key, "") * (c.key in failed))
            for c in ACCEPTANCE_CHECKS
        }
        reasons = [str(c.reason) for c in ACCEPTANCE_CHECKS if c.key in failed]
        item = self.item
        if reasons:
            item.state, item.level = SENT_BACK, ""
            item.send_back_count += 1
            item.last_reasons = reasons
        else:
            position = item.levels.index(item.level)
            if position + 1 < len(item.levels):
                item.level = item.levels[position + 1]
            else:
                item.state, item.level, item.passed_at = PASSED, "", when
        self.script.append(
            (when, "check", {"actor": actor, "answers": answers, "comment": comment})
        )


class Replay:
    """Runs the items' steps through the portal's services, each at its time."""

    def __init__(self, sims, phases):
        self.sims = sims
        self.phases = {phase.pk: phase for phase in phases.values()}  # the context's, by pk
        units = Unit.objects.in_bulk({sim.item.unit_id for sim in sims})
        for sim in sims:
            sim.unit = units[sim.item.unit_id]

    def run(self):
        steps = [
            (when, n, k, sim, step, args)
            for n, sim in enumerate(self.sims)
            for k, (when, step, args) in enumerate(sim.script)
        ]
        steps.sort(key=lambda row: row[:3])
        for when, _n, _k, sim, step, args in steps:
            getattr(self, step)(sim, when, **args)

    def create(self, sim, when, actor, body):
        item = sim.item
        if item.kind == ACCEPTANCE:
            phase = self.phases[sim.phase_id]
            sim.real = acceptance_services.request_acceptance(
                actor=actor, unit=sim.unit, phase=phase, note=body, at=when
            )
        else:
            sim.real = writing.write(
                actor=actor,
                model=StudyReport if item.kind in STUDY_KINDS else TextDocument,
                kind=item.kind,
                unit=sim.unit,
                title=item.title,
                body=body,
                requirement=sim.requirement,
                at=when,
            )

    def revise(self, sim, when, actor, body):
        if sim.item.kind == ACCEPTANCE:
            sim.real = acceptance_services.revise_request(
                actor=actor, item=sim.real, note=body, at=when
            )
        else:
            sim.real = writing.rewrite(
                actor=actor, item=sim.real, title=sim.item.title, body=body, at=when
            )

    def submit(self, sim, when, actor):
        sim.real = review_services.submit_item(actor=actor, item=sim.real, at=when)

    def pass_(self, sim, when, actor, comment):
        sim.real = review_services.pass_item(actor=actor, item=sim.real, comment=comment, at=when)

    def send_back(self, sim, when, actor, reasons, comment):
        sim.real = review_services.send_back_item(
            actor=actor, item=sim.real, reasons=reasons, comment=comment, at=when
        )

    def check(self, sim, when, actor, answers, comment):
        sim.real = review_services.check_item(
            actor=actor, item=sim.real, answers=answers, comment=comment, at=when
        )


# ---------------------------------------------------------------------------------------
# The county on the demo day.


@dataclass
class Context:
    """The campaign's rows the builder needs, read once per county."""

    campaign: Campaign
    phases: dict  # number -> Phase
    requirements: dict  # order -> Requirement (with its phase)
    dues: dict  # (order, wave) -> due date
    starts: dict  # (phase number, wave) -> planned start
    levels: dict  # item kind -> review levels
    item_type: ContentType
    activity_type: ContentType
    line: timeline.Timeline  # the demo's dates

    @classmethod
    def load(cls, index):
        line = timeline.current()
        campaign = set_up_campaign(line) if index == 1 else Campaign.objects.get()
        phases = {p.number: p for p in campaign.phases.all()}
        plans = list(WavePlan.objects.filter(phase__campaign=campaign).select_related("phase"))
        by_phase = {(p.phase_id, p.wave): p for p in plans}
        requirements = {
            r.order: r
            for r in Requirement.objects.filter(phase__campaign=campaign).select_related("phase")
        }
        dues = {
            (order, wave): due
            for order, r in requirements.items()
            for wave, due in r.due_for_wave(by_phase).items()
        }
        return cls(
            campaign,
            phases,
            requirements,
            dues,
            {(p.phase.number, p.wave): p.starts_on for p in plans},
            {k.code: ChainConfig.levels_for(k.code) for k in review_kinds.all_kinds()},
            ContentType.objects.get_for_model(ReviewItem),
            ContentType.objects.get_for_model(SupervisionActivity),
            line,
        )


def set_up_campaign(line):
    """The campaign as the office set it up on the eve of the launch, on the timeline
    ``line``: its date frozen on the demo day unless the demo day is today."""
    campaign = setup_campaign(
        actor=None,
        name=CAMPAIGN_NAME,
        starts_on=line.shift(STARTS_ON),
        ends_on=line.shift(ENDS_ON),
        plans={key: (line.shift(lo), line.shift(hi)) for key, (lo, hi) in PLANS.items()},
        at=line.shift_dt(SET_UP_AT),
    )
    Campaign.objects.filter(pk=campaign.pk).update(frozen_on=line.frozen_on)
    campaign.frozen_on = line.frozen_on
    # The county gave its organs longer for the team material than the default: three
    # levels review it, and many send it back once.
    material = Requirement.objects.get(phase__campaign=campaign, item_kind="material")
    save_requirement(
        actor=User.objects.get(username="office"),
        requirement=material,
        due_offset_days=MATERIAL_DAYS,
        at=line.shift_dt(SET_UP_AT) + datetime.timedelta(minutes=20),
    )
    return campaign


@dataclass
class People:
    """Who acts on one item: the unit's secretary submits, its head, a member of its group
    and the office review."""

    secretary: object
    head: object
    supervisor: object
    office: object

    def reviewer(self, level):
        return {HEAD: self.head, GROUP: self.supervisor, OFFICE: self.office}[level]


class Directory:
    """The county's accounts by unit and group (rows already saved, so with pks)."""

    def __init__(self, accounts):
        users = accounts.users
        self.secretary = {u.unit_id: u for u in users if u.role == Role.SECRETARY}
        self.head = {node.unit.pk: user for user, node in accounts.heads}
        self.supervisors = defaultdict(list)
        for user in users:
            if user.role == Role.SUPERVISOR:
                self.supervisors[user.group_id].append(user)
        self.office = next(u for u in users if u.username == accounts.prefix + "office")
        self.group_names = {g.pk: g.name for g in accounts.groups.values()}

    def people(self, unit, supervisor):
        return People(self.secretary[unit.pk], self.head[unit.pk], supervisor, self.office)


PROBLEM_KINDS = {
    UnitKind.LEADERSHIP: UnitKind.LEADERSHIP,
    UnitKind.DEPARTMENT: UnitKind.DEPARTMENT,
    UnitKind.WINDOW: UnitKind.WINDOW,
}
OPINION_RANGES = {
    UnitKind.LEADERSHIP: (120, 320),
    UnitKind.DEPARTMENT: (20, 90),
    UnitKind.WINDOW: (25, 120),
    UnitKind.TOWN: (150, 600),
    UnitKind.VILLAGE: (8, 40),
    UnitKind.ENTERPRISE: (5, 25),
}
MATERIAL_SPECS = [
    (6, None),
    (7, draft()),
    (3, draft(1)),
    (18, HEAD),
    (26, GROUP),
    (20, OFFICE),
    (12, SENT_BACK),
    (8, PASSED),
]
BACK_LEVELS = [(25, HEAD), (50, GROUP), (25, OFFICE)]


def member_stats(members):
    """Per unit pk: members in all, retired, frail, migrant, front-line, on the committee."""
    stats = defaultdict(Counter)
    for m in members:
        c = stats[m.unit_id]
        c["total"] += 1
        c["retired"] += m.is_retired
        c["frail"] += m.is_frail
        c["migrant"] += m.is_migrant
        c["frontline"] += m.is_frontline
        c["committee"] += m.position in ("书记", "副书记", "委员")
    return stats


class County:
    """Steps every organisation of one county to where it stands on the demo day."""

    def __init__(self, ctx, index, root, accounts, members):
        self.ctx, self.rng = ctx, random.Random(201405 + index)
        self.last_day = ctx.line.last_day
        self.meetings_from = ctx.line.shift(MEETINGS_FROM)
        self.directory = Directory(accounts)
        stats = member_stats(members)
        self.units = [
            UnitInfo(
                unit=node.unit,
                org=org_name(node.unit),
                group_name=self.directory.group_names[node.unit.group_id],
                problems_kind=PROBLEM_KINDS.get(node.kind, UnitKind.TOWN),
                members=stats[node.unit.pk],
            )
            for node in root.walk()
            if node.is_organisation
        ]
        self.sims, self.activities = [], []
        self.members = members

    def build(self):
        """Steps every unit; returns the pks of the units whose phase acceptance has passed
        its group (their opinions must all be answered: the portal would refuse it else)."""
        waves = {1: self.wave_one, 2: self.wave_two, 3: self.wave_three}
        for info in self.units:
            waves[info.unit.wave](info)
        units = {info.unit.pk: info.unit for info in self.units}
        study_state.build(self.sims, units, self.members, self.directory, self.ctx.starts)
        save(self.ctx, self.sims, self.activities)
        return {
            sim.item.unit_id
            for sim in self.sims
            if sim.item.kind == ACCEPTANCE
            and (sim.item.state == PASSED or sim.item.level == OFFICE)
        }

    # --- one item ---

    def item(self, info, order, spec, lo, hi, day=None, supervisor=None):
        """A new item of ``info``'s unit stepped to ``spec`` between the days lo and hi;
        ``day`` is the day of the study or meeting it reports."""
        supervisor = supervisor or self.rng.choice(self.directory.supervisors[info.unit.group_id])
        people = self.directory.people(info.unit, supervisor)
        texts = Texts(self.rng, info, order, supervisor, day, self.ctx.line)
        if order == ACCEPTANCE:
            phase = self.ctx.phases[1]
            title = str(PhaseAcceptance(unit=info.unit, phase=phase))  # as the record reads
            sim = Sim(self.ctx, info.unit, ACCEPTANCE, title, None, phase.pk)
        else:
            requirement = self.ctx.requirements[order]
            sim = Sim(
                self.ctx, info.unit, requirement.item_kind, title_for(info, order), requirement
            )
        self.play(sim, spec, lo, hi, texts, people)
        self.sims.append(sim)
        return sim, supervisor

    def play(self, sim, spec, lo, hi, texts, people):
        steps = steps_to(spec, sim.item.levels)
        queued = []
        times = moments(self.rng, lo, hi, len(steps), self.last_day)
        for step, when in zip(steps, times, strict=True):
            if step == "create":
                sim.create(when, people.secretary, texts.body())
            elif step == "revise":
                body = texts.revise(queued or [str(REASONS[texts.order][0][0])])
                queued = []
                sim.revise(when, people.secretary, body)
            elif step == "submit":
                sim.submit(when, people.secretary)
            elif step == "pass":
                self.pass_(sim, when, texts, people)
            else:
                queued = self.send_back(sim, when, texts, people)

    def pass_(self, sim, when, texts, people):
        item = sim.item
        actor = people.reviewer(item.level)
        if item.kind == ACCEPTANCE and item.level == GROUP:
            sim.check_acceptance(when, actor, comment=texts.pass_comment(ACCEPTANCE))
            return
        last = item.levels.index(item.level) + 1 == len(item.levels)
        sim.pass_(when, actor, texts.pass_comment("signed_off" if last else item.level))

    def send_back(self, sim, when, texts, people):
        """Send back at the item's level; returns the reasons the next revision answers."""
        item, rng = sim.item, self.rng
        actor = people.reviewer(item.level)
        if item.kind == ACCEPTANCE and item.level == GROUP:
            failed = rng.sample(sorted(ACCEPTANCE_NOTES), rng.randint(1, 2))
            sim.check_acceptance(when, actor, failed=failed)
            return list(item.last_reasons)
        reasons = texts.reasons(item.send_back_count)
        sim.send_back(when, actor, reasons, texts.comment(reasons))
        return reasons

    def window(self, order, wave, spec):
        """The days an item of ``order`` moves in: from about two weeks before it is due;
        one signed off was done within a week after the due date."""
        requirement = self.ctx.requirements[order]
        due = self.ctx.dues[(order, wave)]
        start = self.ctx.starts[(requirement.phase.number, wave)]
        lo = max(start + datetime.timedelta(days=3), due - datetime.timedelta(days=14))
        lo = min(lo, self.last_day - datetime.timedelta(days=10))
        lo += datetime.timedelta(days=self.rng.randint(0, 4))
        hi = (
            min(due + datetime.timedelta(days=7), self.last_day)
            if spec.state == PASSED
            else self.last_day
        )
        return lo, max(hi, lo + datetime.timedelta(days=3))

    # --- the waves ---

    def phase_one(self, info, specs, supervisor=None):
        """The phase-1 items of ``specs``; returns them and the day the study ended."""
        info.opinions = self.rng.randint(*OPINION_RANGES[info.unit.kind])
        sims, study_day = [], None
        for order, spec in specs.items():
            if spec is None or not self.ctx.requirements[order].applies_to(info.unit.kind):
                continue
            lo, hi = self.window(order, info.unit.wave, spec)
            day = lo - datetime.timedelta(days=1)
            sim, by = self.item(info, order, spec, lo, hi, day, supervisor)
            sims.append(sim)
            if order == STUDY:
                study_day = (day, by)
        return sims, study_day

    def acceptance(self, info, sims, spec, supervisor=None):
        """The phase-1 acceptance, asked for once every phase-1 item is signed off."""
        if spec is None or not sims or any(s.item.state != PASSED for s in sims):
            return
        lo = max(s.item.passed_at for s in sims).date() + datetime.timedelta(days=1)
        if lo >= self.last_day:
            return
        hi = (
            min(lo + datetime.timedelta(days=21), self.last_day)
            if spec.state == PASSED
            else self.last_day
        )
        self.item(info, ACCEPTANCE, spec, lo, hi, supervisor=supervisor)

    def wave_one(self, info):
        rng = self.rng
        done = rng.random() < PHASE_ONE_DONE
        table = PHASE_ONE_CLEAN if done else PHASE_ONE_DRAGGING
        specs = {order: pick(rng, table) for order in PHASE_ONE}
        if not done and all(s.state == PASSED for s in specs.values()):
            specs[OPINIONS] = waiting(GROUP)
        sims, study = self.phase_one(info, specs)
        self.acceptance(info, sims, pick(rng, ACCEPTANCE_SPECS))
        material = self.material(info)
        meeting = self.meeting(info, material)
        self.visits(info, study, meeting)

    def wave_two(self, info):
        plan = TOWNS.get(info.unit.name, {})
        supervisor = self.directory.supervisors[info.unit.group_id][0]
        specs = {order: spec for order, spec in plan.items() if order in PHASE_ONE}
        sims, study = self.phase_one(info, specs, supervisor)
        self.acceptance(info, sims, TOWN_ACCEPTANCES.get(info.unit.name), supervisor)
        if plan.get(MATERIAL):
            lo = self.ctx.starts[(2, 2)] + datetime.timedelta(days=self.rng.randint(3, 6))
            self.item(info, MATERIAL, plan[MATERIAL], lo, self.last_day, supervisor=supervisor)
        self.visits(info, study, None)

    def wave_three(self, info):
        spec = pick(self.rng, WAVE_THREE)
        if spec is not None:
            self.item(info, COVERAGE, spec, *self.window(COVERAGE, info.unit.wave, spec))

    def material_spec(self):
        rng = self.rng
        outcome = pick(rng, MATERIAL_SPECS)
        if outcome is None or isinstance(outcome, Spec):
            return outcome
        if outcome == SENT_BACK:
            backs = [pick(rng, BACK_LEVELS) for _ in range(pick(rng, [(70, 1), (30, 2)]))]
            return sent_back(*backs, revised=int(rng.random() < 0.4))
        count = pick(rng, [(89, 0), (9, 1), (2, 2)])
        backs = [pick(rng, BACK_LEVELS) for _ in range(count)]
        return passed(*backs) if outcome == PASSED else waiting(outcome, *backs)

    def material(self, info):
        """Wave 1's team self-examination material (对照检查材料), begun in phase 2."""
        spec = self.material_spec()
        if spec is None:
            return None
        start = self.ctx.starts[(2, 1)]
        if spec.state == DRAFT:
            lo = self.last_day - datetime.timedelta(days=self.rng.randint(3, 16))
        else:
            lo = start + datetime.timedelta(days=self.rng.randint(2, 9))
        return self.item(info, MATERIAL, spec, lo, self.last_day)[0]

    def meeting(self, info, material):
        """The democratic (or organisational) life meeting, held by some whose material is
        through: its record is in review."""
        if material is None:
            return None
        state, level = material.item.state, material.item.level
        if state == PASSED and self.rng.random() < 0.75:
            spec = waiting(self.rng.choice([HEAD, GROUP]))
            earliest = max(self.meetings_from, material.item.passed_at.date())
        elif level == OFFICE and self.rng.random() < 0.15:
            spec, earliest = waiting(HEAD), self.meetings_from
        else:
            return None
        if earliest >= self.last_day - datetime.timedelta(days=1):
            return None
        day = earliest + datetime.timedelta(
            days=self.rng.randint(0, (self.last_day - earliest).days - 2)
        )
        lo = day + datetime.timedelta(days=1)
        _sim, by = self.item(info, MEETING, spec, lo, self.last_day, day)
        return day, by

    # --- supervision activities ---

    def visits(self, info, study, meeting):
        """2-5 things the unit's group did there: the study it attended, the meeting, and
        visits, checks of learning and talks on other days."""
        rng, unit = self.rng, info.unit
        supervisors = self.directory.supervisors[unit.group_id]
        done = [("study", *study)] if study else []
        done += [("meeting", *meeting)] if meeting else []
        first = self.ctx.starts[(1, unit.wave)] + datetime.timedelta(days=3)
        talks_from = self.ctx.starts[(2, unit.wave)]
        for kind in rng.sample(["visit", "check", "talk", "visit"], rng.randint(2, 5) - len(done)):
            lo = talks_from if kind == "talk" and talks_from < self.last_day else first
            day = lo + datetime.timedelta(days=rng.randint(0, (self.last_day - lo).days))
            done.append((kind, day, rng.choice(supervisors)))
        for kind, day, by in done:
            findings = rng.choice(FINDINGS[kind]).format(
                n=rng.randint(3, 12),
                s=rng.randint(82, 96),
                meeting="专题民主生活会" if info.democratic else "专题组织生活会",
            )
            row = SupervisionActivity(
                unit=unit,
                group_id=unit.group_id,
                kind=kind,
                happened_on=day,
                findings=findings,
                recorded_by=by,
            )
            self.activities.append((row, at(day, 18, rng.randrange(0, 60, 5))))


FINDINGS = {
    "visit": [
        "查阅学习记录和征求意见台账,资料基本齐全。",
        "实地查看意见箱设置和群众来访登记,要求将意见箱移至便民服务大厅。",
        "查阅学习笔记和会议记录,个别党员笔记内容较少,已当场提醒。",
        "走访服务对象{n}人,群众反映办事效率有所提高。",
    ],
    "study": [
        "列席班子集中学习,轮读原文、人人发言,{n}人交流发言,讨论较深入。",
        "列席集中学习,个别同志发言照本宣科,联系实际不够,已当场指出。",
        "列席集中学习,学习时间和人员落实到位,专家辅导未计入学习时间。",
    ],
    "check": [
        "随机抽测党员{n}名应知应会,平均{s}分。",
        "抽查学习笔记{n}本、心得体会{n}篇,学习效果较好。",
        "电话抽查流动党员{n}人,均已收到学习资料。",
    ],
    "talk": [
        "与班子成员个别谈话{n}人次,了解查摆问题和谈心谈话开展情况。",
        "与{n}名中层干部座谈,听取对班子作风的意见。",
    ],
    "meeting": [
        "列席{meeting},批评意见具体,辣味足,达到预期效果。",
        "列席{meeting},程序规范,个别同志自我批评避重就轻,已提出意见。",
    ],
}


# ---------------------------------------------------------------------------------------
# Writing it all.


def save(ctx, sims, activities):
    """The items through the review services, then the groups' activities through
    ``record_activity``, each at its time."""
    Replay(sims, ctx.phases).run()
    for row, when in sorted(activities, key=lambda pair: pair[1]):
        record_activity(
            actor=row.recorded_by,
            unit=row.unit,
            kind=row.kind,
            happened_on=row.happened_on,
            findings=row.findings,
            at=when,
        )


def build(index, root, accounts, members):
    """The campaign (county 1 sets it up) and where county ``index`` stands in it."""
    ctx = Context.load(index)
    return County(ctx, index, root, accounts, members).build()
