"""Load the demo county (垦利县) and, for load tests, copies of it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from campaign.demo.build import SeedRefused, seed
from campaign.demo.data import PASSWORD
from campaign.org.models import Unit


class Command(BaseCommand):
    help = (
        "Replace the demo data with the demo county 垦利县 (and copies of it with --scale). "
        "Refuses a database holding data the seed did not make."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="number of counties (default 1)")
        parser.add_argument(
            "--small",
            action="store_true",
            help="the small test county of fixtures/test_county.json instead of 垦利县",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if any unit exists; never loads anything when DEBUG is off",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="load the demo data even though DEBUG is off",
        )

    def handle(self, *args, scale, small, if_empty, allow_production, **options):
        if scale < 1:
            raise CommandError("--scale 至少为 1。")
        if not settings.DEBUG:
            if if_empty:
                self.stdout.write("生产环境(DEBUG 关闭)从不自动载入演示数据,未做任何改动。")
                return
            if not allow_production:
                raise CommandError(
                    "当前为生产环境(DEBUG 关闭),拒绝载入演示数据;确需载入请加 --allow-production。"
                )
        if if_empty and Unit.objects.exists():
            self.stdout.write("数据库中已有单位数据,未载入演示数据。")
            return
        try:
            stdout = self.stdout if options["verbosity"] > 1 else None
            result = seed(counties=scale, stdout=stdout, small=small)
        except SeedRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(describe(result)))


def describe(result):
    return (
        f"演示数据已生成:{result['counties']} 个县,单位 {result['units']} 个"
        f"(其中基层党组织 {result['organisations']} 个),党员 {result['members']} 名,"
        f"督导组 {result['groups']} 个,账号 {result['users']} 个(密码均为 {PASSWORD}),"
        f"用时 {result['seconds']} 秒。"
    )
