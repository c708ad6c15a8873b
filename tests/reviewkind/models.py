from django.db import models


class Checklist(models.Model):
    """A record of a shape the portal does not have: a title and lines with stable keys."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=100)
    lines = models.JSONField(default=dict)  # {key: text}
    owner = models.ForeignKey("org.User", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.title
