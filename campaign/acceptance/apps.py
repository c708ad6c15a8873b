from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcceptanceConfig(AppConfig):
    name = "campaign.acceptance"
    label = "acceptance"
    verbose_name = _("Phase acceptance")

    def ready(self):
        from campaign.phases import rules
        from campaign.phases.signals import rule_broken
        from campaign.review import kinds
        from campaign.review.signals import item_reopened

        from . import services

        kinds.register(
            kinds.ReviewKind(
                code=services.KIND,
                label=_("Phase acceptance"),
                model="acceptance.PhaseAcceptance",
                levels=(kinds.GROUP, kinds.OFFICE),
                required_levels=(kinds.GROUP,),
                snapshot=services.snapshot,
                unmet=services.unmet,
                blocks_submit=False,  # the unit may ask; nobody passes it while rules fail
                checks=services.CHECKS,
                checks_at=(kinds.GROUP,),
                template="acceptance/_review.html",
                edit_url=services.acceptance_url,
                order=90,
            )
        )
        rules.register(rules.Rule("requirements", (1, 2, 3), services.requirements_rule, order=90))
        item_reopened.connect(services.on_item_reopened, dispatch_uid="acceptance.reopen_for")
        rule_broken.connect(services.on_rule_broken, dispatch_uid="acceptance.rule_broken")
