"""A review kind that exists only in the test settings: proof that an app plugs a record
of its own shape into the review engine without touching the review app."""
