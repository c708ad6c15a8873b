from campaign.org.models import Role


def navigation(request):
    """What the shell needs on every page: the user's role, for the menu."""
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    return {"nav_role": role, "Role": Role}
