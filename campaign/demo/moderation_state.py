"""Box submissions of the demo county that the office moderated, or has still to check
(``campaign.opinions.moderation``), in the last week before the demo day: spam and abuse
hidden with a reason, a neighbour's ID-card number hidden as personal data, one hidden
by mistake and restored, a real opinion whose sender wrote their name and phone in the
text masked (its original read once by the office) and routed to 胜坨镇, and a spam, an
ID-card number and an angry but real complaint waiting for the check.

They are stepped by ``opinions_state.Life`` as the services step them, and are part of
the county's 18,969 opinions (the hidden ones are counted apart on every page).
"""

import datetime

from campaign.opinions.models import Category, Channel, Moderation, Opinion
from campaign.opinions.similar import search_text

from .campaign_state import at

D = datetime.date
SPAM, ABUSIVE, PERSONAL = Moderation.SPAM, Moderation.ABUSIVE, Moderation.PERSONAL

# (received, category, content, sender's contact or None, unit named by the sender, steps)
# A step: (time, "office" or "office2", what, argument). Times are on the reference
# timeline (the demo day 2014-05-15), moved onto the demo's by ``timeline.shift_dt``.
EXAMPLES = [
    (
        at(D(2014, 5, 12), 20, 14),
        Category.OTHER,
        "代开各类发票、办理各种证件,信誉第一,价格优惠,联系电话13900007788,微信同号。",
        None,
        "",
        [(at(D(2014, 5, 13), 9, 5), "office", "hide", (SPAM, "广告信息,与教育实践活动无关"))],
    ),
    (
        at(D(2014, 5, 11), 22, 30),
        Category.BUREAUCRATISM,
        "镇里那帮干部全是废物、蛀虫,一群吃干饭的,早该统统滚蛋!",
        None,
        "胜坨镇",
        [(at(D(2014, 5, 12), 9, 20), "office2", "hide", (ABUSIVE, "通篇辱骂,未反映具体事实"))],
    ),
    (
        at(D(2014, 5, 9), 19, 40),
        Category.FORMALISM,
        "我是村民刘桂芳,电话13800001234。我们村去年修村路的账目到现在也没有公开,"
        "问村干部只说还没算完,希望镇里督促村委会把账目张榜公布。",
        {"contact_name": "刘桂芳", "contact_phone": "13800001234"},
        "胜坨镇",
        [
            (at(D(2014, 5, 12), 10, 2), "office", "mask", None),
            (at(D(2014, 5, 12), 10, 5), "office", "reveal", None),
            (at(D(2014, 5, 12), 10, 10), "office", "route", None),
        ],
    ),
    (
        at(D(2014, 5, 10), 16, 45),
        Category.ENVIRONMENT,
        "街道两边电线杆上贴满了“办证”“贷款”小广告,电话号码一大串,城管也不清理,"
        "影响镇容镇貌,希望镇里组织清理。",
        None,
        "胜坨镇",
        [
            (at(D(2014, 5, 12), 9, 31), "office2", "hide", (SPAM, "疑似小广告")),
            (
                at(D(2014, 5, 13), 10, 20),
                "office",
                "restore",
                "内容是反映小广告乱贴的问题,并非广告",
            ),
        ],
    ),
    (
        at(D(2014, 5, 13), 21, 10),
        Category.OTHER,
        "举报邻居王某某(身份证370521197801010000,住胜坨镇某村三排五号)欠钱不还,请政府把他抓起来。",
        None,
        "",
        [
            (
                at(D(2014, 5, 14), 9, 12),
                "office",
                "hide",
                (PERSONAL, "私人债务纠纷,含他人身份证号和住址"),
            )
        ],
    ),
    (
        at(D(2014, 5, 14), 8, 10),
        Category.SOCIAL_SECURITY,
        "我叫张某某,身份证号37052119800101000X,申请低保两年了一直没批下来,"
        "村干部说名额满了,可有的人家里有车有楼房也吃上了低保。",
        None,
        "",
        [],
    ),
    (
        at(D(2014, 5, 14), 12, 31),
        Category.OTHER,
        "高薪招聘兼职刷单,日结300元,在家就能做,联系人小李,电话15900001234。",
        None,
        "",
        [],
    ),
    (
        at(D(2014, 5, 14), 15, 2),
        Category.SERVICE,
        "派出所办户口的那几个人就是一群混蛋,态度恶劣,张口就骂人,让老百姓跑了五六趟!",
        None,
        "",
        [],
    ),
]


def build(county):
    """The lives of the examples, after the county's other opinions."""
    return [_example(county, *example) for example in EXAMPLES]


def _example(county, received, category, content, contact, unit_hint, steps):
    from campaign.opinions.moderation import propose_mask

    received = county.ctx.line.shift_dt(received)
    opinion = Opinion(
        receipt_code=county.code(),
        channel=Channel.PUBLIC,
        received_on=received.date(),
        content=content,
        content_search=search_text(content),
        category=category,
        unit_hint=unit_hint,
        anonymous=contact is None,
        created_by_seed=True,
        **(contact or {}),
    )
    life = county.new_life(opinion)
    life.receive(received, None)
    actors = {"office": county.ctx.office, "office2": county.ctx.office2}
    for reference, who, what, argument in steps:
        when, actor = county.ctx.line.shift_dt(reference), actors[who]
        if what == "hide":
            life.hide(when, actor, *argument)
        elif what == "restore":
            life.restore(when, actor, argument)
        elif what == "mask":
            life.mask(when, actor, propose_mask(opinion))
        elif what == "reveal":
            life.reveal(when, actor)
        elif county.demo.unit.pk not in county.settled:  # route: none left open there
            life.route(when, actor, county.demo.unit)
    return life
