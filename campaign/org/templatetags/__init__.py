"""Template tags of the organisation app."""
