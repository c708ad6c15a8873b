"""Print the campaign-wide counts of units, members, groups and accounts."""

import json
import unicodedata

from django.core.management.base import BaseCommand
from django.utils import translation

from campaign.org.models import Member, Role, SupervisionGroup, Unit, UnitKind, User
from campaign.overview.stats import MEMBER_FLAGS, collect_stats
from campaign.review import kinds
from campaign.review.models import ReviewItem, State


class Command(BaseCommand):
    help = "Print the counts of units by kind, members by flag, groups and accounts by role."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON instead of lines")

    def handle(self, *args, **options):
        stats = collect_stats()
        if options["json"]:
            self.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2))
            return
        with translation.override("zh-hans"):
            self.stdout.write("\n".join(format_lines(stats)))


def sections(stats):
    """(title, [(label, value), ...]) per section, with the models' translated labels."""
    units, members, groups, users = (stats[k] for k in ("units", "members", "groups", "users"))
    unit_rows = [(UnitKind(k).label, n) for k, n in units["by_kind"].items()]
    unit_rows += [("基层党组织合计", units["organisations"]), ("单位合计", units["total"])]
    member_rows = [("党员合计", members["total"])]
    member_rows += [
        (Member._meta.get_field(f).verbose_name, members[k]) for k, f in MEMBER_FLAGS.items()
    ]
    group_rows = [
        ("督导组合计", groups["total"]),
        ("未分配督导组的基层党组织", groups["organisations_without_group"]),
    ]
    user_rows = [(Role(k).label, n) for k, n in users["by_role"].items()]
    user_rows += [("超级用户", users["superusers"]), ("账号合计", users["total"])]
    review = stats["review"]
    review_rows = [(State(k).label, n) for k, n in review["by_state"].items()]
    review_rows += [(kinds.label(k), n) for k, n in review["by_kind"].items()]
    review_rows += [("累计退回次数", review["times_sent_back"]), ("审核事项合计", review["total"])]
    return [
        (Unit._meta.verbose_name_plural, unit_rows),
        (Member._meta.verbose_name_plural, member_rows),
        (SupervisionGroup._meta.verbose_name_plural, group_rows),
        (User._meta.verbose_name_plural, user_rows),
        (ReviewItem._meta.verbose_name_plural, review_rows),
    ]


def width(text):
    """Columns on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_lines(stats):
    parts = sections(stats)
    label_width = max(width(str(label)) for _, rows in parts for label, _ in rows)
    lines = []
    for title, rows in parts:
        lines.append(str(title))
        for label, value in rows:
            label = str(label)
            lines.append(f"  {label}{' ' * (label_width - width(label))}  {value:>8,}")
    return lines
