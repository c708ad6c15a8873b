"""What the engine tells the apps that listen (they connect in their ``AppConfig.ready``).

``item_reopened(item, actor, cause, at)``: a signed-off item was reopened (revised after
sign-off, or reopened because something it rests on changed). Sent inside the
transaction that reopened it.
"""

from django.dispatch import Signal

item_reopened = Signal()
