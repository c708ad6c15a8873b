"""The opinions and suggestions (意见建议) of the demo county on the demo day (2014-05-15
on the reference timeline: the dates here are moved onto the demo's by ``timeline``).

The speech counts 18,969 opinions heard by the county; ``build(index, root, accounts,
members)`` writes that many for the first county. Most were heard in the solicitation
before the launch (from 2014-01-10), the rest since, through every channel: most face to
face, at symposiums, on door-to-door visits, by questionnaire and in opinion boxes, fewer
by petition and by referral. Their content is the speech's manifestations of the four
winds for each kind of unit (section 一(三)) and the livelihood problems it names, with
villages, dates and amounts. Units are drawn by their members, weighted by kind.

The office took them in and routed them to the units: those heard before the launch in
the first fortnight of March, the others a few working days after they came in. The
unit's secretary took each up and answered it (one that names the unit's secretary or
head was handed one level up, to the organisation above or the supervision group, and
answered there); the office closed most answers, and merged duplicates. Each opinion
is stepped in memory by ``Life``, whose methods change exactly the fields and write
exactly the history rows of the service of the same name in
``campaign.opinions.services`` (and ``naming.set_handler``); an answered sender who
left an email has a sent notice. The office checked each box submission (public box and
paper boxes, ``moderation.mark_checked``) before routing it, or the working day after it
came in; a few (``moderation_state``) were hidden as spam, abuse or personal data, one
restored, one masked, and some wait for the check. On the demo day some are still
waiting to be routed, and some routed ones are overdue; 胜坨镇 (the demo secretary's
town) has opinions in every status.
"""

import datetime
import enum
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from campaign.history.models import HistoryEntry
from campaign.opinions.deadlines import is_working_day, working_days_after
from campaign.opinions.models import (
    BOX_CHANNELS,
    RECEIPT_ALPHABET,
    Category,
    Channel,
    Moderation,
    Notice,
    Opinion,
    OpinionLink,
    Status,
)
from campaign.opinions.moderation import masked_count
from campaign.opinions.similar import search_text
from campaign.org.models import Role, SupervisionGroup, UnitKind

from . import moderation_state, timeline
from .campaign_state import BATCH, TZ, at, cn, pick
from .names import mobile, person

D = datetime.date
K = UnitKind
C = Category
TOTAL = 18969  # the speech's count
# Dates on the reference timeline (the demo day 2014-05-15), moved by timeline.shift.
FIRST_DAY = D(2014, 1, 10)  # the office began to solicit opinions
LAUNCH = timeline.REFERENCE_START
UNROUTED_FROM = D(2014, 3, 15)  # from then on, some wait for the office to find their unit
DUPLICATED_UNTIL = D(2014, 4, 25)  # the opinions later ones repeat came in by then
PRE_LAUNCH = 0.72  # the share heard before the launch
DUPLICATES = 260
DEMO_TOWN = "胜坨镇"
SEED = 20140110

# ---------------------------------------------------------------------------------------
# How the opinions spread over days, channels, categories and units.

CHANNELS = [
    (17, Channel.FACE),
    (15, Channel.DOOR),
    (14, Channel.SYMPOSIUM),
    (13, Channel.QUESTIONNAIRE),
    (11, Channel.BOX),
    (6, Channel.APPRAISAL),
    (6, Channel.HOTLINE),
    (4, Channel.ONLINE),
    (4, Channel.PETITION),
    (3, Channel.PETITION_OFFICE),
    (1.5, Channel.DISCIPLINE),
    (1.5, Channel.ORGANISATION),
    (1, Channel.INSPECTION),
    (1, Channel.AUDIT),
]
# The portal's public box opened with the campaign.
CHANNELS_SINCE_LAUNCH = [*CHANNELS, (6, Channel.PUBLIC)]
CATEGORIES = [
    (19, C.FORMALISM),
    (21, C.BUREAUCRATISM),
    (12, C.HEDONISM),
    (10, C.EXTRAVAGANCE),
    (6, C.SERVICE),
    (6, C.SOCIAL_SECURITY),
    (4, C.LAND),
    (4, C.EDUCATION),
    (4, C.HEALTH),
    (4, C.ENVIRONMENT),
    (3, C.EMPLOYMENT),
    (3, C.PUBLIC_SAFETY),
    (3, C.JUSTICE),
    (1, C.OTHER),
]
WINDS = (C.FORMALISM, C.BUREAUCRATISM, C.HEDONISM, C.EXTRAVAGANCE)
HARD = (C.LAND, C.JUSTICE, C.SOCIAL_SECURITY, C.EMPLOYMENT)  # slow to settle
# Opinions per member, by kind: people speak most about the leadership and the towns.
KIND_FACTORS = {
    K.LEADERSHIP: 26,
    K.DEPARTMENT: 1.3,
    K.WINDOW: 2.9,
    K.TOWN: 9.4,
    K.VILLAGE: 1.0,
    K.ENTERPRISE: 0.37,
}
# Livelihood opinions go to the units whose names say they are responsible, and to
# the kinds of unit close to the problem.
POOLS = {
    C.EDUCATION: (("中学", "小学", "幼儿园", "学校", "教育局"), (K.TOWN,)),
    C.HEALTH: (("卫生", "医院", "保健", "疾病"), (K.TOWN, K.VILLAGE)),
    C.SOCIAL_SECURITY: (("民政", "人力资源", "社会保险", "救助", "福利"), (K.TOWN, K.VILLAGE)),
    C.EMPLOYMENT: (("人力资源", "就业", "劳动"), (K.ENTERPRISE,)),
    C.ENVIRONMENT: (("环境",), (K.VILLAGE, K.ENTERPRISE, K.TOWN)),
    C.PUBLIC_SAFETY: (("公安", "派出所", "交警", "交通警察", "安全生产"), (K.VILLAGE, K.TOWN)),
    C.JUSTICE: (("法院", "法庭", "检察", "司法", "公安"), ()),
    C.LAND: (("国土", "住房", "城市建设"), (K.TOWN, K.VILLAGE)),
    C.SERVICE: (("审批", "工商", "税务", "供电", "邮政", "公积金", "社会保险"), (K.TOWN, K.WINDOW)),
}
KEYWORD_BOOST = 3
FIRMS_ONLY = (C.EMPLOYMENT, C.ENVIRONMENT)  # of enterprises and social organisations
# Who leaves a name and a phone, by channel (anonymous otherwise); some an email too.
NAMED_SENDERS = {
    Channel.PETITION: 0.8,
    Channel.HOTLINE: 0.6,
    Channel.PETITION_OFFICE: 0.6,
    Channel.FACE: 0.4,
    Channel.DOOR: 0.4,
    Channel.PUBLIC: 0.35,
    Channel.SYMPOSIUM: 0.3,
    Channel.ONLINE: 0.3,
    Channel.BOX: 0.12,
    Channel.QUESTIONNAIRE: 0.1,
    Channel.APPRAISAL: 0.05,
}
REFERRED_SENDERS = 0.15
EMAIL_SHARE = 0.1
NAMES_SOMEONE = 0.05  # of the four-winds opinions about a known unit (about 3 % in all)
NAMES_THE_HEAD = 0.55  # of those, the unit's principal leader (一把手)
PUBLISHED = 0.4

# ---------------------------------------------------------------------------------------
# What people say: the speech's manifestations of the four winds by kind of unit, said
# of someone in the unit ("县财政局有的干部" + what they do).

