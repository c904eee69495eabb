"""The events stage: events coded in PLOVER with CAMEO and ACLED."""
