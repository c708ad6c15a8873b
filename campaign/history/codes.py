"""Labels for the history codes, as users read them."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "org.unit.created": _("unit created"),
    "org.unit.updated": _("unit changed"),
    "org.unit.deleted": _("unit deleted"),
    "org.group.created": _("supervision group created"),
    "org.group.updated": _("supervision group changed"),
    "org.group.units_assigned": _("units assigned to the group"),
    "org.member.created": _("member added"),
    "org.member.updated": _("member changed"),
    "org.member.deleted": _("member removed"),
    "org.members.imported": _("members imported"),
    "org.account.created": _("account created"),
    "org.account.updated": _("account changed"),
    "org.account.password_set": _("password set"),
    "review.item.created": _("draft created"),
    "review.item.revised": _("revised: new version"),
    "review.item.reopened": _("changed after sign-off: reopened for review"),
    "review.item.submitted": _("sent for review"),
    "review.item.passed": _("passed to the next level"),
    "review.item.sent_back": _("sent back"),
    "review.item.signed_off": _("signed off"),
    "review.chain.updated": _("review levels changed"),
    "phases.campaign.created": _("campaign set up"),
    "phases.campaign.updated": _("campaign changed"),
    "phases.plans.updated": _("wave plans changed"),
    "phases.requirement.created": _("requirement added"),
    "phases.requirement.updated": _("requirement changed"),
    "phases.activity.recorded": _("supervision activity recorded"),
}