SUBJECTS = {
    K.LEADERSHIP: ["个别班子成员", "有的领导干部", "有的县级领导"],
    K.DEPARTMENT: ["有的干部", "个别工作人员", "有的科室负责人"],
    K.WINDOW: ["窗口工作人员", "有的执法人员", "个别工作人员"],
    K.TOWN: ["有的镇干部", "个别包村干部", "有的班子成员"],
    K.VILLAGE: ["个别村干部", "村“两委”有的成员", "有的党员"],
    "community": ["有的工作人员", "个别社区干部"],
    K.ENTERPRISE: [""],  # what the firm's party organisation does, said of the firm
}
DOINGS = {
    K.LEADERSHIP: [
        [
            "应景的事干得多,打基础利长远的事干得少",
            "下基层调研流于形式,访贫问苦热一阵子",
            "偶尔进村串户也是来去匆匆,心贴心与群众交流不够",
            "汇报工作用“大概”“可能”“差不多”来敷衍",
            "工作急于求成,片面追求速度,考虑当前多、长远少",
        ],
        [
            "习惯当“甩手掌柜”,把发号施令等同于任务落实",
            "搞“家长制”“一言堂”,容不得别人提半点意见",
            "抓落实光踩油门不挂档,口号喊得很响,就是不见行动",
            "身处机关久了,不愿与群众接触",
            "协作意识不强,眼里只盯着自己的小圈子",
        ],
        [
            "满足于现状,缺乏危机感、紧迫感",
            "在其位不谋其政,熬时间、混日头",
            "闯劲不足,干事情瞻前顾后、想这怕那",
            "唱功好、做功差,碰到困难就叫苦连天",
            "干了一点工作就伸手要待遇、要说法",
        ],
        [
            "办事要场面、要档次,花钱大手大脚",
            "整天忙于迎来送往,热衷于约场子、赶酒局",
            "在婚丧嫁娶中大操大办,执行规定让位于人情往来",
            "把“岗位”等同“地位”,利用权力乱办事",
        ],
    ],
    K.DEPARTMENT: [
        [
            "把制度讲在嘴上、挂在墙上,没有落实到行动上",
            "工作年年干、年年一个样,满足于过得去、不垫底",
            "习惯以会议落实会议、以文件落实文件",
            "到基层检查只看材料、不看现场",
        ],
        [
            "贯彻上级部署“砍砍价”“打个折”、搞变通",
            "只考虑自己的“一亩三分地”,对自己没利的事就往外推",
            "对网上民声、民生热线反映的问题答复头头是道,解决拖拖拉拉",
            "只会出“问答题”,不会出“选择题”,习惯把矛盾上交",
        ],
        [
            "凡事“等领导指示”,不肯动脑筋、想办法",
            "在位不在岗、在岗不尽责,迟到早退",
            "上班时间上网购物、打牌下棋、看视频",
            "干事业缺少热情,号称“低调”,实则平庸",
        ],
        [
            "无视“企业宁静日”制度,以种种名义到企业乱摊派、乱收费",
            "信奉“有权不用过期作废”,利用手中权力吃拿卡要",
            "公务接待超标准,陪餐人员多",
            "节假日开公车办私事",
        ],
    ],
    K.WINDOW: [
        [
            "门好进了、脸好看了、话好听了,但事仍然难办",
            "一次性告知不到位,让群众跑了一趟又一趟",
            "整天把服务挂在嘴边,还是管理得多、服务得少",
            "进驻政务服务大厅后进人不放权、受理不办理",
        ],
        [
            "只会用政策把关,不会帮群众过关",
            "拿“按规定”“走程序”作挡箭牌,被动死板",
            "办审批互为前置、循环审批,评估周期长",
            "“挤牙膏”“踢皮球”,不愿多担一份责",
        ],
        [
            "快干慢干一个样,拖拖拉拉、磨磨蹭蹭",
            "生人按程序,熟人看脸面,把应尽的“本分”当成“情分”",
            "上班时间玩手机、聊天,群众在窗口排长队",
            "午休时间窗口无人值守,群众只能干等",
        ],
        [
            "不给好处不办事,给了好处乱办事",
            "搞选择性执法、随意性执法,办关系案、人情案",
            "接受管理服务对象宴请",
            "逢年过节向商户要购物卡",
        ],
    ],
    K.TOWN: [
        [
            "工作号召多、应付多、做表面文章多,下功夫真抓落实少",
            "开开会、安排安排就认为落实了,满足于当“邮递员”“传话筒”",
            "守着区位优势和资源不会用",
            "迎检材料层层加码,让村里天天填表",
        ],
        [
            "指导工作指手划脚、高高在上,不能和群众打成一片",
            "对联系的村靠手机指挥,群众长期见不到人",
            "落实惠民政策缩水走样,低保办理简单地分指标、搞平衡",
            "不问群众意愿、不顾群众诉求,强推硬干",
            "执行上级部署合意的就执行,不合意的就打折扣",
        ],
        [
            "存在“走读”现象,在基层呆不住",
            "忙闲不等,有人忙得不可开交,有人整天无所事事",
            "身在基层不懂基层,不会说群众语言",
            "值班时电话无人接听",
        ],
        [
            "对财政贡献大的项目这也能办,对农业项目这也不行、那也不行",
            "公务接待和公车使用把关不严",
            "下村检查工作在村里吃请",
        ],
    ],
    K.VILLAGE: [
        [
            "把制度挂满墙,在工作中既不落实也不执行",
            "对村务公开栏长期不更新,公开的都是旧账",
            "“三会一课”只记在本子上,组织生活很少开",
            "把农村社区服务中心建成了摆设,平时大门紧锁",
        ],
        [
            "决策一人拍板,办事不公开、不透明",
            "办理惠民事项优亲厚友,关系近的马上办,不沾亲的靠边站",
            "把评低保、发困难补助当作拉关系、拉选票的资本",
            "选人先看“门户”大不大,搞宗族小圈子",
            "不容群众插句话,群众不信任、不买账",
        ],
        [
            "守摊子、混日子,多年来村里面貌不变",
            "在位不在岗,长期不回村、不见人、不干事",
            "在发展村级集体经济上缺思路、少办法",
            "当上村官不想为群众出力,只想自己表面风光",
        ],
        [
            "吃地盘、当料霸,强装强卸、强揽工程",
            "村级招待费开支大,账目不公开",
            "不遵守换届纪律,搞“小动作”",
            "红白事大操大办,一办几十桌",
        ],
    ],
    "community": [
        ["在职党员到社区报到只签个名,不发挥作用", "服务中心制度挂在墙上,居民办事找不到人"],
        ["居民议事会很少开,小区大事不征求居民意见", "对居民反映的问题推给物业、推给街道"],
        ["为民服务能力不强,节假日服务站不开门", "上班时间在办公室闲聊、玩手机"],
        ["社区活动经费使用不公开", "借组织活动之机聚餐"],
    ],
    K.ENTERPRISE: [
        ["的党组织形同虚设,几年发展不了一个党员", "的党组织活动只在迎检时搞一搞"],
        ["对职工反映的诉求不闻不问", "的党组织对职工反映的问题层层转、没人管"],
        ["有的党员不亮身份、不起作用,和普通职工没有区别", "有的党员长期不参加组织生活"],
        ["借庆典搞铺张浪费", "逢年过节给有关部门送礼"],
    ],
}
# The concrete example that follows, by wind.
ORGANS = (K.LEADERSHIP, K.DEPARTMENT, K.WINDOW, K.TOWN)  # the kinds with offices and cars
EXAMPLES = [  # (example, the kinds it fits or None)
    [
        ("{date}开的一次会念稿子就念了{n}个多小时,会后没有具体措施。", None),
        ("仅{month}一个月就下发各类通知{many}份,不少内容重复。", ORGANS),
        ("{last_year}在{village}搞的示范点,检查一结束展板就收了。", ORGANS),
        ("村里每月要报{many}份表格材料,村干部整天填表,没时间办实事。", (K.TOWN,)),
    ],
    [
        ("{date}到{where}办事,来回跑了{trips}趟还没办成。", None),
        ("{village}的{issue}问题前后反映了{trips}次,一直没人到现场看。", None),
        ("打{where}的电话问了{trips}次,都说不归他们管。", None),
        ("{last_year}答应给{village}解决的{issue}问题,到现在也没兑现。", None),
    ],
    [
        ("{date}上午{hour}点多到{where},办公室里没有人。", None),
        ("{date}下午三点多,看到有工作人员在办公室玩电脑游戏。", ORGANS),
        ("有的人一周在岗不到{n}天,群众找人找不到。", None),
        ("{village}的群众说一年到头见不到几次面。", (K.LEADERSHIP, K.TOWN, K.VILLAGE)),
    ],
    [
        ("{last_year}{where}招待费花了{amount}万元,账目没有公开。", None),
        ("{date}晚上看到{where}的公车停在饭店门口,十点多还没走。", ORGANS),
        ("{last_year}家里办喜事摆了{tables}桌,收了不少礼金。", None),
        ("{last_year}有商户被要走购物卡,每张{money}元左右。", (K.DEPARTMENT, K.WINDOW, K.TOWN)),
    ],
]
ISSUES = ["修路", "排水", "路灯", "吃水", "垃圾清运", "宅基地", "土地承包", "灌溉渠", "危房改造"]
WIND_TAILS = ["建议严肃处理。", "希望引起重视。", "请组织上核实。", "建议加强监督。", "", ""]
# Livelihood problems (the speech's 就业、教育、医疗、社会保障、生态环境、社会治安、执法司法、
# 征地拆迁) and service to the public, then what the sender asks of the unit.
TOWNISH = (K.TOWN, K.VILLAGE)
PROBLEMS = {  # (what is wrong, what the answer says was done, the kinds it fits or None)
    C.EDUCATION: [
        (
            "{village}的孩子到镇上上学要走{km}里路,校车少,早上六点就得出门。",
            "已与教育部门协调,{month}起增开校车线路",
            (K.TOWN, K.DEPARTMENT),
        ),
        (
            "有的老师课后办辅导班,每月收费{money}元,家长不得不报。",
            "已开展有偿补课专项检查,对违规教师进行了处理",
            None,
        ),
        ("学校周边上学放学时段交通拥堵,没有护学岗。", "已协调交警在上学放学时段设置护学岗", None),
        (
            "学校食堂饭菜价格偏高,学生反映吃不饱。",
            "已对食堂进行整顿,调整了饭菜价格和分量",
            (K.DEPARTMENT,),
        ),
        (
            "{town}幼儿园学位紧张,报名要排一整夜的队。",
            "已实行网上报名,并增设了两个班",
            (K.TOWN, K.DEPARTMENT),
        ),
    ],
    C.HEALTH: [
        (
            "看病排队时间长,早上{early}点挂号,中午还没看上。",
            "已增开门诊窗口,并实行预约挂号",
            (K.DEPARTMENT,),
        ),
        (
            "{village}卫生室常用药不全,老人买药要跑到镇上。",
            "已协调补齐村卫生室常用药品",
            (*TOWNISH, K.DEPARTMENT),
        ),
        (
            "新农合报销手续繁琐,{date}住院的费用跑了{trips}趟才报上。",
            "已简化新农合报销程序,实行即时结报",
            None,
        ),
        (
            "个别医生开大处方,一次药费就{money}元。",
            "已开展处方点评,对违规医生进行了处理",
            (K.DEPARTMENT,),
        ),
    ],
    C.SOCIAL_SECURITY: [
        (
            "{village}低保评定不公开,有的家里有车有楼也吃低保,真正困难的户没评上。",
            "已对{village}低保户重新评议,评议结果张榜公示",
            (*TOWNISH, K.DEPARTMENT),
        ),
        (
            "{village}有{n}户困难群众申请临时救助,半年多没有回音。",
            "已为符合条件的困难群众办理临时救助",
            None,
        ),
        ("办理养老保险要盖{trips}个章,老人来回跑。", "已精简办理材料,实行一站式办理", None),
        ("{last_year}的残疾人补贴到现在还没发到手。", "补贴已于{date}发放到位", None),
        (
            "{village}的五保老人反映供养金发放不及时。",
            "已督促按月足额发放供养金",
            (*TOWNISH, K.DEPARTMENT),
        ),
    ],
    C.EMPLOYMENT: [
        (
            "{company}拖欠农民工工资{amount}万元,多次讨要无果。",
            "已协调劳动保障监察部门,被拖欠的工资已于{date}发放到位",
            None,
        ),
        (
            "{company}招工不签劳动合同,不给交社会保险。",
            "已督促企业依法签订劳动合同、缴纳社会保险",
            None,
        ),
        (
            "{last_year}参加的就业培训走过场,培训结束后没有推荐就业。",
            "已改进培训方式,培训后统一推荐就业",
            (K.DEPARTMENT,),
        ),
        (
            "对返乡创业的扶持政策宣传不够,小额贷款办不下来。",
            "已印发政策明白纸,并协调办理小额担保贷款",
            (K.DEPARTMENT,),
        ),
    ],
    C.ENVIRONMENT: [
        (
            "{where}夜间偷排废水,附近{village}的河沟发黑发臭,{date}以来更严重。",
            "已会同环保部门现场检查,停产整改,污水处理设施已投入使用",
            (K.ENTERPRISE,),
        ),
        (
            "{where}周边粉尘污染严重,附近{village}晾的衣服一层灰。",
            "已安装除尘设备,并请周边群众监督",
            (K.ENTERPRISE,),
        ),
        (
            "{village}附近有企业夜间偷排废水,河沟发黑发臭,{date}以来更严重。",
            "已会同环保部门现场检查,责令企业停产整改",
            (*TOWNISH, K.DEPARTMENT),
        ),
        (
            "{village}的垃圾长期没人清运,堆在村头大湾里。",
            "已组织清运,建立了定期保洁制度",
            TOWNISH,
        ),
        (
            "{village}附近油井作业后泥浆池没有回填,下雨就往地里流。",
            "已协调油田作业单位限期回填",
            (*TOWNISH, K.DEPARTMENT),
        ),
    ],
    C.PUBLIC_SAFETY: [
        (
            "{village}{month}以来连续发生{n}起盗窃电缆、三轮车的案件。",
            "已加强巡逻防控,并安装了监控探头",
            None,
        ),
        ("{village}到镇上的路没有路灯,晚上经常出事故。", "已协调安装路灯{many}盏", TOWNISH),
        ("{village}有人聚众赌博,群众反映多次没人管。", "已开展专项整治,依法查处了违法人员", None),
        (
            "学校门口流动摊贩多,食品安全有隐患。",
            "已会同有关部门对校园周边进行集中整治",
            (K.TOWN, K.DEPARTMENT, K.WINDOW),
        ),
    ],
    C.JUSTICE: [
        (
            "{last_year}判决的一起民事案件至今没有执行到位,涉及金额{amount}万元。",
            "已加大执行力度,{month}底前执行到位",
            None,
        ),
        (
            "{date}报的案到现在还没有结果,问了{trips}次都说在办。",
            "已督促承办人加快办理,并向当事人说明了进展",
            None,
        ),
        (
            "处理交通事故不公,对方有关系就偏向对方。",
            "已对事故处理过程进行复查,并向当事人作了说明",
            None,
        ),
        (
            "办案人员态度生硬,当事人问进度就不耐烦。",
            "已对相关人员进行批评教育,实行案件进度告知制度",
            None,
        ),
    ],
    C.LAND: [
        (
            "{village}的征地补偿款{amount}万元至今没有足额发放到户。",
            "补偿款已于{date}足额发放到户,并张榜公示",
            None,
        ),
        (
            "{village}的拆迁安置房拖了{n}年还没交房。",
            "已向群众说明安置房建设进度,{month}底前交房",
            None,
        ),
        (
            "{village}宅基地审批不公开,有人多占多建。",
            "已对宅基地审批情况进行清查,审批结果一律公示",
            None,
        ),
        (
            "{village}土地流转费每亩{money}元,村里截留了一部分。",
            "经核查,截留的流转费已全部退还农户",
            TOWNISH,
        ),
    ],
    C.SERVICE: [
        ("便民服务窗口节假日不开门,上班族办事难。", "已实行节假日轮班和延时服务", None),
        (
            "办事指南不清楚,材料一次说不全,让群众多跑腿。",
            "已重新印制办事指南,实行一次性告知",
            None,
        ),
        ("窗口服务态度生硬,问两句就不耐烦。", "已对窗口人员进行服务规范培训,并实行服务评价", None),
        (
            "网上办事系统经常打不开,最后还得跑现场。",
            "已对网上办事系统进行升级",
            (K.WINDOW, K.DEPARTMENT),
        ),
    ],
    C.OTHER: [
        ("村里文化活动太少,群众农闲时没处去。", "已纳入今年为民办实事项目统筹考虑", None),
        ("{village}没有像样的文化广场,健身器材也不全。", "已列入今年文化广场建设计划", None),
    ],
}
ASKS = ["希望{where}管一管。", "建议{where}尽快研究解决。", "请{where}给个说法。"]
ASKS += ["反映多次,{where}一直没有解决。", "希望{where}重视。"]
LEADS = {
    Channel.FACE: ["群众当面反映:", "走访中群众反映:"],
    Channel.DOOR: ["入户走访时村民反映:", "联户走访中群众反映:"],
    Channel.SYMPOSIUM: ["座谈会上有代表提出:", "征求意见座谈会上有人反映:"],
    Channel.APPRAISAL: ["民主评议中有党员提出:"],
    Channel.HOTLINE: ["热线来电反映:"],
    Channel.ONLINE: ["网民留言:"],
    Channel.QUESTIONNAIRE: ["问卷反映:", "征求意见表反映:"],
    Channel.BOX: ["意见箱来信反映:"],
    Channel.PETITION: ["来信反映:", "来访群众反映:"],
}
REFERRED_LEADS = ["转来反映:", "转办件反映:"]
DUPLICATE_LEADS = ["又有群众反映:", "另有群众反映同一问题:", "群众再次反映:"]

