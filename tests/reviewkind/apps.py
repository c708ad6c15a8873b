from django.apps import AppConfig

from campaign.review import kinds


def snapshot(record):
    rows = [(key, [text]) for key, text in sorted(record.lines.items())]
    return kinds.Snapshot(record.title, tables=[kinds.Table("条目", ["内容"], rows)])


def unmet(record):
    return [] if record.lines else ["至少写一条。"]


class ReviewKindTestConfig(AppConfig):
    name = "tests.reviewkind"
    label = "reviewkind"

    def ready(self):
        kinds.register(
            kinds.ReviewKind(
                code="test_checklist",
                label="测试清单",
                model="reviewkind.Checklist",
                levels=(kinds.GROUP, kinds.OFFICE),
                snapshot=snapshot,
                unmet=unmet,
                may_edit=lambda user, record: user.pk == record.owner_id,
            )
        )
