"""Plain helpers any app may import (no models; imports nothing from campaign.* or portal.*)."""