# What the secretary answers.
VERDICTS = [
    "经核实,反映的问题属实。",
    "经调查,反映的情况基本属实。",
    "经核实,反映的情况部分属实。",
    "收到意见后,我们高度重视,立即进行了核查。",
]
ACTIONS = {  # what the answer to a four-winds opinion says was done
    C.FORMALISM: [
        "已精简会议和文件,{month}会议、文件数量各压减三分之一",
        "已取消不必要的检查评比和材料报送",
        "已对照问题制定整改措施,列入班子整改台账",
    ],
    C.BUREAUCRATISM: [
        "已落实首问负责制和一次性告知制度,并于{date}派人上门办理",
        "对推诿扯皮的工作人员进行了批评教育,责令作出书面检查",
        "已建立群众诉求限时办结台账,专人跟踪办理",
    ],
    C.HEDONISM: [
        "已建立上下班签到和明察暗访制度,对脱岗人员通报批评",
        "开展了“庸懒散”专项治理,对{n}名人员进行了诫勉谈话",
        "已对相关人员进行了提醒谈话,责令限期改正",
    ],
    C.EXTRAVAGANCE: [
        "已严格执行八项规定,接待费用每月公开",
        "已对反映的问题进行调查,对违规人员进行了诫勉谈话",
        "已组织专项检查,相关费用已由个人承担",
    ],
}
CLOSINGS = ["感谢您的监督。", "欢迎继续监督。", "", "如有疑问可来电咨询。"]


# ---------------------------------------------------------------------------------------
# The units as the opinions see them.


@dataclass(eq=False)
class Place:
    unit: object  # the Unit row
    kind: str
    name: str  # how people call it: 县第一中学, 宁海村
    town: str  # the town it lies in, if any
    villages: list  # villages people there would name
    weight: float
    secretary: object  # its secretary's account: answers
    head: object  # its head's account (一把手)
    staff: list  # (name, position) of its deputy secretaries and committee members
    accounts: list = field(default_factory=list)  # the accounts attached to it, by pk
    above: object = None  # the Place of the party organisation above it, if any
    group_member: object = None  # the first account of its supervision group

    @property
    def subjects(self):
        return SUBJECTS["community" if self.is_community else self.kind]

    @property
    def is_community(self):
        return self.kind == K.VILLAGE and self.unit.name.endswith("社区")

    def doings(self, wind):
        return DOINGS["community" if self.is_community else self.kind][WINDS.index(wind)]

    def account_named(self, name):
        """The account a name stands for, as ``naming.find_named_account`` finds it: its
        secretary or head first, else the one account of the unit with that name."""
        found = [u for u in self.accounts if u.display_name == name]
        bosses = [u for u in found if self.is_boss(u)]
        if bosses:
            return bosses[0]
        return found[0] if len(found) == 1 else None

    def is_boss(self, account):
        """Whether ``account`` is this unit's secretary or head (``naming.names_unit_boss``)."""
        if account is None:
            return False
        secretary = account.role == Role.SECRETARY and account.unit_id == self.unit.pk
        return secretary or account.pk == self.head.pk

    def handler(self, named):
        """(handler unit, handler group) of an opinion naming ``named``, as
        ``naming.handler_for`` finds it: none, the organisation above, or the group."""
        if not self.is_boss(named):
            return None, None
        secretary_of = named.unit_id if named.role == Role.SECRETARY else None
        above = self.above  # not one the person named heads or is secretary of
        while above is not None and (named.pk == above.head.pk or above.unit.pk == secretary_of):
            above = above.above
        if above is not None:
            return above, None
        return None, self.unit.group_id

    def answerer(self, named):
        """Who takes up and answers an opinion naming ``named``: the secretary of the unit
        that handles it, or a member of the group it was handed to (None: the office)."""
        above, group = self.handler(named)
        if above is not None:
            return above.secretary
        if group is not None:
            return self.group_member
        return None if self.is_boss(named) else self.secretary


def spoken_name(name):
    """How people name a unit: 县第一中学党支部 → 县第一中学, 县委常委班子 → 县委常委会
    (a numbered branch, 第一党支部, keeps its name)."""
    if name.endswith("常委班子"):
        return name.removesuffix("班子") + "会"
    for suffix in ("党支部", "党总支", "党委", "党组"):
        short = name.removesuffix(suffix)
        if short != name and len(short) > 1 and short[-1] not in "一二三四五六七八九十":
            return short
    return name


def places(root, accounts, members):
    """Every organisation of the county with what the opinions need of it."""
    secretaries = {u.unit_id: u for u in accounts.users if u.role == Role.SECRETARY}
    heads = {node.unit.pk: user for user, node in accounts.heads}
    attached, group_members = {}, {}
    for user in sorted(accounts.users, key=lambda u: u.pk):
        if user.unit_id:
            attached.setdefault(user.unit_id, []).append(user)
        if user.role == Role.SUPERVISOR and user.group_id:
            group_members.setdefault(user.group_id, user)
    staff, sizes = {}, {}
    for m in members:
        sizes[m.unit_id] = sizes.get(m.unit_id, 0) + 1
        if m.position in ("副书记", "委员"):  # the cadres people name, besides the head
            staff.setdefault(m.unit_id, []).append((m.name, m.position))
    every_village = [n.name for n in root.walk() if n.kind == K.VILLAGE]
    found, by_node = [], {}
    for node, town, above in _with_towns(root):
        if not node.is_organisation:
            continue
        pk = node.unit.pk
        villages = [c.name for c in town.children if c.kind == K.VILLAGE] if town else []
        if node.kind == K.VILLAGE:
            villages = [node.name]
        found.append(
            Place(
                unit=node.unit,
                kind=node.kind,
                name=spoken_name(node.name),
                town=town.name if town else "",
                villages=villages or every_village,
                weight=max(sizes.get(pk, 0), 3) * KIND_FACTORS[node.kind],
                secretary=secretaries[pk],
                head=heads[pk],
                staff=staff.get(pk, []),
                accounts=attached.get(pk, []),
                above=by_node.get(above),
                group_member=group_members.get(node.unit.group_id),
            )
        )
        by_node[node] = found[-1]
    return found


def _with_towns(root):
    """(node, the town it lies in or None, the nearest organisation above it or None),
    in tree order."""
    stack = [(root, None, None)]
    while stack:
        node, town, above = stack.pop()
        town = node if node.kind == K.TOWN else town
        yield node, town, above
        below = node if node.is_organisation else above
        stack.extend((child, town, below) for child in reversed(node.children))


class Pools:
    """Weighted draws of a place for a category."""

    def __init__(self, found):
        self.pools = {}
        every = self._pool(found, lambda p: p.weight)
        for category in Category:
            if category not in POOLS:
                self.pools[category] = every
                continue
            keywords, kinds = POOLS[category]

            def weight(p, keywords=keywords, kinds=kinds, category=category):
                if any(k in p.unit.name for k in keywords):
                    return p.weight * KEYWORD_BOOST
                if p.kind == K.ENTERPRISE and category in FIRMS_ONLY and "公司" not in p.name:
                    return 0
                return p.weight if p.kind in kinds else 0

            self.pools[category] = self._pool(found, weight)

    @staticmethod
    def _pool(found, weight):
        chosen = [(p, weight(p)) for p in found]
        chosen = [(p, w) for p, w in chosen if w > 0]
        total, cum = 0, []
        for _p, w in chosen:
            total += w
            cum.append(total)
        return [p for p, _w in chosen], cum

    def draw(self, rng, category):
        found, cum = self.pools[category]
        return rng.choices(found, cum_weights=cum)[0]


# ---------------------------------------------------------------------------------------
# Writing the texts.


def fitting(texts, place):
    """The texts (tuples ending with the kinds they fit, or None) that fit the place."""
    return [t for t in texts if t[-1] is None or place.kind in t[-1]] or texts


class Writer:
    def __init__(self, rng, found):
        self.rng = rng
        self.companies = [p.name for p in found if p.kind == K.ENTERPRISE and "公司" in p.name]
        self.towns = [p.name for p in found if p.kind == K.TOWN]

    def fill(self, template, place, day, since=None):
        """Put the concrete details into a template: villages, dates, amounts. Dates lie
        before ``day``; in an answer (``since``: the day the opinion came in) they lie
        between the two, and its months are this month or the next."""
        rng = self.rng
        before = day - datetime.timedelta(days=rng.randint(2, 40))
        last_month = (day.replace(day=1) - datetime.timedelta(days=1)).month
        month = f"{'去年' if last_month == 12 else ''}{last_month}月"
        if since is not None:
            before = max(since, day - datetime.timedelta(days=rng.randint(0, 6)))
            month = f"{min(12, day.month + rng.randint(0, 1))}月"
        values = {
            "where": place.name,
            "village": rng.choice(place.villages),
            "town": place.town or rng.choice(self.towns),
            "company": place.name if place.kind == K.ENTERPRISE else rng.choice(self.companies),
            "date": ("去年" if before.year < day.year else "") + cn(before),
            "month": month,
            "last_year": f"去年{rng.randint(3, 11)}月",
            "n": rng.randint(2, 4),
            "trips": rng.randint(3, 6),
            "many": rng.randint(15, 40),
            "tables": rng.randint(30, 60),
            "km": rng.randint(6, 15),
            "early": rng.randint(6, 7),
            "hour": rng.randint(9, 10),
            "amount": f"{rng.randint(4, 160) / 2:g}",
            "money": rng.randrange(300, 2100, 100),
            "issue": rng.choice(ISSUES),
        }
        return template.format(**values)

    def content(self, place, category, channel, day, named=None):
        rng = self.rng
        leads = LEADS.get(channel, [""] if channel in (Channel.PUBLIC,) else REFERRED_LEADS)
        lead = rng.choice(leads) if rng.random() < 0.5 else ""
        if category in WINDS:
            who = named or place.name + rng.choice(place.subjects)
            example = rng.choice(fitting(EXAMPLES[WINDS.index(category)], place))[0]
            body = f"{who}{rng.choice(place.doings(category))}。{example}"
            tail, action = rng.choice(WIND_TAILS), rng.choice(ACTIONS[category])
        else:
            body, action, _kinds = rng.choice(fitting(PROBLEMS[category], place))
            tail = rng.choice(ASKS)
        return lead + self.fill(body + tail, place, day), action

    def answer(self, place, action, day, since):
        """The secretary's answer: what was found, what was done (``action``)."""
        rng = self.rng
        done = self.fill(action, place, day, since)
        return f"{rng.choice(VERDICTS)}{done}。{rng.choice(CLOSINGS)}"

    def named(self, place):
        """(account, name, how the sender names them): the unit's principal leader or
        another member of it."""
        rng = self.rng
        if not place.staff or rng.random() < NAMES_THE_HEAD:
            head = place.head
            return head, head.full_name, f"{place.name}主要负责人{head.full_name}"
        name, position = rng.choice(place.staff)
        if position == "委员":
            position = {K.VILLAGE: "村“两委”成员", K.TOWN: "党委委员"}.get(place.kind, "班子成员")
        # the office links a name to the account of the unit it stands for, if any
        return place.account_named(name), name, f"{place.name}{position}{name}"

    def contact(self, channel):
        """{contact fields} and whether the sender stays anonymous."""
        rng = self.rng
        if rng.random() >= NAMED_SENDERS.get(channel, REFERRED_SENDERS):
            return {}, True
        contact = {"contact_name": person(rng, male=rng.random() < 0.6)}
        contact["contact_phone"] = mobile(rng)
        if rng.random() < EMAIL_SHARE:
            host = rng.choice(["qq.com", "163.com", "126.com", "sina.com"])
            contact["contact_email"] = f"{rng.randrange(10**6, 10**10)}@{host}"
        return contact, False


# ---------------------------------------------------------------------------------------
# One opinion's life, stepped as the services step it.


class Life:
    """Each method changes the fields and writes the history row of the service of the
    same name (receive_opinion, route_opinion, start_handling, answer_opinion,
    close_opinion, merge_opinions; moderation's mark_checked, hide, restore, mask and
    reveal)."""

    def __init__(self, ctx, opinion, place):
        self.ctx, self.opinion, self.place = ctx, opinion, place
        self.named = None  # the account it names, if any
        self.entries = []  # (order written, (time, actor pk, code, object repr, changes))
        self.last = None  # the time of the last step
        self.keep = None  # the Life of the opinion it was merged into
        self.notice = None  # (method, state, created, claimed, sent) of telling the sender

    def receive(self, when, actor):
        opinion = self.opinion
        opinion.created_by_id = actor.pk if actor else None
        opinion.created_at = when
        self._record(when, actor, "received", {"channel": [None, opinion.channel]})

    def route(self, when, actor, unit):
        opinion, seen = self.opinion, self.opinion.status
        days = settings.OPINION_ANSWER_WORKING_DAYS
        opinion.status, opinion.unit_id, opinion.routed_at = Status.ROUTED, unit.pk, when
        opinion.answer_due = working_days_after(when.date(), days)
        extra = {"unit": [None, unit.name], "answer_due": str(opinion.answer_due)}
        if opinion.named_person_name and opinion.named_person_id is None:
            # a name written without an account: the one of the unit it stands for
            self.named = self.place.account_named(opinion.named_person_name)
            if self.named is not None:
                opinion.named_person_id = self.named.pk
                extra["named_person"] = [None, self.named.display_name]
        self._step(when, actor, "routed", seen, extra)
        self.hand_up(when, actor)

    def hand_up(self, when, actor):
        """naming.set_handler after the routing: an opinion naming the unit's secretary or
        head is handled one level up."""
        if not self.place.is_boss(self.named):
            return
        above, group = self.place.handler(self.named)
        step, changes = "handed_to_office", {}
        if above is not None:
            self.opinion.handler_unit_id = above.unit.pk
            step, changes = "handed_up", {"handler_unit": [None, above.unit.name]}
        elif group is not None:
            self.opinion.handler_group_id = group
            step, changes = "handed_up", {"handler_group": [None, self.ctx.group_names[group]]}
        self._record(when, actor, step, changes)

    def start_handling(self, when, actor):
        self.opinion.status = Status.HANDLING
        self._step(when, actor, "handling", Status.ROUTED)

    def answer(self, when, actor, text, publish):
        opinion, seen = self.opinion, self.opinion.status
        opinion.status, opinion.answer, opinion.answered_at = Status.ANSWERED, text, when
        opinion.answered_by_id, opinion.answer_published = actor.pk, publish
        self._step(when, actor, "answered", seen, {"answer_published": [None, publish]})
        self._tell_sender(when)

    def _tell_sender(self, when):
        """As ``feedback.queue_notice``: an email is sent by the worker at once; a sender
        who left only a phone number is phoned by the office the next working day."""
        opinion = self.opinion
        if self.notice or opinion.anonymous:
            return
        if opinion.contact_email:
            claimed, sent = (
                when + datetime.timedelta(seconds=5),
                when + datetime.timedelta(seconds=40),
            )
            self.notice = ("email", Notice.State.SENT.value, when, claimed, sent)
            self._record(sent, None, "notified", {"method": [None, "email"]})
        elif opinion.contact_phone:
            told = at(working_days_after(when.date(), 1), 10, 30)
            if told > self.ctx.end:
                self.notice = ("phone", Notice.State.PENDING.value, when, None, None)
                return
            self.notice = ("phone", Notice.State.SENT.value, when, None, told)
            self._record(told, self.ctx.office, "notified", {"method": [None, "phone"]})

    def close(self, when, actor):
        self.opinion.status, self.opinion.closed_at = Status.CLOSED, when
        self._step(when, actor, "closed", Status.ANSWERED)

    def merge_into(self, when, actor, keep):
        seen = self.opinion.status
        self.opinion.status, self.keep = Status.MERGED, keep
        self._step(when, actor, "merged", seen, {"merged_into": [None, keep.opinion.receipt_code]})

    def merged_here(self, when, actor, duplicates):
        codes = [d.opinion.receipt_code for d in duplicates]
        self._record(when, actor, "merged_here", {"merged": [None, codes]})

    # --- moderation of box submissions (campaign.opinions.moderation) ---

    def _moderated(self, when, actor, **fields):
        self.opinion.moderated_at, self.opinion.moderated_by_id = when, actor.pk
        for name, value in fields.items():
            setattr(self.opinion, name, value)

    def mark_checked(self, when, actor):
        self._moderated(when, actor)
        self._record(when, actor, "checked", {})

    def hide(self, when, actor, kind, reason):
        self._moderated(when, actor, moderation=kind.value, moderation_reason=reason)
        changes = {"moderation": [Moderation.NONE.value, kind.value]}
        self._record(when, actor, "hidden", changes, reason)

    def restore(self, when, actor, reason):
        seen = self.opinion.moderation
        self._moderated(when, actor, moderation=Moderation.NONE.value, moderation_reason=reason)
        self._record(when, actor, "restored", {"moderation": [seen, Moderation.NONE.value]}, reason)

    def mask(self, when, actor, shown):
        opinion = self.opinion
        counts = [masked_count(opinion.content, opinion.shown_content)]
        searched = search_text(shown or opinion.content)
        self._moderated(when, actor, shown_content=shown, content_search=searched)
        counts.append(masked_count(opinion.content, shown))
        self._record(when, actor, "masked", {"masked": counts})

    def reveal(self, when, actor):
        self._record(when, actor, "revealed", {})

    def _step(self, when, actor, step, seen, extra=None):
        changes = {"status": [str(seen), str(self.opinion.status)], **(extra or {})}
        self._record(when, actor, step, changes)

    def _record(self, when, actor, step, changes, reason=""):
        """A history row as ``record`` writes it, kept as values (ENTRY_FIELDS but the
        content type and the object id, known once the opinion is saved) with the order
        it was written in."""
        self.ctx.seq[0] += 1
        code = f"opinions.opinion.{step}"
        actor_id = actor.pk if actor else None
        row = (when, actor_id, code, str(self.opinion)[:200], changes, reason)
        self.entries.append((self.ctx.seq[0], row))
        self.last = max(self.last, when) if self.last else when


def later(rng, day, after=None, lo=8 * 60 + 30, hi=17 * 60 + 50):
    """A time in office hours on ``day`` (or the next working day with room), strictly
    after ``after``."""
    if after is not None:
        after = after.astimezone(TZ)
        if after.date() > day:
            day = after.date()
        if after.date() == day:
            lo = max(lo, after.hour * 60 + after.minute + 5)
        if lo > hi:
            day, lo = working_days_after(day, 1), 8 * 60 + 30
    minute = rng.randrange(lo, hi + 1)
    return at(day, minute // 60, minute % 60)


@dataclass
class Fate:
    """What will have happened to an opinion by the demo day, if its time comes."""

    routed: bool = True
    noted: bool = False  # entered with its unit, not routed yet
    route_delay: int = 2  # working days after it came in (after the launch)
    take_up: int | None = 1  # working days after routing; None: answered straight
    answer: int | None = 6  # working days after routing; None: not answered yet
    close: int | None = None  # working days after the answer; None: left open


def draw_fate(rng, category, day, unrouted_from):
    hard = category in HARD
    if day >= unrouted_from and rng.random() < 0.18:
        return Fate(routed=False)  # the office has not yet found whose it is
    stuck = rng.random() < (0.15 if hard else 0.045)
    take_up = rng.randint(0, 3) if rng.random() < (0.6 if stuck else 0.85) else None
    if stuck:
        answer = None
    elif rng.random() < 0.82:
        answer = rng.randint(2, 10)
    else:
        answer = rng.randint(11, 25)
    close = rng.randint(1, 12) if rng.random() < 0.62 else None
    return Fate(route_delay=rng.randint(1, 4), take_up=take_up, answer=answer, close=close)


# ---------------------------------------------------------------------------------------
# The county's opinions.

# 胜坨镇 shows its secretary every status: (day it came in, what became of it).
SCRIPT = [
    (D(2014, 5, 13), Fate(route_delay=3, noted=True)),  # received, unit noted
    (D(2014, 5, 14), Fate(route_delay=3, noted=True)),
    (D(2014, 4, 14), Fate(route_delay=1, take_up=None, answer=None)),  # routed, overdue
    (D(2014, 4, 16), Fate(route_delay=1, take_up=None, answer=None)),
    (D(2014, 4, 22), Fate(route_delay=2, take_up=None, answer=None)),
    (D(2014, 5, 8), Fate(route_delay=1, take_up=None, answer=None)),  # routed, in time
    (D(2014, 4, 28), Fate(route_delay=1, take_up=2, answer=None)),  # being handled
    (D(2014, 5, 5), Fate(route_delay=1, take_up=1, answer=None)),
    (D(2014, 4, 21), Fate(route_delay=1, take_up=1, answer=5)),  # answered
    (D(2014, 3, 24), Fate(route_delay=1, take_up=1, answer=4, close=3)),  # closed
]
ROUTING = {  # the fortnight after the launch: opinions heard before it, routed by wave
    1: (D(2014, 3, 3), D(2014, 3, 5)),
    2: (D(2014, 3, 5), D(2014, 3, 10)),
    3: (D(2014, 3, 10), D(2014, 3, 14)),
}


@dataclass
class Context:
    content_type: object
    office: object
    office2: object
    line: timeline.Timeline  # the demo's dates
    end: datetime.datetime  # nothing happens later: the evening before the demo day
    group_names: dict = field(default_factory=dict)  # {group pk: name}
    seq: list = field(default_factory=lambda: [0])  # the order rows were written in


def day_table(lo, hi):
    """The days lo..hi and how much is heard on each: less at weekends and holidays."""
    days, cum, total = [], [], 0.0
    day = lo
    while day <= hi:
        weight = 1.0 if day.weekday() < 5 else 0.4
        if timeline.is_holiday(day):
            weight = 0.15
        total += weight
        days.append(day)
        cum.append(total)
        day += datetime.timedelta(days=1)
    return days, cum


class County:
    """Makes every opinion of the demo county, each stepped by a Life."""

    def __init__(self, ctx, rng, found):
        self.ctx, self.rng, self.found = ctx, rng, found
        self.pools = Pools(found)
        self.writer = Writer(rng, found)
        self.codes = set()
        line = ctx.line
        self.launch = line.shift(LAUNCH)
        self.unrouted_from = line.shift(UNROUTED_FROM)
        self.before = day_table(line.shift(FIRST_DAY), self.launch - datetime.timedelta(days=1))
        self.since = day_table(self.launch, line.last_day)
        self.demo = next(p for p in found if p.unit.name == DEMO_TOWN)
        self.settled = set()
        self.total, self.duplicate_count = TOTAL, DUPLICATES

    def build(self):
        rng = self.rng
        lives = [
            self.live(
                self.demo,
                rng.choice([*WINDS, C.SERVICE]),
                self.ctx.line.shift(day),
                fate,
                pick(rng, CHANNELS),
            )
            for day, fate in SCRIPT
        ]
        examples = len(moderation_state.EXAMPLES)
        for _ in range(self.total - len(SCRIPT) - self.duplicate_count - examples):
            category = pick(rng, CATEGORIES)
            place = self.pools.draw(rng, category)
            day = self.draw_day()
            fate = draw_fate(rng, category, day, self.unrouted_from)
            lives.append(self.live(place, category, day, fate))
        lives += self.duplicates(lives)
        return lives + moderation_state.build(self)

    def new_life(self, opinion, place=None):
        return Life(self.ctx, opinion, place or self.demo)

    def check_box(self, life, routed=None):
        """The office checks a box submission before it routes it (``routed``), or else
        the working day after it came in, if that is before the demo day."""
        opinion = life.opinion
        if opinion.channel not in BOX_CHANNELS or opinion.moderated_at is not None:
            return
        if routed is not None:
            when = routed - datetime.timedelta(minutes=1)
        else:
            when = at(working_days_after(opinion.created_at.date(), 1), 9, 0)
        if when <= self.ctx.end:
            life.mark_checked(when, self.ctx.office)

    def draw_day(self):
        days, cum = self.before if self.rng.random() < PRE_LAUNCH else self.since
        return self.rng.choices(days, cum_weights=cum)[0]

    def code(self):
        while True:
            code = "".join(self.rng.choices(RECEIPT_ALPHABET, k=10))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def receiver(self):
        return self.ctx.office if self.rng.random() < 0.7 else self.ctx.office2

    def route_day(self, place, day, delay):
        if day >= self.launch:
            return working_days_after(day, delay)
        lo, hi = (self.ctx.line.shift(d) for d in ROUTING[place.unit.wave])
        span = [lo + datetime.timedelta(days=n) for n in range((hi - lo).days + 1)]
        working = [d for d in span if is_working_day(d)] or [working_days_after(hi, 1)]
        return self.rng.choice(working)

    def moments(self, place, day, fate, public):
        """When it came in and, if by the demo day, when it was routed, taken up,
        answered and closed."""
        rng = self.rng
        hours = (7 * 60, 22 * 60 + 50) if public else (8 * 60 + 30, 17 * 60 + 50)
        times = {"received": later(rng, day, None, *hours)}
        if not fate.routed:
            return times
        route_day = self.route_day(place, day, fate.route_delay)
        steps = [("routed", route_day)]
        if fate.take_up is not None:
            steps.append(("handling", working_days_after(route_day, fate.take_up)))
        if fate.answer is not None:
            steps.append(("answered", working_days_after(route_day, fate.answer)))
        last = times["received"]
        for step, step_day in steps:
            last = later(rng, step_day, last)
            if last > self.ctx.end:
                return times
            times[step] = last
        if fate.close is not None and "answered" in times:
            closed = later(rng, working_days_after(last.date(), fate.close), last)
            if closed <= self.ctx.end:
                times["closed"] = closed
        return times

    def live(self, place, category, day, fate, channel=None):
        rng = self.rng
        channel = channel or pick(rng, CHANNELS if day < self.launch else CHANNELS_SINCE_LAUNCH)
        public = channel == Channel.PUBLIC
        times = self.moments(place, day, fate, public)
        if place.unit.pk in self.settled and "routed" in times and "answered" not in times:
            times = {"received": times["received"]}  # not routed yet: the office holds it
        noted = not public and fate.routed and "routed" not in times
        noted = noted and (fate.noted or rng.random() < 0.3)
        known = "routed" in times or noted
        opinion, action = self.opinion(place, category, channel, day, known)
        opinion.unit_id = place.unit.pk if noted else None
        if public:
            opinion.named_person_id = None  # the public box names no account
            opinion.unit_hint = place.name if rng.random() < 0.6 else ""
        life = Life(self.ctx, opinion, place)
        if opinion.named_person_id:
            life.named = next(u for u in place.accounts if u.pk == opinion.named_person_id)
        if "routed" in times and "answered" not in times and self.handed_to_settled(life):
            times = {"received": times["received"]}  # the office holds it, its unit noted
            opinion.unit_id = None if public else place.unit.pk
        life.receive(times["received"], None if public else self.receiver())
        self.check_box(life, times.get("routed"))
        self.step(life, times, action)
        return life

    def handed_to_settled(self, life):
        """Whether routing would hand the opinion up (it names its unit's secretary or
        head) to a unit in ``settled``, none of whose opinions may be left unanswered."""
        opinion, place, named = life.opinion, life.place, life.named
        if named is None and opinion.named_person_name:
            named = place.account_named(opinion.named_person_name)  # as route() finds it
        above, _group = place.handler(named)
        return above is not None and above.unit.pk in self.settled

    def opinion(self, place, category, channel, day, known):
        rng, writer = self.rng, self.writer
        account, name, named = None, "", None
        names_someone = known and category in WINDS and place.kind != K.ENTERPRISE
        if names_someone and rng.random() < NAMES_SOMEONE:
            account, name, named = writer.named(place)
        content, action = writer.content(place, category, channel, day, named)
        contact, anonymous = writer.contact(channel)
        opinion = Opinion(
            receipt_code=self.code(),
            channel=channel,
            received_on=day,
            content=content,
            content_search=search_text(content),
            category=category,
            named_person_id=account.pk if account else None,
            named_person_name=name,
            anonymous=anonymous,
            created_by_seed=True,
            **contact,
        )
        return opinion, action

    def step(self, life, times, action):
        """Route, take up, answer and close, as far as the demo day allows."""
        rng, ctx, place = self.rng, self.ctx, life.place
        if "routed" in times:
            life.route(times["routed"], ctx.office, place.unit)
        answerer = place.answerer(life.named) or ctx.office
        if "handling" in times:
            life.start_handling(times["handling"], answerer)
        if "answered" in times:
            when = times["answered"]
            text = self.writer.answer(place, action, when.date(), life.opinion.received_on)
            life.answer(when, answerer, text, rng.random() < PUBLISHED)
        if "closed" in times:
            life.close(times["closed"], ctx.office)

    # --- duplicates, merged by the office ---

    def duplicates(self, lives):
        """DUPLICATES opinions repeating one heard earlier about the same unit, merged
        into it (one of them 胜坨镇's); now and then two at once."""
        rng = self.rng
        candidates = [
            life
            for life in lives
            if life.opinion.unit_id
            and life.opinion.received_on <= self.ctx.line.shift(DUPLICATED_UNTIL)
        ]
        demo = next(life for life in candidates if life.place is self.demo)
        wanted = self.duplicate_count
        keeps = [demo] + [k for k in rng.sample(candidates, wanted) if k is not demo]
        made = []
        for keep in keeps:
            count = min(2 if rng.random() < 0.15 else 1, wanted - len(made))
            if count <= 0:
                break
            duplicates = [self.duplicate(keep) for _ in range(count)]
            self.merge(keep, duplicates)
            made += duplicates
        return made

    def duplicate(self, keep):
        rng, base = self.rng, keep.opinion
        day = base.received_on + datetime.timedelta(days=rng.randint(1, 10))
        channel = base.channel
        while channel in (base.channel, Channel.PUBLIC):
            channel = pick(rng, CHANNELS)
        text = base.content
        head, colon, rest = text.partition(":")
        if colon and len(head) < 15:
            text = rest
        contact, anonymous = self.writer.contact(channel)
        code = self.code()
        content = rng.choice(DUPLICATE_LEADS) + text
        opinion = Opinion(
            receipt_code=code,
            channel=channel,
            received_on=day,
            content=content,
            content_search=search_text(content),
            category=base.category,
            anonymous=anonymous,
            created_by_seed=True,
            **contact,
        )
        life = Life(self.ctx, opinion, keep.place)
        received = later(rng, day)
        life.receive(received, self.receiver())
        route_day = self.route_day(keep.place, day, rng.randint(1, 3))
        routed = later(rng, route_day, received)
        self.check_box(life, routed)
        life.route(routed, self.ctx.office, keep.place.unit)
        return life

    def merge(self, keep, duplicates):
        last = max(d.last for d in duplicates)
        when = later(self.rng, working_days_after(last.date(), self.rng.randint(0, 2)), last)
        taken = {row[0] for _seq, row in keep.entries}
        while when in taken:
            when += datetime.timedelta(minutes=1)
        assert when <= self.ctx.end, when
        for duplicate in duplicates:
            duplicate.merge_into(when, self.ctx.office, keep)
        keep.merged_here(when, self.ctx.office, duplicates)


# ---------------------------------------------------------------------------------------
# Writing it all.


def insert_rows(model, names, rows):
    """INSERT ``rows`` (tuples of values for the fields ``names``) exactly as given, in
    multi-row statements; returns the new primary keys in order. bulk_create would put
    now into an auto_now_add field, and correcting 100,000 times with a bulk update takes
    half a minute; building model instances and letting the ORM compile each value takes
    most of the rest."""
    meta, ops = model._meta, connection.ops
    fields = [meta.get_field(name) for name in names]
    prepare = [_preparer(f) for f in fields]
    quote = ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
    tail = f" RETURNING {quote(meta.pk.column)}"
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(BATCH, ops.bulk_batch_size(fields, rows)))
    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = [p(value) for row in chunk for p, value in zip(prepare, row, strict=True)]
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            pks += [row[0] for row in cursor.fetchall()]
    return pks


def _preparer(f):
    """How a value goes to the database: times and dates as the backend stores them,
    JSON encoded; everything else as it is."""
    ops = connection.ops
    if isinstance(f, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(f, models.JSONField):
        return lambda value: f.get_db_prep_save(value, connection)
    return lambda value: value.value if isinstance(value, enum.Enum) else value


OPINION_FIELDS = [
    f.name for f in Opinion._meta.concrete_fields if not f.primary_key and f.name != "merged_into"
]
ENTRY_FIELDS = ["created_at", "actor", "code", "object_repr", "changes", "content_type"]
ENTRY_FIELDS += ["object_id", "reason"]
NOTICE_FIELDS = ["opinion", "kind", "method", "state", "attempts", "created_at", "claimed_at"]
NOTICE_FIELDS += ["sent_at", "error"]


def save(ctx, lives):
    """Opinions in the order they came in, their history in the order it happened, and
    the notices sent to answered senders who left an email."""
    lives.sort(key=lambda life: (life.opinion.created_at, life.entries[0][0]))
    attnames = [Opinion._meta.get_field(name).attname for name in OPINION_FIELDS]
    rows = [tuple(getattr(life.opinion, a) for a in attnames) for life in lives]
    for life, pk in zip(lives, insert_rows(Opinion, OPINION_FIELDS, rows), strict=True):
        life.opinion.pk = life.opinion.id = pk
        life.opinion._state.adding = False
    merged = [life for life in lives if life.opinion.status == Status.MERGED]
    for life in merged:
        life.opinion.merged_into_id = life.keep.opinion.pk
    Opinion.objects.bulk_update([life.opinion for life in merged], ["merged_into"])
    entries = [
        (seq, (*row[:5], ctx.content_type.pk, str(life.opinion.pk), row[5]))
        for life in lives
        for seq, row in life.entries
    ]
    entries.sort(key=lambda pair: pair[0])
    insert_rows(HistoryEntry, ENTRY_FIELDS, [row for _seq, row in entries])
    notices = [notice for life in lives for notice in _notices(life)]
    insert_rows(Notice, NOTICE_FIELDS, notices)


def _notices(life):
    """The notice to a sender who left contact, once it was answered."""
    if life.notice is None:
        return []
    method, state, created, claimed, sent = life.notice
    attempts = 1 if state == Notice.State.SENT else 0
    return [(life.opinion.pk, "answered", method, state, attempts, created, claimed, sent, "")]


def clear():
    """Delete every opinion and what hangs on it (a merged one points at its keep). The
    ORM's delete loads all 19,000 to look for what points at them: while that is only
    notices, links and merged opinions, one DELETE does it."""
    Notice.objects.all().delete()
    OpinionLink.objects.all().delete()
    Opinion.objects.exclude(merged_into=None).update(merged_into=None)
    known = {Notice, OpinionLink, Opinion}
    pointing = [
        rel
        for rel in Opinion._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and rel.related_model not in known
    ]
    if pointing:
        Opinion.objects.all().delete()
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(Opinion._meta.db_table)}")


def build(root, accounts, members, settled=(), total=TOTAL):
    """The demo county's opinions (``total`` of them); returns how many. The units in
    ``settled`` have had a phase accepted by their group, so none of their routed opinions
    is left unanswered."""
    users = {u.username: u for u in accounts.users}
    line = timeline.current()
    ctx = Context(
        content_type=ContentType.objects.get_for_model(Opinion),
        office=users[accounts.prefix + "office"],
        office2=users[accounts.prefix + "office2"],
        line=line,
        end=at(line.last_day, 18, 0),
        group_names=dict(SupervisionGroup.objects.values_list("pk", "name")),
    )
    county = County(ctx, random.Random(SEED), places(root, accounts, members))
    county.settled = set(settled)
    county.total, county.duplicate_count = total, round(DUPLICATES * total / TOTAL)
    lives = county.build()
    save(ctx, lives)
    return len(lives)
